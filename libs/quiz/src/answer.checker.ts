import type { CheckResult, Question } from './question.types.js';
import { validateAnswer } from './question.validator.js';

/**
 * Relative slack added to a numeric tolerance so that binary floating point does not reject a
 * value that is within tolerance in decimal (|0.4 − 0.3| is 0.10000000000000003).
 */
const NUMERIC_EPSILON = 1e-9;

const RIGHT: CheckResult = { correct: true, credit: 1 };
const WRONG: CheckResult = { correct: false, credit: 0 };

/**
 * Check a submitted answer against a question's key. Never throws: a value of the wrong shape gives
 * `{ correct: false, credit: 0, errors }` (see {@link validateAnswer}).
 *
 * Rules (credit is the fraction of the points earned, 0..1; `correct` only when fully right):
 * - single, true/false, hotspot: exact match of the option id / boolean / component id.
 * - numeric: `|value − answer| ≤ tolerance` (plus a 1e-9 relative slack for floating point).
 * - multi: exact set = correct. Otherwise, unless `partialCredit: false`, credit =
 *   max(0, (right picks − wrong picks) / number of right options) ("right minus wrong",
 *   floored at 0). It reaches 1 only with the exact set, and ticking every box earns only by
 *   as much as the right boxes outnumber the wrong ones.
 * - ordering: exact order = correct. Otherwise, unless `partialCredit: false`, credit =
 *   (L − 1) / (n − 1) where L is the length of the longest run of items already in the right
 *   relative order (longest increasing subsequence of their right positions) and n the number of
 *   items: one item moved out of place loses 1/(n − 1); the reverse order, or a swap of two
 *   items, earns 0.
 */
export function check(question: Question, value: unknown): CheckResult {
  const valid = validateAnswer(question, value);
  if (!valid.ok) return { correct: false, credit: 0, errors: valid.errors };
  switch (question.type) {
    case 'single':
    case 'hotspot':
    case 'true-false':
      return valid.value === question.answer ? RIGHT : WRONG;
    case 'numeric': {
      const v = valid.value as number;
      const slack = NUMERIC_EPSILON * Math.max(1, Math.abs(question.answer));
      return Math.abs(v - question.answer) <= (question.tolerance ?? 0) + slack ? RIGHT : WRONG;
    }
    case 'multi': {
      const picked = valid.value as readonly string[];
      const right = new Set(question.answer);
      const hits = picked.filter((id) => right.has(id)).length;
      const misses = picked.length - hits;
      if (misses === 0 && hits === right.size) return RIGHT;
      if (question.partialCredit === false) return WRONG;
      return { correct: false, credit: Math.max(0, (hits - misses) / right.size) };
    }
    case 'ordering': {
      const order = valid.value as readonly string[];
      const n = question.answer.length;
      if (order.every((id, i) => question.answer[i] === id)) return RIGHT;
      if (question.partialCredit === false || n < 2) return WRONG;
      const position = new Map(question.answer.map((id, i) => [id, i]));
      const lis = longestIncreasingSubsequence(order.map((id) => position.get(id)!));
      return { correct: false, credit: (lis - 1) / (n - 1) };
    }
  }
}

/** Length of the longest strictly increasing subsequence (patience sorting, O(n log n)). */
export function longestIncreasingSubsequence(values: readonly number[]): number {
  const tails: number[] = [];
  for (const v of values) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
  }
  return tails.length;
}
