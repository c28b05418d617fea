import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { RateLimitedError } from '../errors/domain.errors.js';

/** Per-socket token bucket: bursts of `capacity` events, `refillPerSec` on average. */
export const WS_RATE_LIMIT = { capacity: 30, refillPerSec: 15 } as const;

interface Bucket {
  tokens: number;
  at: number;
}

/** One bucket per socket, shared by every gateway's guard and the unknown-event middleware. */
const buckets = new WeakMap<Socket, Bucket>();

/**
 * Takes one token from the socket's bucket. Returns 0 when the event may go on, otherwise how
 * many milliseconds until the next token.
 */
export function takeEventToken(socket: Socket): number {
  const now = performance.now();
  const bucket = buckets.get(socket) ?? { tokens: WS_RATE_LIMIT.capacity, at: now };
  bucket.tokens = Math.min(
    WS_RATE_LIMIT.capacity,
    bucket.tokens + ((now - bucket.at) / 1000) * WS_RATE_LIMIT.refillPerSec,
  );
  bucket.at = now;
  buckets.set(socket, bucket);
  if (bucket.tokens < 1)
    return Math.ceil(((1 - bucket.tokens) / WS_RATE_LIMIT.refillPerSec) * 1000);
  bucket.tokens -= 1;
  return 0;
}

export const tooManyEventsMessage = (retryAfterMs: number) =>
  `Too many events from this connection; retry in ${retryAfterMs} ms`;

/**
 * Rate-limits every event of a socket. Over the limit, the event is acknowledged with
 * RATE_LIMITED (its message says when to retry) and dropped; the socket stays connected.
 */
@Injectable()
export class WsRateLimitGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const wait = takeEventToken(context.switchToWs().getClient<Socket>());
    if (wait > 0) throw new RateLimitedError(tooManyEventsMessage(wait));
    return true;
  }
}
