/** Express's compiled `trust proxy` setting: whether the address `hop` steps back is a proxy. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * A socket's client IP as Express computes `req.ip` (proxy-addr): walking from the connection's
 * address back through `X-Forwarded-For`, the first address that is not a trusted proxy. With no
 * TRUST_PROXY nothing is trusted and it is the connection's address.
 */
export function clientIp(
  address: string,
  forwardedFor: string | string[] | undefined,
  trust: TrustProxy,
): string {
  const forwarded = [forwardedFor ?? []]
    .flat()
    .join(',')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const chain = [address, ...forwarded.reverse()];
  for (let hop = 0; hop < chain.length - 1; hop++) if (!trust(chain[hop]!, hop)) return chain[hop]!;
  return chain[chain.length - 1]!;
}
