import type { Points, Question, QuestionType, ValidationResult } from './question.types.js';
import { validateQuestion } from './question.validator.js';

/**
 * A question as `@podroom/simulation`'s generator produces it: no points or timer, and an answer
 * key whose exact shape is loose (see {@link fromGenerated}).
 */
export interface GeneratedQuestion {
  readonly id: string;
  readonly type: QuestionType;
  readonly prompt: string;
  readonly options?: readonly { readonly id: string; readonly text: string }[];
  readonly answer: unknown;
  readonly explanation?: string;
  readonly stepRef?: number;
  readonly concept?: string;
  readonly tolerance?: number;
  readonly misconceptions?: Readonly<Record<string, string>>;
}

/** What a generated question lacks, filled in by the lesson (or these defaults). */
export interface GeneratedQuestionDefaults {
  /** Default 1000. */
  readonly points?: Points;
  /** Default 30. */
  readonly timeLimitSec?: number;
}

/** Defaults for generated questions: standard points, a 30 s timer. */
export const GENERATED_DEFAULTS = { points: 1000, timeLimitSec: 30 } as const;

/**
 * Turn a generated question into a validated {@link Question}: add `points` and `timeLimitSec`,
 * and normalise the answer key —
 * - true-false: `true`/`false`, the strings `"true"`/`"false"` (any case), or the id of an option
 *   whose text is True/False; its options are then dropped (misconception notes keyed by those
 *   option ids are re-keyed `'true'` / `'false'`);
 * - numeric: a number, a numeric string, or `{ value, tolerance }`;
 * - single, multi, ordering, hotspot: option ids, or option texts that match exactly one option.
 * Unknown fields are dropped. Never throws; problems come back as validation errors.
 */
export function fromGenerated(
  generated: unknown,
  defaults: GeneratedQuestionDefaults = {},
): ValidationResult<Question> {
  if (typeof generated !== 'object' || generated === null || Array.isArray(generated)) {
    return validateQuestion(generated);
  }
  const g = generated as Partial<GeneratedQuestion> & Record<string, unknown>;
  const options = Array.isArray(g.options) ? (g.options as readonly unknown[]) : undefined;
  const text = (o: unknown): unknown =>
    typeof o === 'object' && o !== null ? (o as { text?: unknown }).text : undefined;
  const id = (o: unknown): unknown =>
    typeof o === 'object' && o !== null ? (o as { id?: unknown }).id : undefined;
  const toOptionId = (v: unknown): unknown => {
    if (typeof v !== 'string' || !options || options.some((o) => id(o) === v)) return v;
    const byText = options.filter((o) => text(o) === v);
    return byText.length === 1 ? id(byText[0]) : v;
  };

  let answer: unknown = g.answer;
  let tolerance: unknown = g.tolerance;
  let keepOptions = true;
  let misconceptions: unknown = g.misconceptions;
  switch (g.type) {
    case 'true-false': {
      keepOptions = false;
      let v = answer;
      if (typeof v === 'string' && options) {
        const match = options.find((o) => id(o) === v);
        if (match !== undefined) v = text(match);
      }
      if (typeof v === 'string' && /^(true|false)$/i.test(v.trim()))
        v = v.trim().toLowerCase() === 'true';
      answer = v;
      if (options && typeof misconceptions === 'object' && misconceptions !== null) {
        // Notes keyed by option id become notes keyed 'true' / 'false'.
        misconceptions = Object.fromEntries(
          Object.entries(misconceptions).map(([key, note]) => {
            const t = text(options.find((o) => id(o) === key));
            return [typeof t === 'string' ? t.trim().toLowerCase() : key, note];
          }),
        );
      }
      break;
    }
    case 'numeric':
      if (typeof answer === 'object' && answer !== null && !Array.isArray(answer)) {
        const a = answer as { value?: unknown; tolerance?: unknown };
        tolerance ??= a.tolerance;
        answer = a.value;
      }
      if (typeof answer === 'string' && answer.trim() !== '' && Number.isFinite(Number(answer))) {
        answer = Number(answer);
      }
      break;
    case 'single':
    case 'hotspot':
      answer = toOptionId(answer);
      break;
    case 'multi':
    case 'ordering':
      if (Array.isArray(answer)) answer = answer.map(toOptionId);
      break;
  }

  return validateQuestion({
    id: g.id,
    type: g.type,
    prompt: g.prompt,
    ...(keepOptions && g.options !== undefined && { options: g.options }),
    answer,
    points: defaults.points ?? GENERATED_DEFAULTS.points,
    timeLimitSec: defaults.timeLimitSec ?? GENERATED_DEFAULTS.timeLimitSec,
    ...(g.explanation !== undefined && { explanation: g.explanation }),
    ...(g.concept !== undefined && { concept: g.concept }),
    ...(g.stepRef !== undefined && { stepRef: g.stepRef }),
    ...(tolerance !== undefined && { tolerance }),
    ...(misconceptions !== undefined && { misconceptions }),
  });
}
