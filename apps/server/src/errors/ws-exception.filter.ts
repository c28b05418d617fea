import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Ack } from '@podroom/contracts';
import type { Socket } from 'socket.io';
import { toErrorBody } from './error-body.js';

/**
 * Every failed socket event is acknowledged with `{ ok: false, error }`; an event sent without an
 * acknowledgement callback gets the same object as an `exception` event. Never closes the socket.
 */
@Catch()
export class WsExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply: Ack = { ok: false, error: toErrorBody(exception).body };
    const ack = host
      .getArgs()
      .find((arg): arg is (reply: Ack) => void => typeof arg === 'function');
    if (ack) ack(reply);
    else host.switchToWs().getClient<Socket>().emit('exception', reply);
  }
}
