import { nicknameKey } from '@podroom/contracts';
import type { AnswerScore, AnswerValue, ExtraTime, Question, ScoringOptions } from '@podroom/quiz';
import type { LessonPlan } from '../lessons/lesson.plan.js';
import type { PersistedRoomState, RoomStatusValue } from './room.ports.js';

/** The in-memory model of a live room, owned by its runner (room.runner.ts). */

export interface ParticipantEntry {
  id: string;
  nickname: string;
  kicked: boolean;
  /** The roster student id joined with, if the room's class has a roster. */
  rosterId: string | null;
  /** Sockets of this participant connected to this process. */
  connections: number;
  // Totals over the closed questions (libs/quiz scoreSession gives the same from stored answers).
  points: number;
  streak: number;
  correct: number;
  correctResponseMs: number;
}

export interface AnswerEntry {
  participantId: string;
  value: AnswerValue;
  responseMs: number;
  receivedAt: number;
  score: AnswerScore;
  /** True once the answer is committed to the database. */
  committed: boolean;
  /** Settles when the answer's batch is written (rejects if it failed). */
  commit: Promise<void>;
}

/** A question asked in this room. `question.id` is the stored question's id (not the key). */
export interface AskedQuestion {
  id: string;
  key: string;
  ordinal: number;
  question: Question;
  timeLimitMs: number;
  openedAt: number;
  timerStartsAt: number;
  deadline: number;
  closedAt: number | null;
  answers: Map<string, AnswerEntry>;
  /** How many of `answers` are committed. */
  committed: number;
}

export interface RoomModel {
  id: string;
  code: string;
  instructorId: string;
  /** The class taught, if any (its roster decides who may join). */
  classId: string | null;
  plan: LessonPlan;
  status: RoomStatusValue;
  version: number;
  state: PersistedRoomState;
  participants: Map<string, ParticipantEntry>;
  /** In the order asked. */
  asked: AskedQuestion[];
  /**
   * Bumped whenever participants or their totals change (join, kick, a question closing), so
   * that views can cache what depends only on them (the ranking).
   */
  revision: number;
  /** Participants not kicked with at least one connection here. */
  connectedActive: number;
}

/** The scoring options of a room: the lesson's, the room's settings, extra time by nickname. */
export function roomScoringOptions(
  plan: LessonPlan,
  settings: PersistedRoomState['settings'],
  participants: Iterable<{ id: string; nickname: string }>,
): ScoringOptions {
  const extraByKey = new Map<string, ExtraTime>(
    settings.extraTime.map(({ nickname, factor, extraMs }) => [
      nicknameKey(nickname),
      { ...(factor !== undefined && { factor }), ...(extraMs !== undefined && { extraMs }) },
    ]),
  );
  const extraTime: Record<string, ExtraTime> = {};
  if (extraByKey.size > 0) {
    for (const p of participants) {
      const extra = extraByKey.get(nicknameKey(p.nickname));
      if (extra) extraTime[p.id] = extra;
    }
  }
  return {
    speedScoring: settings.speedScoring ?? plan.scoring.speedScoring,
    streaks: settings.streaks ?? plan.scoring.streaks,
    extraTime: { ...plan.scoring.extraTime, ...extraTime },
  };
}

/** A stored question definition as the room uses it: with the stored question's id. */
export function askedDefinition(definition: Question, questionId: string): Question {
  return { ...definition, id: questionId };
}
