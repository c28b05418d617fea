/**
 * Questions generated from a trace: plain data a quiz library can show and score.
 *
 * Scoring contract, by `type`:
 * - `single`: `answer` is the index of the correct entry of `options`.
 * - `multi`: `answer` lists the indexes of all correct `options`, ascending.
 * - `true-false`: `answer` is `true` or `false`; no `options`.
 * - `numeric`: `answer` is the number; a response within `tolerance` (default 0) is correct.
 * - `ordering`: `options` are shown in the given (scrambled) order; `answer` lists option indexes
 *   in the correct order.
 * - `hotspot`: `options` are topology element ids (see `Topology`) the student can tap on the
 *   drawing; `answer` is the index of the correct one.
 */

/** The kinds of question. */
export type QuestionType = 'single' | 'multi' | 'true-false' | 'numeric' | 'ordering' | 'hotspot';

/** The step a question is about: action number and step number at a detail level (all 1-based). */
export interface StepRef {
  action: number;
  step: number;
  level: 'summary' | 'hops';
}

interface QuestionBase {
  /** Stable within one trace, e.g. `a2-receive-step`. */
  id: string;
  prompt: string;
  /** Why the answer is right, shown after the question closes. */
  explanation: string;
  /** Concept tag for reports, e.g. `kube-proxy DNAT`. */
  concept: string;
  /** The step the question is about (show the trace up to it while the question is open). */
  stepRef?: StepRef;
}

export interface SingleChoiceQuestion extends QuestionBase {
  type: 'single';
  options: string[];
  answer: number;
}

export interface MultiChoiceQuestion extends QuestionBase {
  type: 'multi';
  options: string[];
  answer: number[];
}

export interface TrueFalseQuestion extends QuestionBase {
  type: 'true-false';
  answer: boolean;
}

export interface NumericQuestion extends QuestionBase {
  type: 'numeric';
  answer: number;
  tolerance: number;
  unit?: string;
}

export interface OrderingQuestion extends QuestionBase {
  type: 'ordering';
  options: string[];
  answer: number[];
}

export interface HotspotQuestion extends QuestionBase {
  type: 'hotspot';
  options: string[];
  answer: number;
}

/** A generated question (discriminated by `type`). */
export type Question =
  | SingleChoiceQuestion
  | MultiChoiceQuestion
  | TrueFalseQuestion
  | NumericQuestion
  | OrderingQuestion
  | HotspotQuestion;

/** Options of {@link generateQuestions}. */
export interface QuestionOptions {
  /** Seed for option order (default: the scenario's seed). */
  seed?: number;
  /** Only these action numbers (default: every exec action). */
  actions?: number[];
  /** Only these question types (default: all). */
  types?: QuestionType[];
  /** At most this many questions per action (default: no limit). */
  perAction?: number;
}
