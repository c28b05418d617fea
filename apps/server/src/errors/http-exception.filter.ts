import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { toErrorBody } from './error-body.js';

/** Every HTTP error leaves as `{ error: { code, message, details? } }`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = toErrorBody(exception);
    const response = host.switchToHttp().getResponse<Response>();
    if (body.retryAfterMs !== undefined)
      response.setHeader('Retry-After', String(Math.ceil(body.retryAfterMs / 1000)));
    response.status(status).json({ error: body });
  }
}
