import { ErrorCode } from '@podroom/contracts';
import { RateLimitedError } from '../errors/domain.errors.js';
import { formatWait, SignInLimiter } from './sign-in.limiter.js';

const LIMITS = { maxFailures: 3, windowSec: 60, maxFailuresPerIp: 5, ipWindowSec: 600 };

/** The RATE_LIMITED error `check` throws, or undefined when the attempt may go on. */
async function refusal(limiter: SignInLimiter, email: string, ip: string) {
  try {
    await limiter.check(email, ip);
    return undefined;
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
}

describe('SignInLimiter', () => {
  it('blocks an (email, IP) pair after maxFailures, for the whole window', async () => {
    const limiter = SignInLimiter.inMemory(LIMITS);
    for (let i = 0; i < LIMITS.maxFailures; i++) {
      expect(await refusal(limiter, 'a@x.io', '10.0.0.1')).toBeUndefined();
      await limiter.failed('a@x.io', '10.0.0.1');
    }
    const blocked = await refusal(limiter, 'a@x.io', '10.0.0.1');
    expect(blocked?.code).toBe(ErrorCode.RATE_LIMITED);
    expect(blocked?.retryAfterMs).toBeGreaterThan(59_000);
    expect(blocked?.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(blocked?.message).toMatch(/try again in (59|60) seconds/);
    // The same email from elsewhere, and another email from here, are not blocked.
    expect(await refusal(limiter, 'a@x.io', '10.0.0.2')).toBeUndefined();
    expect(await refusal(limiter, 'b@x.io', '10.0.0.1')).toBeUndefined();
  });

  it('forgets the pair failures after a success, but not the IP ones', async () => {
    const limiter = SignInLimiter.inMemory(LIMITS);
    for (let i = 0; i < LIMITS.maxFailures - 1; i++) await limiter.failed('a@x.io', '10.0.0.1');
    await limiter.succeeded('a@x.io', '10.0.0.1');
    for (let i = 0; i < LIMITS.maxFailures - 1; i++) await limiter.failed('a@x.io', '10.0.0.1');
    expect(await refusal(limiter, 'a@x.io', '10.0.0.1')).toBeUndefined();
    // 4 failures from this IP so far: one more (any email) reaches the ceiling of 5.
    await limiter.failed('c@x.io', '10.0.0.1');
    const blocked = await refusal(limiter, 'd@x.io', '10.0.0.1');
    expect(blocked?.retryAfterMs).toBeGreaterThan(599_000);
    expect(await refusal(limiter, 'd@x.io', '10.0.0.9')).toBeUndefined();
  });

  it('says how long to wait in words', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(45_200)).toBe('46 seconds');
    expect(formatWait(15 * 60_000)).toBe('15 minutes');
  });
});
