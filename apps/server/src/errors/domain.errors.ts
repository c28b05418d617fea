import { ErrorCode } from '@podroom/contracts';

/**
 * Base of podroom's domain errors: plain errors with a stable code. The HTTP and WebSocket
 * filters turn them into responses; nothing else needs to know about transports.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidPayloadError extends DomainError {
  constructor(message: string, details?: string[]) {
    super(ErrorCode.INVALID_PAYLOAD, message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(ErrorCode.NOT_FOUND, `${what} not found`);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Sign in first') {
    super(ErrorCode.UNAUTHORIZED, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, code: string = ErrorCode.FORBIDDEN) {
    super(code, message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, code: string = ErrorCode.CONFLICT) {
    super(code, message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(
    message = 'Too many requests; slow down',
    /** When the client may try again (HTTP `Retry-After`, `retryAfterMs` in the body). */
    readonly retryAfterMs?: number,
  ) {
    super(ErrorCode.RATE_LIMITED, message);
  }
}

/** How long a client should wait before retrying after UNAVAILABLE (a database restart, a stop). */
export const UNAVAILABLE_RETRY_MS = 2_000;

/**
 * UNAVAILABLE: the server cannot do it right now (the database is unreachable, the process is
 * stopping); nothing was changed, and the same request may be sent again after `retryAfterMs`.
 */
export class UnavailableError extends DomainError {
  constructor(
    message = 'The server cannot do this right now; try again in a moment',
    readonly retryAfterMs: number = UNAVAILABLE_RETRY_MS,
  ) {
    super(ErrorCode.UNAVAILABLE, message);
  }
}
