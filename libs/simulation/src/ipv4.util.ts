/** IPv4 arithmetic on dotted strings. */

/** Parses `a.b.c.d` to an unsigned 32-bit number, or `undefined` if it is not an IPv4 address. */
export function parseIPv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return (((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0) as number;
}

/** Formats an unsigned 32-bit number as `a.b.c.d`. */
export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** A parsed CIDR block. */
export interface Cidr {
  base: number;
  prefix: number;
  size: number;
}

/** Parses `a.b.c.d/n`; the base is masked. Returns `undefined` if malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const ip = parseIPv4(m[1]!);
  const prefix = Number(m[2]);
  if (ip === undefined || prefix > 32) return undefined;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (ip & mask) >>> 0, prefix, size: 2 ** (32 - prefix) };
}

/** True if `ip` (dotted) lies in `cidr` (text or parsed). */
export function cidrContains(cidr: string | Cidr, ip: string): boolean {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  const n = parseIPv4(ip);
  if (!c || n === undefined) return false;
  return n - c.base >= 0 && n - c.base < c.size;
}

/** The address `offset` places after the start of `cidr`. */
export function cidrAddress(cidr: string, offset: number): string {
  const c = parseCidr(cidr);
  if (!c) throw new Error(`bad CIDR ${cidr}`);
  return formatIPv4((c.base + offset) >>> 0);
}

/** `10.244.2.84` → `10-244-2-84` (the label of a pod A record). */
export function dashedIP(ip: string): string {
  return ip.replaceAll('.', '-');
}
