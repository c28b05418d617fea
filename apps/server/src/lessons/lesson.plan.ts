import type { DetailLevel, LessonTimeline } from '@podroom/contracts';
import {
  fromGenerated,
  validateQuestion,
  validateScoringOptions,
  type Question,
  type ScoringOptions,
} from '@podroom/quiz';
import { InvalidPayloadError } from '../errors/domain.errors.js';
import { traceLesson, type LessonStep } from './lesson-steps.js';

/** A lesson as stored (the `Lesson` table), in plain types. */
export interface LessonRecord {
  id: string;
  instructorId: string;
  title: string;
  builtInKey: string | null;
  scenarioYaml: string;
  timeline: LessonTimeline;
  /** Authored questions (libs/quiz `Question` JSON, answer keys included). */
  questions: unknown[];
  scoring: unknown;
  /**
   * Changes whenever the stored lesson does (its `updatedAt`, ms): plans are cached per version, so
   * a process never plans an edited lesson from an older copy. Absent for built-in catalogue entries.
   */
  version?: number;
}

/** A question a room may ask. `question.id` is the key. */
export interface PlannedQuestion {
  key: string;
  question: Question;
  /** Suggested step (0-based), or null. */
  atStep: number | null;
  source: 'lesson' | 'generated';
}

/** Everything a room needs from its lesson: steps, questions and scoring. */
export interface LessonPlan {
  lessonId: string;
  title: string;
  detail: DetailLevel;
  steps: LessonStep[];
  questions: PlannedQuestion[];
  scoring: ScoringOptions;
}

/** Timer and points of generated questions. */
const GENERATED = { points: 1000, timeLimitSec: 20 } as const;

/**
 * Builds a lesson's plan: runs its scenario through the simulation (lesson-steps.ts), validates
 * the authored questions (libs/quiz) and adds the generated ones the timeline asks for. Pure.
 */
export function planLesson(lesson: LessonRecord, detailOverride?: DetailLevel): LessonPlan {
  const detail = detailOverride ?? lesson.timeline.detail ?? 'summary';
  const trace = traceLesson(lesson.scenarioYaml, {
    detail,
    ...(lesson.timeline.actions && { actions: lesson.timeline.actions }),
  });
  const questions: PlannedQuestion[] = [];
  const keys = new Set<string>();
  lesson.questions.forEach((raw, i) => {
    const checked = validateQuestion(raw, `questions[${i}]`);
    if (!checked.ok) {
      const details = checked.errors.map((e) => `${e.path}: ${e.message}`);
      throw new InvalidPayloadError(`The lesson has an invalid question: ${details[0]}`, details);
    }
    keys.add(checked.value.id);
    questions.push({
      key: checked.value.id,
      question: checked.value,
      atStep: checked.value.stepRef ?? null,
      source: 'lesson',
    });
  });
  const wanted = lesson.timeline.generatedQuestions ?? true;
  for (const { generated, stepIndex } of trace.questions) {
    if (keys.has(generated.id) || wanted === false) continue;
    if (Array.isArray(wanted) && !wanted.includes(generated.id)) continue;
    const converted = fromGenerated(generated, GENERATED);
    if (!converted.ok) continue; // a generated question libs/quiz cannot use is left out
    keys.add(generated.id);
    questions.push({
      key: generated.id,
      question: converted.value,
      atStep: stepIndex,
      source: 'generated',
    });
  }
  for (const cue of lesson.timeline.cues ?? []) {
    const planned = questions.find((q) => q.key === cue.question);
    if (planned && cue.atStep >= 0 && cue.atStep < trace.steps.length) planned.atStep = cue.atStep;
  }
  const scoring = validateScoringOptions(lesson.scoring ?? undefined);
  if (!scoring.ok) {
    throw new InvalidPayloadError(
      `The lesson's scoring options are invalid: ${scoring.errors[0]!.path} ${scoring.errors[0]!.message}`,
    );
  }
  return {
    lessonId: lesson.id,
    title: lesson.title,
    detail,
    steps: trace.steps,
    questions,
    scoring: scoring.value,
  };
}
