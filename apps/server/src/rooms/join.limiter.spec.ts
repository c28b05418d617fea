import { ErrorCode } from '@podroom/contracts';
import { RateLimitedError } from '../errors/domain.errors.js';
import { BURST_FACTOR, JoinLimiter } from './join.limiter.js';

/** How many of `n` attempts at once pass, and the refusals' errors. */
async function attempts(limiter: JoinLimiter, n: number, code: (i: number) => string, ip: string) {
  const refusals: RateLimitedError[] = [];
  let passed = 0;
  for (let i = 0; i < n; i++) {
    try {
      await limiter.consume(code(i), ip);
      passed += 1;
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      refusals.push(error);
    }
  }
  return { passed, refusals };
}

describe('JoinLimiter', () => {
  it('lets a code take its rate plus the burst, then refuses with when to retry', async () => {
    const limiter = JoinLimiter.inMemory({ perCode: 4, perIp: 1_000 });
    const { passed, refusals } = await attempts(limiter, 50, () => '123456', '10.0.0.1');
    expect(passed).toBe(4 + 4 * BURST_FACTOR);
    expect(refusals).toHaveLength(50 - passed);
    expect(refusals[0]!.code).toBe(ErrorCode.RATE_LIMITED);
    expect(refusals[0]!.retryAfterMs).toBeGreaterThan(0);
    expect(refusals[0]!.retryAfterMs).toBeLessThanOrEqual(1_000);
    expect(refusals[0]!.message).toMatch(/joining this room/);
    // Another room's code is not affected.
    expect((await attempts(limiter, 1, () => '654321', '10.0.0.2')).passed).toBe(1);
  });

  it('limits one IP over every code, and not the others', async () => {
    const limiter = JoinLimiter.inMemory({ perCode: 1_000, perIp: 2 });
    const code = (i: number) => String(100_000 + i);
    const { passed, refusals } = await attempts(limiter, 40, code, '10.0.0.1');
    expect(passed).toBe(2 + 2 * BURST_FACTOR);
    expect(refusals[0]!.message).toMatch(/your network/);
    expect((await attempts(limiter, 3, code, '10.0.0.2')).passed).toBe(3);
  });

  it('allows joins again once the second is over', async () => {
    const limiter = JoinLimiter.inMemory({ perCode: 2, perIp: 1_000 });
    const { refusals } = await attempts(limiter, 2 + 2 * BURST_FACTOR + 1, () => '1', 'ip');
    expect(refusals).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, refusals[0]!.retryAfterMs! + 20));
    expect((await attempts(limiter, 2, () => '1', 'ip')).passed).toBe(2);
  });
});
