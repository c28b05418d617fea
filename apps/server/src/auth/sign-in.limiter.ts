import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
  type RateLimiterRes,
} from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';
import { RateLimitedError } from '../errors/domain.errors.js';

/** How many failed sign-ins are allowed (env SIGN_IN_*; README.md). */
export interface SignInLimits {
  /** Failures per (email, IP) within `windowSec`; reaching it blocks that pair for `windowSec`. */
  maxFailures: number;
  windowSec: number;
  /** Failures per IP, any email, within `ipWindowSec`; reaching it blocks the IP that long. */
  maxFailuresPerIp: number;
  ipWindowSec: number;
}

/**
 * Brute-force protection for `POST /auth/sign-in`. Two counters of *failures*:
 * - per (email, IP): a few consecutive wrong passwords, then that pair is blocked for a while; a
 *   successful sign-in resets it. Someone guessing one account's password is stopped, while the
 *   same person typing their own password wrong does not lock out anyone else (another IP, or
 *   another email from the same IP, is unaffected);
 * - per IP: a higher ceiling over a longer window, against one address trying many emails.
 *
 * A blocked attempt is refused before the password hash is computed (argon2 is the expensive
 * part). docs/decisions/0051-instructor-tokens-and-sign-in-limits.md explains the store choice.
 */
export class SignInLimiter {
  private constructor(
    private readonly byEmailAndIp: RateLimiterAbstract,
    private readonly byIp: RateLimiterAbstract,
    private readonly limits: SignInLimits,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {}

  /** Counters in this process's memory (one server process). */
  static inMemory(limits: SignInLimits): SignInLimiter {
    return new SignInLimiter(
      new RateLimiterMemory({ points: limits.maxFailures, duration: limits.windowSec }),
      new RateLimiterMemory({ points: limits.maxFailuresPerIp, duration: limits.ipWindowSec }),
      limits,
    );
  }

  /**
   * Counters in Redis, shared by every server process (several replicas behind one proxy would
   * otherwise each allow the full count). While Redis is unreachable each process falls back to
   * its own memory counters rather than refusing every sign-in.
   */
  static withRedis(
    client: RedisClientType,
    keyPrefix: string,
    limits: SignInLimits,
    onClose: () => Promise<void>,
  ): SignInLimiter {
    const limiter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true, // Redis down: use the insurance limiter at once
        keyPrefix: `${keyPrefix}:sign-in-failures:${name}`,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      });
    return new SignInLimiter(
      limiter('email-ip', limits.maxFailures, limits.windowSec),
      limiter('ip', limits.maxFailuresPerIp, limits.ipWindowSec),
      limits,
      onClose,
    );
  }

  /** Throws RATE_LIMITED (with when to retry) if this email or this IP is blocked now. */
  async check(email: string, ip: string): Promise<void> {
    const [pair, address] = await Promise.all([
      this.byEmailAndIp.get(pairKey(email, ip)),
      this.byIp.get(ip),
    ]);
    const waits = [
      blockedFor(pair, this.limits.maxFailures),
      blockedFor(address, this.limits.maxFailuresPerIp),
    ];
    const retryAfterMs = Math.max(...waits);
    if (retryAfterMs > 0) {
      throw new RateLimitedError(
        `Too many failed sign-ins; try again in ${formatWait(retryAfterMs)}`,
        retryAfterMs,
      );
    }
  }

  /** Counts a failed sign-in; the failure that reaches a limit starts its block. */
  async failed(email: string, ip: string): Promise<void> {
    const key = pairKey(email, ip);
    const [pair, address] = await Promise.all([
      this.byEmailAndIp.penalty(key, 1),
      this.byIp.penalty(ip, 1),
    ]);
    await Promise.all([
      pair.consumedPoints >= this.limits.maxFailures &&
        this.byEmailAndIp.block(key, this.limits.windowSec),
      address.consumedPoints >= this.limits.maxFailuresPerIp &&
        this.byIp.block(ip, this.limits.ipWindowSec),
    ]);
  }

  /** A successful sign-in clears the (email, IP) failures; the IP's count stays. */
  async succeeded(email: string, ip: string): Promise<void> {
    await this.byEmailAndIp.delete(pairKey(email, ip));
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

// An IP has no "/" (IPv6 uses ":"), so the pair key cannot be read two ways.
const pairKey = (email: string, ip: string) => `${ip}/${email}`;

/** Milliseconds until the counter allows another attempt, or 0. */
function blockedFor(res: RateLimiterRes | null, limit: number): number {
  return res && res.consumedPoints >= limit ? Math.max(1, res.msBeforeNext) : 0;
}

/** "3 minutes", "45 seconds". */
export function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
