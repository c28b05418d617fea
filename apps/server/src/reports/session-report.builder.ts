import type { ReportAnswerStatus, ReportParticipantAnswer, RoomReport } from '@podroom/contracts';
import {
  answerDistribution,
  averageResponseMs,
  questionStats,
  rankLeaderboard,
  scoreSession,
  type AnswerValue,
  type Question,
  type ScoredAnswer,
  type ScoringOptions,
} from '@podroom/quiz';
import type { RoomStatusValue } from '../rooms/room.ports.js';

/** A session as the reports read it from the database (reports.repository.ts), in plain types. */
export interface SessionRecord {
  id: string;
  code: string;
  lessonId: string;
  instructorId: string;
  classId: string | null;
  status: RoomStatusValue;
  createdAt: number;
  endedAt: number | null;
  /** The room's settings (`Session.state.settings`): detail level, scoring overrides, extra time. */
  settings: {
    detail: 'summary' | 'hops';
    speedScoring?: boolean;
    streaks?: boolean;
    extraTime: { nickname: string; factor?: number; extraMs?: number }[];
  };
  /** In the order they joined. */
  participants: { id: string; nickname: string; kicked: boolean; rosterId: string | null }[];
  /** In the order asked. `definition` is the question as asked, answer key included. */
  questions: {
    id: string;
    key: string;
    ordinal: number;
    definition: Question;
    closedAt: number | null;
  }[];
  /** The stored answers (the `Answer` rows): what every number of a report is computed from. */
  answers: { questionId: string; participantId: string; value: unknown; responseMs: number }[];
}

/**
 * A session's report, computed from its stored answers alone: every score is recomputed with
 * libs/quiz's scoreSession (the rules the live room scored with), so it agrees with the live
 * scores and cannot drift from the answers. `scoring` is the room's scoring options
 * (rooms/room.model.ts roomScoringOptions). Pure.
 */
export function buildSessionReport({
  session,
  lessonTitle,
  scoring,
}: {
  session: SessionRecord;
  lessonTitle: string;
  scoring: ScoringOptions;
}): RoomReport {
  // Scored against the stored question ids (keys may repeat across generated/authored ones).
  const asked: Question[] = session.questions.map((q) => ({ ...q.definition, id: q.id }));
  const scored = scoreSession({
    questions: asked,
    answers: session.answers,
    participants: session.participants.map((p) => ({ id: p.id, name: p.nickname })),
    options: scoring,
  });
  const known = new Map(session.participants.map((p) => [p.id, p]));
  const participantCount = scored.participants.length;
  const answersOf = new Map<string, ScoredAnswer[]>();
  const byQuestion = new Map<string, ScoredAnswer[]>();
  for (const a of scored.answers) {
    push(answersOf, a.participantId, a);
    push(byQuestion, a.questionId, a);
  }

  const questions = session.questions.map((q, i): RoomReport['questions'][number] => {
    const question = asked[i]!;
    const answers = (byQuestion.get(q.id) ?? []).map((a) => ({
      value: a.value,
      responseMs: a.responseMs,
      late: a.late,
    }));
    const stats = questionStats({ question, answers, participantCount });
    return {
      questionId: q.id,
      ordinal: q.ordinal,
      key: q.key,
      type: question.type,
      prompt: question.prompt,
      points: question.points,
      concept: question.concept ?? null,
      options: 'options' in question && question.options ? question.options.map(option) : [],
      answer: question.answer as AnswerValue,
      answered: stats.answered,
      unanswered: participantCount - (byQuestion.get(q.id)?.length ?? 0),
      correct: stats.correct,
      partial: stats.partial,
      late: answers.filter((a) => a.late).length,
      correctPercent: stats.correctPercent,
      averageResponseMs: stats.averageResponseMs,
      distribution: answerDistribution(question, answers),
    };
  });

  const meanCredit = new Map(
    session.questions.map((q) => {
      const answers = byQuestion.get(q.id) ?? [];
      const credit = answers.reduce((sum, a) => sum + (a.late ? 0 : a.credit), 0);
      return [q.id, participantCount > 0 ? credit / participantCount : 0];
    }),
  );
  const hardestFirst = [...questions]
    .sort(
      (a, b) =>
        nullsLast(a.correctPercent, b.correctPercent, (x, y) => x - y) ||
        meanCredit.get(a.questionId)! - meanCredit.get(b.questionId)! ||
        nullsLast(a.averageResponseMs, b.averageResponseMs, (x, y) => y - x) ||
        a.ordinal - b.ordinal,
    )
    .map((q) => q.questionId);

  const participants = rankLeaderboard(scored.participants).map((p) => {
    const mine = new Map((answersOf.get(p.participantId) ?? []).map((a) => [a.questionId, a]));
    const answers = session.questions.map((q) => participantAnswer(q, mine.get(q.id)));
    const who = known.get(p.participantId);
    return {
      rank: p.rank,
      participantId: p.participantId,
      nickname: p.name,
      rosterId: who?.rosterId ?? null,
      kicked: who?.kicked ?? false,
      points: p.points,
      correct: p.correct,
      answered: p.answered,
      unanswered: session.questions.length - p.answered,
      accuracyPercent: percent(p.correct, session.questions.length),
      averageResponseMs: averageResponseMs(answersOf.get(p.participantId) ?? []),
      streak: p.streak,
      bestStreak: p.bestStreak,
      answers,
    };
  });

  return {
    room: {
      id: session.id,
      code: session.code,
      lessonTitle,
      status: session.status,
      createdAt: new Date(session.createdAt).toISOString(),
      endedAt: session.endedAt === null ? null : new Date(session.endedAt).toISOString(),
      classId: session.classId,
    },
    questions,
    hardestFirst,
    participants,
    answers: scored.answers.map((a) => ({
      questionId: a.questionId,
      participantId: a.participantId,
      value: a.value,
      responseMs: a.responseMs,
      correct: a.correct,
      credit: a.credit,
      late: a.late,
      points: a.points,
    })),
  };
}

/** `100 × part / whole`, or null when `whole` is 0. */
export const percent = (part: number, whole: number): number | null =>
  whole > 0 ? (100 * part) / whole : null;

function participantAnswer(
  question: SessionRecord['questions'][number],
  answer: ScoredAnswer | undefined,
): ReportParticipantAnswer {
  if (!answer) {
    return {
      questionId: question.id,
      ordinal: question.ordinal,
      status: 'unanswered',
      value: null,
      correct: false,
      credit: 0,
      late: false,
      responseMs: null,
      points: 0,
    };
  }
  return {
    questionId: question.id,
    ordinal: question.ordinal,
    status: statusOf(answer),
    value: answer.value as AnswerValue,
    correct: answer.correct,
    credit: answer.credit,
    late: answer.late,
    responseMs: answer.responseMs,
    points: answer.points,
  };
}

function statusOf(answer: ScoredAnswer): ReportAnswerStatus {
  if (answer.late) return 'late';
  if (answer.correct) return 'correct';
  return answer.credit > 0 ? 'partial' : 'wrong';
}

const option = (o: { id: string; text: string }) => ({ id: o.id, text: o.text });

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function nullsLast(
  a: number | null,
  b: number | null,
  compare: (a: number, b: number) => number,
): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compare(a, b);
}
