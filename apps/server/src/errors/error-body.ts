import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ErrorCode, type ErrorBody } from '@podroom/contracts';
import { isDatabaseUnavailable } from '../database/database.errors.js';
import { DomainError, RateLimitedError, UnavailableError } from './domain.errors.js';

const STATUS_BY_CODE: Record<string, number> = {
  [ErrorCode.INVALID_PAYLOAD]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UNAUTHORIZED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.EMAIL_TAKEN]: HttpStatus.CONFLICT,
  [ErrorCode.BAD_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.INVALID_TOKEN]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.ROOM_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.QUESTION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.NOT_HOST]: HttpStatus.FORBIDDEN,
  [ErrorCode.KICKED]: HttpStatus.FORBIDDEN,
  [ErrorCode.INVALID_LESSON]: HttpStatus.BAD_REQUEST,
  [ErrorCode.INVALID_ROSTER]: HttpStatus.BAD_REQUEST,
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.INVALID_PAYLOAD,
  401: ErrorCode.UNAUTHORIZED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.INVALID_PAYLOAD,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.UNAVAILABLE,
};

const logger = new Logger('Errors');

/**
 * The one place that turns any thrown value into podroom's error body and an HTTP status.
 * Unknown errors are logged and reported as INTERNAL without their message (no leaks).
 */
export function toErrorBody(exception: unknown): { status: number; body: ErrorBody } {
  if (!(exception instanceof DomainError) && isDatabaseUnavailable(exception)) {
    // Not a bug: the database is restarting or unreachable. Say so, and when to try again.
    logger.warn(`Database unavailable: ${(exception as Error).message}`);
    exception = new UnavailableError('The database is not reachable right now; try again shortly');
  }
  if (exception instanceof DomainError) {
    const status = STATUS_BY_CODE[exception.code] ?? HttpStatus.CONFLICT;
    const body: ErrorBody = { code: exception.code, message: exception.message };
    if (exception.details) body.details = exception.details;
    if (
      (exception instanceof RateLimitedError || exception instanceof UnavailableError) &&
      exception.retryAfterMs !== undefined
    )
      body.retryAfterMs = exception.retryAfterMs;
    return { status, body };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const raw =
      typeof response === 'object' && response !== null
        ? (response as { message?: unknown }).message
        : response;
    const messages = Array.isArray(raw) ? raw.map(String) : [String(raw ?? exception.message)];
    const body: ErrorBody = {
      code:
        CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_PAYLOAD),
      message:
        messages.length > 1 ? `${messages[0]} (and ${messages.length - 1} more)` : messages[0]!,
    };
    if (Array.isArray(raw)) body.details = messages;
    return { status, body };
  }
  logger.error(exception);
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { code: ErrorCode.INTERNAL, message: 'Internal error' },
  };
}
