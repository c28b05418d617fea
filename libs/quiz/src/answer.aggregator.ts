import { check } from './answer.checker.js';
import { compareCodeUnits } from './code-units.comparator.js';
import type { Question, QuestionType } from './question.types.js';
import { validateAnswer } from './question.validator.js';

/** One bar of a distribution chart. */
export interface DistributionEntry {
  readonly key: string;
  readonly count: number;
}

/**
 * How a class answered one question. `counts` is an ordered list (an object would reorder
 * integer-like keys) whose keys depend on the type:
 * - single, hotspot: option / component id → how many picked it (every option listed, from 0);
 * - multi: option id → how many ticked it;
 * - true-false: `'true'` / `'false'` → how many picked it;
 * - numeric: the submitted number (as `String(n)`) → how many gave it, in increasing order;
 * - ordering: option id → how many put that item in its right position.
 * Listed options come first in their order; other keys follow sorted, so the result does not
 * depend on the order of the answers.
 */
export interface AnswerDistribution {
  readonly questionId: string;
  readonly type: QuestionType;
  /** Answers with a valid shape (the ones counted below). */
  readonly answered: number;
  /** Fully right (and not late). */
  readonly correct: number;
  /** Partly right: 0 < credit < 1 (multi, ordering). */
  readonly partial: number;
  /** Neither: credit 0, or late. */
  readonly incorrect: number;
  /** Answers with the wrong shape, not counted anywhere else. */
  readonly invalid: number;
  readonly counts: readonly DistributionEntry[];
}

/** An answer as the aggregation helpers need it. `late` answers never count as right. */
export interface AnswerForStats {
  readonly value: unknown;
  readonly responseMs?: number;
  readonly late?: boolean;
}

/** Count how a class answered one question (see {@link AnswerDistribution}). Never throws. */
export function answerDistribution(
  question: Question,
  answers: readonly AnswerForStats[],
): AnswerDistribution {
  const counts = new Map<string, number>();
  const bump = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const listed: string[] =
    question.type === 'true-false'
      ? ['true', 'false']
      : question.type === 'numeric'
        ? []
        : (question.options ?? []).map((o) => o.id);
  for (const key of listed) counts.set(key, 0);

  let answered = 0;
  let correct = 0;
  let partial = 0;
  let invalid = 0;
  for (const answer of answers) {
    const result = check(question, answer.value);
    if (result.errors) {
      invalid += 1;
      continue;
    }
    answered += 1;
    if (result.correct && !answer.late) correct += 1;
    else if (result.credit > 0 && result.credit < 1 && !answer.late) partial += 1;
    const value = answer.value;
    switch (question.type) {
      case 'single':
      case 'hotspot':
        bump(value as string);
        break;
      case 'true-false':
      case 'numeric':
        bump(String(value));
        break;
      case 'multi':
        for (const id of value as readonly string[]) bump(id);
        break;
      case 'ordering':
        (value as readonly string[]).forEach((id, i) => {
          if (question.answer[i] === id) bump(id);
        });
        break;
    }
  }

  const listedSet = new Set(listed);
  const extra = [...counts.keys()].filter((k) => !listedSet.has(k));
  extra.sort(question.type === 'numeric' ? (a, b) => Number(a) - Number(b) : compareCodeUnits);
  return {
    questionId: question.id,
    type: question.type,
    answered,
    correct,
    partial,
    incorrect: answered - correct - partial,
    invalid,
    counts: [...listed, ...extra].map((key) => ({ key, count: counts.get(key)! })),
  };
}

/** Mean of the finite response times, or null when there are none. */
export function averageResponseMs(
  answers: readonly { readonly responseMs?: number }[],
): number | null {
  let sum = 0;
  let n = 0;
  for (const { responseMs } of answers) {
    if (typeof responseMs === 'number' && Number.isFinite(responseMs)) {
      sum += responseMs;
      n += 1;
    }
  }
  return n === 0 ? null : sum / n;
}

/** Per-question figures for the instructor console and reports. */
export interface QuestionStats {
  readonly questionId: string;
  /** Answers with a valid shape. */
  readonly answered: number;
  readonly correct: number;
  readonly partial: number;
  /**
   * `100 × correct / participantCount` when `participantCount` is given (non-answers count as
   * not right), otherwise `100 × correct / answered`; null when the denominator is 0.
   */
  readonly correctPercent: number | null;
  /** Over the valid answers; null when there are none. */
  readonly averageResponseMs: number | null;
}

/** Correct % and average response time for one question. Never throws. */
export function questionStats({
  question,
  answers,
  participantCount,
}: {
  readonly question: Question;
  readonly answers: readonly AnswerForStats[];
  /** Everyone who could have answered; omit to take the % of those who answered. */
  readonly participantCount?: number;
}): QuestionStats {
  const distribution = answerDistribution(question, answers);
  const valid = answers.filter((a) => validateAnswer(question, a.value).ok);
  const denominator = participantCount ?? distribution.answered;
  return {
    questionId: question.id,
    answered: distribution.answered,
    correct: distribution.correct,
    partial: distribution.partial,
    correctPercent: denominator > 0 ? (100 * distribution.correct) / denominator : null,
    averageResponseMs: averageResponseMs(valid),
  };
}
