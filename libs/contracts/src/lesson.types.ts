import type { Question } from '@podroom/quiz';
import type { DetailLevel } from './room.views.js';

/**
 * A lesson's timeline (the `timeline` column of a lesson): which parts of the scenario's trace
 * the class steps through, at which detail level, and where questions are suggested.
 */
export interface LessonTimeline {
  /** `summary` (seed 000's table, the default) or `hops` (every component). */
  detail?: DetailLevel;
  /** Script actions (1-based) to step through; default: every action that moves a packet. */
  actions?: number[];
  /**
   * Questions generated from the trace (libs/simulation) to offer besides the authored ones:
   * `true` (default) for all, `false` for none, or a list of generated question ids.
   */
  generatedQuestions?: boolean | string[];
  /** Suggested step (0-based index in the timeline) for questions, by question key. */
  cues?: { question: string; atStep: number }[];
}

/** Scoring options of a lesson (libs/quiz `validateScoringOptions`); a room's settings win. */
export interface LessonScoring {
  /** Kahoot's speed rule (default on). Off: flat points. */
  speedScoring?: boolean;
  /** Answer streak bonus (default on). */
  streaks?: boolean;
}

/** A lesson in a list (`GET /lessons`): no scenario, no answer keys. */
export interface LessonSummaryView {
  id: string;
  title: string;
  /** Set on the instructor's copy of a built-in lesson made for rooms (`POST /rooms { lessonKey }`); read-only. */
  builtInKey: string | null;
  /** Authored questions (the generated ones come on top). */
  questionCount: number;
  /** ISO-8601. */
  createdAt: string;
  updatedAt: string;
}

/** A whole lesson (`GET /lessons/:id`), answer keys included: for its instructor only. */
export interface LessonView extends LessonSummaryView {
  /** The simulation scenario (docs/lessons.md), as written. */
  scenarioYaml: string;
  timeline: LessonTimeline;
  /** Authored questions (libs/quiz `Question`), with concept tags and misconception notes. */
  questions: Question[];
  scoring: LessonScoring;
}
