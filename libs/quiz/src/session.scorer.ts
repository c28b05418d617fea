import { compareCodeUnits } from './code-units.comparator.js';
import type { Question } from './question.types.js';
import {
  resolveScoringOptions,
  scoreAnswer,
  type AnswerScore,
  type ScoringOptions,
} from './score.calculator.js';

/** An answer as stored: enough to recompute its score. */
export interface StoredAnswer {
  /** The `id` of the question answered (as in the `questions` passed to {@link scoreSession}). */
  readonly questionId: string;
  readonly participantId: string;
  /** The submitted value, as received (validated again here). */
  readonly value: unknown;
  /** From the timer's start (see `responseTimeMs`). */
  readonly responseMs: number;
}

/** A participant known to the session, named for the leaderboard. */
export interface SessionParticipant {
  readonly id: string;
  readonly name: string;
}

/** A stored answer with its recomputed score. */
export interface ScoredAnswer extends StoredAnswer, AnswerScore {}

/** One participant's totals. */
export interface ParticipantScore {
  readonly participantId: string;
  /** From `participants`; the participant id when not listed there. */
  readonly name: string;
  /** Total points, bonuses included. */
  readonly points: number;
  /** Current streak (consecutive right answers up to the last question). */
  readonly streak: number;
  readonly bestStreak: number;
  /** Questions answered (duplicates and answers to unknown questions excluded). */
  readonly answered: number;
  /** Questions answered fully right and on time. */
  readonly correct: number;
  /** Sum of response times of those right answers (a leaderboard tie-break: faster is better). */
  readonly correctResponseMs: number;
}

/** A stored answer left out of the scores, and why. */
export interface IgnoredAnswer {
  readonly answer: StoredAnswer;
  readonly reason: string;
}

/** Everything {@link scoreSession} recomputes. */
export interface SessionScore {
  /** Every participant (listed or having answered), sorted by participant id. */
  readonly participants: readonly ParticipantScore[];
  /** The counted answers, in question order, then by participant id. */
  readonly answers: readonly ScoredAnswer[];
  /** Answers not counted: to an unknown question, or a second answer to the same question. */
  readonly ignored: readonly IgnoredAnswer[];
  /** Problems with the inputs that did not stop scoring (e.g. a repeated question id). */
  readonly warnings: readonly string[];
}

const valueKey = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};
const timeKey = (ms: number): number => (Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY);

/** Orders two answers to the same question by the same participant: the one that counts first. */
const compareDuplicates = (a: StoredAnswer, b: StoredAnswer): number =>
  timeKey(a.responseMs) - timeKey(b.responseMs) ||
  compareCodeUnits(valueKey(a.value), valueKey(b.value));

/**
 * Recompute every participant's points and streak from scratch, from the stored answers alone —
 * to rebuild a room's state after a restart, and for reports to check totals. Pure and
 * deterministic: the result does not depend on the order of `answers` (or of `participants`).
 *
 * Questions are taken in the order given (the order they were asked). Per question, each
 * participant's answer is scored with {@link scoreAnswer} against their streak so far; a
 * participant with no answer to a question has their streak reset to 0. If a participant has more
 * than one answer to a question, the fastest counts (ties: the smallest JSON of the value) and the
 * others are reported in `ignored`, as are answers to questions not in `questions`.
 */
export function scoreSession({
  questions,
  answers,
  participants = [],
  options,
}: {
  /** The questions in the order they were asked. */
  readonly questions: readonly Question[];
  readonly answers: readonly StoredAnswer[];
  /** Participants to include even with no answers, and their names. */
  readonly participants?: readonly SessionParticipant[];
  readonly options?: Partial<ScoringOptions>;
}): SessionScore {
  const opts = resolveScoringOptions(options);
  const warnings: string[] = [];
  const asked: Question[] = [];
  const askedIds = new Set<string>();
  questions.forEach((q, i) => {
    if (askedIds.has(q.id)) {
      warnings.push(`questions[${i}]: repeated question id ${JSON.stringify(q.id)} ignored`);
      return;
    }
    askedIds.add(q.id);
    asked.push(q);
  });

  const byQuestion = new Map<string, Map<string, StoredAnswer>>();
  const ignored: IgnoredAnswer[] = [];
  for (const answer of answers) {
    if (!askedIds.has(answer.questionId)) {
      ignored.push({ answer, reason: `unknown question ${JSON.stringify(answer.questionId)}` });
      continue;
    }
    let perParticipant = byQuestion.get(answer.questionId);
    if (!perParticipant) byQuestion.set(answer.questionId, (perParticipant = new Map()));
    const kept = perParticipant.get(answer.participantId);
    if (kept === undefined) {
      perParticipant.set(answer.participantId, answer);
    } else {
      const [first, second] = compareDuplicates(answer, kept) < 0 ? [answer, kept] : [kept, answer];
      perParticipant.set(answer.participantId, first);
      ignored.push({ answer: second, reason: 'another answer to the same question counts' });
    }
  }

  const names = new Map<string, string>();
  for (const p of participants) if (!names.has(p.id)) names.set(p.id, p.name);
  const ids = new Set(names.keys());
  for (const perParticipant of byQuestion.values())
    for (const id of perParticipant.keys()) ids.add(id);
  const sortedIds = [...ids].sort(compareCodeUnits);

  const totals = new Map(
    sortedIds.map((id) => [
      id,
      { points: 0, streak: 0, bestStreak: 0, answered: 0, correct: 0, correctResponseMs: 0 },
    ]),
  );
  const scored: ScoredAnswer[] = [];
  for (const question of asked) {
    const perParticipant = byQuestion.get(question.id);
    for (const id of sortedIds) {
      const total = totals.get(id)!;
      const answer = perParticipant?.get(id);
      if (answer === undefined) {
        total.streak = 0;
        continue;
      }
      const score = scoreAnswer({
        question,
        value: answer.value,
        responseMs: answer.responseMs,
        streakBefore: total.streak,
        participantId: id,
        options: opts,
      });
      scored.push({ ...answer, ...score });
      total.points += score.points;
      total.streak = score.streak;
      total.bestStreak = Math.max(total.bestStreak, score.streak);
      total.answered += 1;
      if (score.correct && !score.late) {
        total.correct += 1;
        total.correctResponseMs += answer.responseMs;
      }
    }
  }

  ignored.sort(
    (a, b) =>
      compareCodeUnits(a.answer.questionId, b.answer.questionId) ||
      compareCodeUnits(a.answer.participantId, b.answer.participantId) ||
      compareDuplicates(a.answer, b.answer),
  );
  return {
    participants: sortedIds.map((id) => ({
      participantId: id,
      name: names.get(id) ?? id,
      ...totals.get(id)!,
    })),
    answers: scored,
    ignored,
    warnings,
  };
}
