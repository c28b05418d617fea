/**
 * Stable error codes sent to clients, over HTTP (`{ error: { code, message } }`) and in socket
 * acknowledgements (`{ ok: false, error: { code, message } }`). Clients branch on `code`; the
 * message is for people. docs/protocol.md lists when each is sent.
 */
export const ErrorCode = {
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A socket event the server does not know (its name is in the message). */
  UNKNOWN_EVENT: 'UNKNOWN_EVENT',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
  // Accounts.
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  // Rooms.
  ROOM_NOT_FOUND: 'ROOM_NOT_FOUND',
  ROOM_LOCKED: 'ROOM_LOCKED',
  ROOM_ENDED: 'ROOM_ENDED',
  NICKNAME_INVALID: 'NICKNAME_INVALID',
  NICKNAME_TAKEN: 'NICKNAME_TAKEN',
  INVALID_TOKEN: 'INVALID_TOKEN',
  NOT_JOINED: 'NOT_JOINED',
  NOT_HOST: 'NOT_HOST',
  KICKED: 'KICKED',
  STALE_VERSION: 'STALE_VERSION',
  STEP_OUT_OF_RANGE: 'STEP_OUT_OF_RANGE',
  // Questions.
  QUESTION_NOT_FOUND: 'QUESTION_NOT_FOUND',
  QUESTION_ALREADY_ASKED: 'QUESTION_ALREADY_ASKED',
  QUESTION_STILL_OPEN: 'QUESTION_STILL_OPEN',
  QUESTION_NOT_OPEN_YET: 'QUESTION_NOT_OPEN_YET',
  QUESTION_CLOSED: 'QUESTION_CLOSED',
  ALREADY_ANSWERED: 'ALREADY_ANSWERED',
  INVALID_ANSWER: 'INVALID_ANSWER',
  // Lessons.
  /** The lesson does not compile; `details` name the line and field of each problem. */
  INVALID_LESSON: 'INVALID_LESSON',
  /** A read-only lesson (a built-in one): copy it to edit. */
  LESSON_READ_ONLY: 'LESSON_READ_ONLY',
  /** The lesson has sessions (their reports need it): it cannot be deleted. */
  LESSON_IN_USE: 'LESSON_IN_USE',
  // Classes.
  /** The roster file is not usable; `details` name the line of each problem. */
  INVALID_ROSTER: 'INVALID_ROSTER',
  /** The room belongs to a class with a roster: join with your student id (`rosterId`). */
  ROSTER_ID_REQUIRED: 'ROSTER_ID_REQUIRED',
  /** No student with this id is on the class roster. */
  ROSTER_ID_UNKNOWN: 'ROSTER_ID_UNKNOWN',
  /** Another participant in the room already joined with this student id. */
  ROSTER_ID_TAKEN: 'ROSTER_ID_TAKEN',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The error body every podroom API returns. */
export interface ErrorBody {
  code: ErrorCode | (string & {});
  message: string;
  /** Field-level problems, for validation errors. */
  details?: string[];
  /** With RATE_LIMITED and UNAVAILABLE: how long to wait before trying again. */
  retryAfterMs?: number;
}

/** Every socket event is acknowledged with one of these. */
export type Ack<T extends object = Record<never, never>> =
  ({ ok: true } & T) | { ok: false; error: ErrorBody };
