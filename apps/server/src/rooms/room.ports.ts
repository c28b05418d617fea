import type { ServerToClientEvents } from '@podroom/contracts';
import type { Question } from '@podroom/quiz';

/**
 * The small interfaces the room runner talks through, so that the room logic does not depend on
 * Nest, Prisma or socket.io: a store (PostgreSQL), a clock with timers, and a broadcaster
 * (socket.io rooms — with the Redis adapter, across processes).
 */

/** The room's time source and timers. */
export interface RoomClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `callback` at `atMs` (at once if that is past); returns a cancel function. */
  schedule(atMs: number, callback: () => void): () => void;
}

/** Who receives a room broadcast. */
export type Audience = 'students' | 'hosts' | 'everyone';

type Args<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>;

/** Sends room events. Implementations serialise a broadcast once for all its recipients. */
export interface RoomBroadcaster {
  toRoom<E extends keyof ServerToClientEvents>(
    roomId: string,
    audience: Audience,
    event: E,
    payload: Args<E>[0],
    options?: { exceptParticipants?: readonly string[] },
  ): void;
  toParticipant<E extends keyof ServerToClientEvents>(
    participantId: string,
    event: E,
    payload: Args<E>[0],
  ): void;
  /** Takes a participant's sockets out of the room (after a kick). */
  removeParticipant(roomId: string, participantId: string): void;
}

export type RoomStatusValue = 'lobby' | 'live' | 'ended';

/** The open question as kept in the room's state (and so recovered after a restart). */
export interface OpenQuestionState {
  questionId: string;
  key: string;
  ordinal: number;
  openedAt: number;
  timerStartsAt: number;
  /** Base deadline (without anyone's extra time). */
  deadline: number;
  timeLimitMs: number;
}

/** Extra time for a participant, by nickname (settings of the room). */
export interface ExtraTimeSetting {
  nickname: string;
  factor?: number;
  extraMs?: number;
}

/** The room's runtime state, stored as JSON in `Session.state` on every change. */
export interface PersistedRoomState {
  step: number;
  locked: boolean;
  leaderboardHidden: boolean;
  openQuestion: OpenQuestionState | null;
  /** The question whose reveal is showing (until the next question opens). */
  lastClosedQuestionId: string | null;
  lastCloseReason: 'deadline' | 'all-answered' | 'host' | 'ended' | null;
  joinUrl: string;
  settings: {
    detail: 'summary' | 'hops';
    speedScoring?: boolean;
    streaks?: boolean;
    extraTime: ExtraTimeSetting[];
  };
}

export interface StoredParticipant {
  id: string;
  nickname: string;
  kicked: boolean;
  /** The roster student id the participant joined with (rooms of a class with a roster). */
  rosterId: string | null;
}

/** A question as asked in this room (the `Question` table). `definition.id` is the lesson key. */
export interface StoredQuestion {
  id: string;
  key: string;
  ordinal: number;
  definition: Question;
  timeLimitMs: number;
  openedAt: number;
  deadline: number;
  closedAt: number | null;
}

export interface StoredAnswer {
  questionId: string;
  participantId: string;
  value: unknown;
  responseMs: number;
  receivedAt: number;
  correct: boolean;
  credit: number;
  points: number;
}

/** An answer to insert, with its room. */
export interface NewAnswer extends StoredAnswer {
  roomId: string;
}

/** Everything needed to resume a room. */
export interface StoredRoom {
  id: string;
  code: string;
  lessonId: string;
  instructorId: string;
  /** The class the room is taught to, if any: its roster decides who may join. */
  classId: string | null;
  status: RoomStatusValue;
  version: number;
  state: PersistedRoomState;
  createdAt: number;
  endedAt: number | null;
  participants: StoredParticipant[];
  questions: StoredQuestion[];
  answers: StoredAnswer[];
}

/** A state change to persist, applied only if the stored version is still `expectedVersion`. */
export interface StateWrite {
  roomId: string;
  expectedVersion: number;
  version: number;
  status: RoomStatusValue;
  state: PersistedRoomState;
}

/** Where rooms live. Every write that changes the state checks its version (optimistic lock). */
export interface RoomStore {
  loadRoom(roomId: string): Promise<StoredRoom | null>;
  saveState(write: StateWrite): Promise<void>;
  /** Null when the nickname is taken. */
  addParticipant(
    roomId: string,
    nickname: string,
    rosterId: string | null,
  ): Promise<StoredParticipant | null>;
  /** The student ids on a class roster (empty when it has none). */
  rosterIds(classId: string): Promise<string[]>;
  setKicked(participantId: string): Promise<void>;
  /** Inserts the question snapshot and saves the state, in one transaction. */
  openQuestion(write: StateWrite, question: Omit<StoredQuestion, 'closedAt'>): Promise<void>;
  closeQuestion(write: StateWrite, questionId: string, closedAt: number): Promise<void>;
  /** Ends the room and frees its join code, in one transaction. */
  endRoom(write: StateWrite, endedAt: number): Promise<void>;
  /** Inserts many answers, of any rooms, at once (all or none). */
  insertAnswers(answers: NewAnswer[]): Promise<void>;
}
