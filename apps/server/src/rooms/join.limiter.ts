import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';
import { RateLimitedError } from '../errors/domain.errors.js';

/** How fast `room:join` may be attempted (env JOIN_RATE_*; README.md). */
export interface JoinLimits {
  /** Attempts per second to one join code. */
  perCode: number;
  /** Attempts per second from one client IP, any code. */
  perIp: number;
}

/**
 * On top of the rate, a key may spend BURST_FACTOR × its rate more within any BURST_WINDOW_SEC:
 * a class that all types the code in the same few seconds gets in at once, a sustained flood
 * does not.
 */
export const BURST_FACTOR = 5;
export const BURST_WINDOW_SEC = 10;

type Limiter = Pick<BurstyRateLimiter, 'consume'>;

/**
 * Rate limits for `room:join`, checked before the join touches the database: per client IP first
 * (one machine flooding, or guessing codes), then per join code (how fast one room fills, whoever
 * sends the joins). Every attempt counts, whatever its outcome. A refused attempt gets
 * RATE_LIMITED with `retryAfterMs` (at most about a second: the rate's window). The counters are
 * in memory, or in Redis when REDIS_URL is set, with this process's memory as the insurance while
 * Redis is unreachable (as SignInLimiter does). docs/decisions/0031-join-limits-and-database-outages.md
 */
export class JoinLimiter {
  private constructor(
    private readonly byIp: Limiter,
    private readonly byCode: Limiter,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {}

  static inMemory(limits: JoinLimits): JoinLimiter {
    const limiter = (rate: number) =>
      new BurstyRateLimiter(
        new RateLimiterMemory({ points: rate, duration: 1 }),
        new RateLimiterMemory({ points: rate * BURST_FACTOR, duration: BURST_WINDOW_SEC }),
      );
    return new JoinLimiter(limiter(limits.perIp), limiter(limits.perCode));
  }

  /** Counters shared by every server process; each falls back to memory while Redis is down. */
  static withRedis(
    client: RedisClientType,
    keyPrefix: string,
    limits: JoinLimits,
    onClose: () => Promise<void>,
  ): JoinLimiter {
    const redis = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: `${keyPrefix}:joins:${name}`,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      });
    const limiter = (name: string, rate: number) =>
      new BurstyRateLimiter(
        redis(`${name}:rate`, rate, 1),
        redis(`${name}:burst`, rate * BURST_FACTOR, BURST_WINDOW_SEC),
      );
    return new JoinLimiter(limiter('ip', limits.perIp), limiter('code', limits.perCode), onClose);
  }

  /** Counts one join attempt; throws RATE_LIMITED (with when to retry) over either limit. */
  async consume(code: string, ip: string): Promise<void> {
    await take(this.byIp, ip, 'Too many joins from your network');
    await take(this.byCode, code, 'Too many people are joining this room right now');
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

async function take(limiter: Limiter, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (refusal) {
    // Anything but a refusal is the store failing: let the join through rather than refuse it.
    if (!(refusal instanceof RateLimiterRes)) return;
    const retryAfterMs = Math.max(1, Math.ceil(refusal.msBeforeNext));
    throw new RateLimitedError(`${what}; try again in ${retryAfterMs} ms`, retryAfterMs);
  }
}
