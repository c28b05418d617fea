import type { LessonTimeline } from '@podroom/contracts';
import type { Question } from '@podroom/quiz';
import { builtInScenarios } from '@podroom/simulation';

/** A lesson that ships with podroom: a built-in scenario plus a timeline and questions. */
export interface BuiltInLesson {
  key: string;
  title: string;
  description: string;
  scenarioYaml: string;
  timeline: LessonTimeline;
  /** Authored questions, besides those generated from the trace. */
  questions: Question[];
}

/** Authored additions per scenario (the generator supplies the rest). */
const AUTHORED: Record<string, { questions: Question[]; timeline?: LessonTimeline }> = {
  'pod-to-pod': {
    questions: [
      {
        id: 'exchange-length',
        type: 'numeric',
        prompt: 'How many steps does the whole request–response exchange take in the table?',
        answer: 7,
        tolerance: 0,
        unit: 'steps',
        points: 1000,
        timeLimitSec: 20,
        explanation:
          'Request out (1–2), received (3), response out (4–5), received (6), connection closed (7).',
        concept: 'request lifecycle',
      },
    ],
    timeline: { detail: 'summary', cues: [{ question: 'exchange-length', atStep: 6 }] },
  },
};

/** The built-in lesson catalogue, one per built-in scenario of libs/simulation. */
export function builtInLessons(): BuiltInLesson[] {
  return builtInScenarios().map((scenario) => ({
    key: scenario.name,
    title: scenario.title,
    description: scenario.description,
    scenarioYaml: scenario.yaml,
    timeline: AUTHORED[scenario.name]?.timeline ?? { detail: 'summary' },
    questions: AUTHORED[scenario.name]?.questions ?? [],
  }));
}
