import type { AnswerDistribution } from './answer.aggregator.js';
import type {
  AnswerValue,
  MisconceptionNotes,
  Points,
  Question,
  QuestionOption,
  QuestionType,
} from './question.types.js';

/**
 * What a student may see of a question before reveal. Built field by field (never by deleting from
 * the question), so nothing added to `Question` later can leak by default.
 */
export interface StudentQuestion {
  readonly id: string;
  readonly type: QuestionType;
  readonly prompt: string;
  readonly points: Points;
  readonly timeLimitSec: number;
  /** Ids and texts only. For ordering questions, shuffled so as never to show the right order. */
  readonly options?: readonly QuestionOption[];
  /** Numeric questions: the unit shown next to the input. */
  readonly unit?: string;
}

/** The question as shown at reveal: the student view plus the key, the notes and how the class answered. */
export interface RevealedQuestion extends StudentQuestion {
  readonly answer: AnswerValue;
  /** Numeric questions: the accepted difference (0 when exact). */
  readonly tolerance?: number;
  readonly explanation?: string;
  readonly concept?: string;
  readonly stepRef?: number;
  readonly misconceptions?: MisconceptionNotes;
  readonly distribution: AnswerDistribution;
}

/**
 * The student view of a question: id, type, prompt, points, timer, option ids and texts, unit.
 * Never the answer key, explanation, misconception notes, concept tag or step reference (a step
 * reference can give away "at which step…" questions).
 *
 * Ordering questions show their items in a seeded shuffle that never equals the right order
 * (authors and the simulation often list items in the right order). The shuffle depends only on
 * `seed` and the question id, so every student and every server process shows the same order.
 */
export function studentView(
  question: Question,
  { seed = '' }: { readonly seed?: string } = {},
): StudentQuestion {
  const view: {
    -readonly [K in keyof StudentQuestion]: StudentQuestion[K];
  } = {
    id: question.id,
    type: question.type,
    prompt: question.prompt,
    points: question.points,
    timeLimitSec: question.timeLimitSec,
  };
  switch (question.type) {
    case 'single':
    case 'multi':
    case 'hotspot':
      if (question.options) view.options = question.options.map(({ id, text }) => ({ id, text }));
      break;
    case 'ordering':
      view.options = shuffleAwayFrom(
        question.options,
        question.answer,
        `${seed}\u0000${question.id}`,
      ).map(({ id, text }) => ({ id, text }));
      break;
    case 'numeric':
      if (question.unit !== undefined) view.unit = question.unit;
      break;
    case 'true-false':
      break;
  }
  return view;
}

/**
 * The reveal view: {@link studentView} (same `seed`, so options stay where students saw them) plus
 * the answer key, tolerance, explanation, concept, step reference, misconception notes and the
 * class's answer distribution.
 */
export function revealView(
  question: Question,
  distribution: AnswerDistribution,
  { seed = '' }: { readonly seed?: string } = {},
): RevealedQuestion {
  const answer: AnswerValue = Array.isArray(question.answer)
    ? [...question.answer]
    : question.answer;
  return {
    ...studentView(question, { seed }),
    answer,
    ...(question.type === 'numeric' && { tolerance: question.tolerance ?? 0 }),
    ...(question.explanation !== undefined && { explanation: question.explanation }),
    ...(question.concept !== undefined && { concept: question.concept }),
    ...(question.stepRef !== undefined && { stepRef: question.stepRef }),
    ...(question.type !== 'numeric' &&
      question.misconceptions !== undefined && { misconceptions: { ...question.misconceptions } }),
    distribution,
  };
}

/** A seeded Fisher–Yates shuffle of `items`, rotated by one if it came out in `avoid` order. */
function shuffleAwayFrom(
  items: readonly QuestionOption[],
  avoid: readonly string[],
  seed: string,
): QuestionOption[] {
  const next = mulberry32(fnv1a(seed));
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  if (out.length > 1 && out.every((o, i) => o.id === avoid[i])) out.push(out.shift()!);
  return out;
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mulberry32: a small, fast seeded PRNG returning numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
