import { isDatabaseUnavailable } from './database.errors.js';

describe('isDatabaseUnavailable', () => {
  it('recognises an unreachable or lost database, however Prisma wraps it', () => {
    // What Prisma 7 over @prisma/adapter-pg throws while the server is stopped.
    const prisma = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), {
      code: 'P2010',
      meta: {
        driverAdapterError: {
          name: 'DriverAdapterError',
          cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 },
        },
      },
    });
    prisma.message = 'Raw query failed.';
    expect(isDatabaseUnavailable(prisma)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'P1001' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    // PostgreSQL shutting down ("terminating connection due to administrator command").
    expect(isDatabaseUnavailable({ kind: 'postgres', code: '57P01', message: 'terminating' })).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: { code: 'ECONNRESET' } }))).toBe(
      true,
    );
  });

  it('leaves bugs and constraint violations alone', () => {
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('unique'), { code: 'P2002' }))).toBe(
      false,
    );
    expect(
      isDatabaseUnavailable({
        meta: { driverAdapterError: { cause: { kind: 'postgres', code: '23505' } } },
      }),
    ).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
