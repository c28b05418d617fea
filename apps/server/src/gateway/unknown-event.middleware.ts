import type { Logger } from '@nestjs/common';
import { ErrorCode, type Ack } from '@podroom/contracts';
import type { Socket } from 'socket.io';
import { takeEventToken, tooManyEventsMessage } from './ws-rate-limit.guard.js';

/** Names socket.io and Node emit on a server socket themselves: never a client's to trigger. */
const RESERVED = new Set(['error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

/** How much of an unknown event's name the error message repeats. */
const NAME_IN_MESSAGE = 64;

/**
 * Guards one socket's incoming events before any gateway sees them:
 * - an event no gateway handles (a typo, a random name, a number, or `error`, which would
 *   otherwise reach Node's EventEmitter as an error) is acknowledged with UNKNOWN_EVENT — or
 *   RATE_LIMITED once the socket is over its limit, as known events are — and goes no further;
 * - socket.io's own `error` event (a packet it cannot parse, before it closes the connection) is
 *   logged: without a listener, Node would throw it and take the process down.
 * An event sent without an acknowledgement callback gets its error as an `exception` event, as
 * with WsExceptionFilter.
 */
export function guardSocketEvents(socket: Socket, logger: Logger): void {
  socket.on('error', (error: Error) => logger.debug(`socket ${socket.id}: ${error.message}`));
  socket.use((event, next) => {
    const name: unknown = event[0];
    if (typeof name === 'string' && !RESERVED.has(name) && socket.listenerCount(name) > 0)
      return next();
    const last: unknown = event.at(-1);
    const wait = takeEventToken(socket);
    const reply: Ack = {
      ok: false,
      error:
        wait > 0
          ? {
              code: ErrorCode.RATE_LIMITED,
              message: tooManyEventsMessage(wait),
              retryAfterMs: wait,
            }
          : {
              code: ErrorCode.UNKNOWN_EVENT,
              message: `Unknown event ${JSON.stringify(String(name).slice(0, NAME_IN_MESSAGE))}`,
            },
    };
    if (typeof last === 'function') (last as (reply: Ack) => void)(reply);
    else socket.emit('exception', reply);
  });
}
