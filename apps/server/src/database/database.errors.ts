/** Prisma's codes for "cannot reach / lost / timed out waiting for" the database server. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Driver adapter error kinds (@prisma/adapter-pg) that mean the same. */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
/** Node socket errors, and PostgreSQL's: shutting down, starting up, too many connections. */
const ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
/** node-postgres errors that carry no code. */
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Can't reach database server/i;

/**
 * Whether an error means "the database cannot be reached right now" (server stopped or
 * restarting, connection lost, pool wait timed out) — worth a retry later — rather than a bug or a
 * constraint. Looks through Prisma's wrapping (`meta.driverAdapterError`, `cause`).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const e = error as {
    code?: unknown;
    kind?: unknown;
    originalCode?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  if (typeof e.code === 'string' && (PRISMA_CODES.has(e.code) || ERROR_CODES.has(e.code)))
    return true;
  if (typeof e.code === 'string' && e.code.startsWith('08')) return true; // connection exception
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  if (e.kind === 'postgres' && typeof e.code === 'string' && e.code.startsWith('08')) return true;
  if (typeof e.originalCode === 'string' && ERROR_CODES.has(e.originalCode)) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  return (
    isDatabaseUnavailable(e.cause, depth + 1) ||
    isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1)
  );
}
