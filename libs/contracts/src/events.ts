import type { Ack, ErrorBody } from './errors.js';
import type {
  AttachHostDto,
  CloseQuestionDto,
  EndRoomDto,
  GotoStepDto,
  JoinRoomDto,
  KickParticipantDto,
  LeaderboardVisibilityDto,
  LockRoomDto,
  OpenQuestionDto,
  ResumeRoomDto,
  StepMoveDto,
  SubmitAnswerDto,
} from './room.dto.js';
import type {
  AnswerResultView,
  HostQuestionView,
  HostSnapshot,
  LeaderboardEntry,
  LeaderboardView,
  OpenQuestionView,
  QuestionProgress,
  RecordedAnswer,
  RevealView,
  RoomEndedView,
  RoomStateView,
  RosterEntry,
  StepView,
  StudentSnapshot,
} from './room.views.js';

/** Plain-object form of a DTO class: what a client sends. */
type Payload<T> = { [K in keyof T]: T[K] };

/** The acknowledgement of `answer:submit`; a repeat gets ALREADY_ANSWERED with the first answer. */
export type AnswerAck =
  { ok: true; answer: RecordedAnswer } | { ok: false; error: ErrorBody; answer?: RecordedAnswer };

/** Acknowledgement of a host move: the new state version. */
export type VersionAck<T extends object = Record<never, never>> = Ack<{ version: number } & T>;

/**
 * Events a client may send. Every one is acknowledged (`Ack`): `{ ok: true, … }` or
 * `{ ok: false, error: { code, message } }`. `host:*` events need a socket attached as host
 * (`host:attach`); `answer:submit` needs a socket joined as a student (`room:join`/`room:resume`).
 */
export interface ClientToServerEvents {
  /** Round-trip check: answers with the server's clock. */
  ping: (payload: Record<string, never>, ack: (reply: Ack<{ serverTime: number }>) => void) => void;

  /** Join a room as a student; keep the token to resume later. */
  'room:join': (
    payload: Payload<JoinRoomDto>,
    ack: (reply: Ack<{ token: string; participantId: string; snapshot: StudentSnapshot }>) => void,
  ) => void;
  /** Come back with the token from `room:join` (after a reconnect or a server restart). */
  'room:resume': (
    payload: Payload<ResumeRoomDto>,
    ack: (reply: Ack<{ participantId: string; snapshot: StudentSnapshot }>) => void,
  ) => void;
  /** Answer the open question, once. Acknowledged after the answer is committed. */
  'answer:submit': (payload: Payload<SubmitAnswerDto>, ack: (reply: AnswerAck) => void) => void;

  /** Open the host console of a room with the instructor's token. */
  'host:attach': (
    payload: Payload<AttachHostDto>,
    ack: (reply: Ack<{ snapshot: HostSnapshot }>) => void,
  ) => void;
  'host:next': (
    payload: Payload<StepMoveDto>,
    ack: (reply: VersionAck<{ step: StepView }>) => void,
  ) => void;
  'host:previous': (
    payload: Payload<StepMoveDto>,
    ack: (reply: VersionAck<{ step: StepView }>) => void,
  ) => void;
  'host:goto': (
    payload: Payload<GotoStepDto>,
    ack: (reply: VersionAck<{ step: StepView }>) => void,
  ) => void;
  'host:open-question': (
    payload: Payload<OpenQuestionDto>,
    ack: (reply: VersionAck<{ question: HostQuestionView }>) => void,
  ) => void;
  'host:close-question': (
    payload: Payload<CloseQuestionDto>,
    ack: (reply: VersionAck<{ reveal: RevealView }>) => void,
  ) => void;
  'host:kick': (payload: Payload<KickParticipantDto>, ack: (reply: Ack) => void) => void;
  'host:lock': (payload: Payload<LockRoomDto>, ack: (reply: VersionAck) => void) => void;
  'host:leaderboard': (
    payload: Payload<LeaderboardVisibilityDto>,
    ack: (reply: VersionAck) => void,
  ) => void;
  'host:end': (
    payload: Payload<EndRoomDto>,
    ack: (reply: VersionAck<{ podium: LeaderboardEntry[] }>) => void,
  ) => void;
}

/** Events the server sends. Students and hosts of a room get only their room's events. */
export interface ServerToClientEvents {
  /** Errors for events sent without an acknowledgement callback. */
  exception: (error: Ack) => void;

  /** Everyone: the host moved to another step. */
  'step:changed': (change: { version: number; step: StepView }) => void;
  /** Students: a question opened (no answer key). */
  'question:opened': (question: OpenQuestionView & { version: number }) => void;
  /** Everyone: the question closed; the reveal (key, distribution, explanation). */
  'question:closed': (reveal: RevealView & { version: number }) => void;
  /** One student: their result for the question that just closed. */
  'question:result': (result: AnswerResultView) => void;
  /** One student (top 5 + own place), after each question unless hidden. */
  leaderboard: (leaderboard: LeaderboardView) => void;
  /** Everyone: the room was locked/unlocked, or the leaderboard hidden/shown. */
  'room:state': (state: RoomStateView) => void;
  /** Everyone: the room ended (podium). The room is read-only from now on. */
  'room:ended': (ended: RoomEndedView) => void;
  /** One student: the host removed them from the room. */
  'room:kicked': (notice: { reason: string }) => void;

  /** Host: a question opened (with its key and live progress). */
  'host:question-opened': (question: HostQuestionView & { version: number }) => void;
  /** Host: answers came in (after they were committed). */
  'host:progress': (progress: QuestionProgress) => void;
  /** Host: somebody joined, left, came back or was kicked. */
  'host:roster': (roster: RosterEntry[]) => void;
  /** Host: the whole leaderboard, after each question. */
  'host:leaderboard': (leaderboard: LeaderboardView) => void;
}

/** Names of the events clients send, and those only a host may send. */
export type ClientEventName = keyof ClientToServerEvents;
