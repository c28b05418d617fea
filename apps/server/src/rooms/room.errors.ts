import { ErrorCode } from '@podroom/contracts';
import { DomainError, UnavailableError } from '../errors/domain.errors.js';

/** The room's domain errors, each with its stable code (docs/protocol.md). */
export const RoomErrors = {
  notFound: () => new DomainError(ErrorCode.ROOM_NOT_FOUND, 'No live room has this code'),
  locked: () => new DomainError(ErrorCode.ROOM_LOCKED, 'The room is locked: no new players'),
  ended: () => new DomainError(ErrorCode.ROOM_ENDED, 'The room has ended'),
  nicknameInvalid: (reason: string) => new DomainError(ErrorCode.NICKNAME_INVALID, reason),
  nicknameTaken: () =>
    new DomainError(ErrorCode.NICKNAME_TAKEN, 'Somebody in the room already has this nickname'),
  rosterIdRequired: () =>
    new DomainError(ErrorCode.ROSTER_ID_REQUIRED, 'This class joins with student ids: enter yours'),
  rosterIdUnknown: () =>
    new DomainError(ErrorCode.ROSTER_ID_UNKNOWN, 'This student id is not on the class roster'),
  rosterIdTaken: () =>
    new DomainError(
      ErrorCode.ROSTER_ID_TAKEN,
      'Someone in this room already joined with this student id; ask your instructor',
    ),
  notJoined: () => new DomainError(ErrorCode.NOT_JOINED, 'Join the room first'),
  notHost: () => new DomainError(ErrorCode.NOT_HOST, 'Only the host of the room can do this'),
  kicked: () => new DomainError(ErrorCode.KICKED, 'You were removed from this room'),
  invalidToken: () => new DomainError(ErrorCode.INVALID_TOKEN, 'Invalid or expired token'),
  staleVersion: (current: number) =>
    new DomainError(
      ErrorCode.STALE_VERSION,
      `The room changed (now at version ${current}); refresh and try again`,
    ),
  stepOutOfRange: (total: number) =>
    new DomainError(ErrorCode.STEP_OUT_OF_RANGE, `Steps go from 0 to ${total - 1}`),
  questionNotFound: () =>
    new DomainError(ErrorCode.QUESTION_NOT_FOUND, 'The lesson has no such question'),
  questionAlreadyAsked: () =>
    new DomainError(ErrorCode.QUESTION_ALREADY_ASKED, 'This question was already asked'),
  questionStillOpen: () =>
    new DomainError(ErrorCode.QUESTION_STILL_OPEN, 'Close the open question first'),
  questionNotOpenYet: () =>
    new DomainError(ErrorCode.QUESTION_NOT_OPEN_YET, 'Answers open after the reading time'),
  questionClosed: () => new DomainError(ErrorCode.QUESTION_CLOSED, 'This question is closed'),
  invalidAnswer: (message: string, details?: string[]) =>
    new DomainError(ErrorCode.INVALID_ANSWER, message, details),
  unavailable: () => new UnavailableError('The room is not available right now; try again'),
};
