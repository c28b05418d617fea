/**
 * Question and answer types for podroom's timed questions.
 *
 * A {@link Question} is a discriminated union on `type`; each member carries its own answer key
 * shape. What a student submits is an {@link AnswerValue}, whose shape is fixed by the question's
 * type (see {@link AnswerValueByType}).
 */

/** The question types, in the order the UI offers them. */
export const QUESTION_TYPES = [
  'single',
  'multi',
  'true-false',
  'numeric',
  'ordering',
  'hotspot',
] as const;

/** One of {@link QUESTION_TYPES}. */
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** The points a question may be worth (Kahoot's "no points", "standard" and "double points"). */
export const POINTS_VALUES = [0, 1000, 2000] as const;

/** One of {@link POINTS_VALUES}. */
export type Points = (typeof POINTS_VALUES)[number];

/** Bounds of a question's timer, in seconds (inclusive). */
export const TIME_LIMIT_SEC = { min: 5, max: 240 } as const;

/** A choice shown to students. `id` is stable and is what answers refer to. */
export interface QuestionOption {
  readonly id: string;
  readonly text: string;
}

/**
 * Notes explaining the misconception behind a wrong choice, keyed by option id (for true/false:
 * `'true'` / `'false'`; for a hotspot without options: the component id). Shown only at reveal.
 */
export type MisconceptionNotes = Readonly<Record<string, string>>;

/** Fields every question has. */
export interface QuestionBase<T extends QuestionType> {
  /** Stable id, unique within a lesson. */
  readonly id: string;
  readonly type: T;
  readonly prompt: string;
  /** Points possible (before the streak bonus). */
  readonly points: Points;
  /** The timer, {@link TIME_LIMIT_SEC} `min`..`max` seconds. */
  readonly timeLimitSec: number;
  /** Why the answer is right; shown at reveal. */
  readonly explanation?: string;
  /** Concept tag for reports (e.g. `"kube-proxy DNAT"`); not shown before reveal. */
  readonly concept?: string;
  /** The simulation step the question is about (0-based or 1-based as the lesson's trace uses). */
  readonly stepRef?: number;
}

/** Exactly one option is right. */
export interface SingleChoiceQuestion extends QuestionBase<'single'> {
  readonly options: readonly QuestionOption[];
  /** The id of the right option. */
  readonly answer: string;
  readonly misconceptions?: MisconceptionNotes;
}

/** One or more options are right; partial credit by default (see `check`). */
export interface MultiSelectQuestion extends QuestionBase<'multi'> {
  readonly options: readonly QuestionOption[];
  /** The ids of every right option (at least one). */
  readonly answer: readonly string[];
  /** Award partial credit for partly right selections (default `true`). */
  readonly partialCredit?: boolean;
  readonly misconceptions?: MisconceptionNotes;
}

/** A statement that is true or false. */
export interface TrueFalseQuestion extends QuestionBase<'true-false'> {
  readonly answer: boolean;
  readonly misconceptions?: Readonly<Partial<Record<'true' | 'false', string>>>;
}

/** A number, right when within `tolerance` of the key. */
export interface NumericQuestion extends QuestionBase<'numeric'> {
  readonly answer: number;
  /** Largest accepted absolute difference from `answer` (default 0: exact). */
  readonly tolerance?: number;
  /** Unit shown next to the input (e.g. `"hops"`). */
  readonly unit?: string;
}

/** Put the options in the right order (e.g. the hops of a packet). */
export interface OrderingQuestion extends QuestionBase<'ordering'> {
  /** The items to order; students see them in a shuffled order (see `studentView`). */
  readonly options: readonly QuestionOption[];
  /** Every option id exactly once, in the right order. */
  readonly answer: readonly string[];
  /** Award partial credit for a partly right order (default `true`). */
  readonly partialCredit?: boolean;
  readonly misconceptions?: MisconceptionNotes;
}

/**
 * Pick a component of the topology (a pod, `bridge cni0`, `kube-proxy`, …), identified by a
 * string id. `options`, when given, lists the selectable components.
 */
export interface HotspotQuestion extends QuestionBase<'hotspot'> {
  readonly options?: readonly QuestionOption[];
  /** The id of the right component. */
  readonly answer: string;
  readonly misconceptions?: MisconceptionNotes;
}

/** A question, answer key included. Never send one to a student before reveal. */
export type Question =
  | SingleChoiceQuestion
  | MultiSelectQuestion
  | TrueFalseQuestion
  | NumericQuestion
  | OrderingQuestion
  | HotspotQuestion;

/** The question type whose `type` is `T`. */
export type QuestionOfType<T extends QuestionType> = Extract<Question, { type: T }>;

/** What a student submits, by question type. */
export interface AnswerValueByType {
  /** The chosen option id. */
  single: string;
  /** The chosen option ids (at least one, no repeats, any order). */
  multi: readonly string[];
  'true-false': boolean;
  /** A finite number. */
  numeric: number;
  /** Every option id exactly once, in the submitted order. */
  ordering: readonly string[];
  /** The chosen component id. */
  hotspot: string;
}

/** Any submitted answer value. */
export type AnswerValue = AnswerValueByType[QuestionType];

/** The answer value shape for question `Q`. */
export type AnswerValueFor<Q extends Question> = AnswerValueByType[Q['type']];

/** One problem found by a validator: where (`path`, e.g. `options[2].id`) and what. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/** The result of a validator: the clean value, or every problem found. Validators never throw. */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly ValidationIssue[] };

/** The result of checking an answer. */
export interface CheckResult {
  /** Fully right. */
  readonly correct: boolean;
  /** Fraction of the question's points earned, 0..1 (1 exactly when `correct`). */
  readonly credit: number;
  /** Present when the value has the wrong shape for the question (then not correct, credit 0). */
  readonly errors?: readonly ValidationIssue[];
}
