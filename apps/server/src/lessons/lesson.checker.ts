import {
  CreateLessonDto,
  ErrorCode,
  type LessonScoring,
  type LessonTimeline,
} from '@podroom/contracts';
import { validateQuestion, validateScoringOptions, type Question } from '@podroom/quiz';
import { loadScenario } from '@podroom/simulation';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DomainError } from '../errors/domain.errors.js';
import { traceLesson } from './lesson-steps.js';

/**
 * Compiles a lesson the way a room will use it, and reports every problem with its field path:
 * the scenario through the simulation's loader (line and column in the scenario), the authored
 * questions through libs/quiz, the timeline against the scenario's actions, steps and questions.
 * Pure (no clock, no I/O); `POST /lessons`, `PUT /lessons/:id` and `POST /lessons/import` share it.
 */

/** A lesson as an author gives it, before checking. */
export interface LessonDraft {
  title?: unknown;
  scenarioYaml?: unknown;
  timeline?: unknown;
  questions?: unknown;
  scoring?: unknown;
}

/** A lesson that compiles: what is stored. */
export interface CheckedLesson {
  title: string;
  scenarioYaml: string;
  timeline: LessonTimeline;
  questions: Question[];
  scoring: LessonScoring;
}

/**
 * One problem: `path` names the field (`questions[1].answer`, `timeline.cues[0].atStep`,
 * `scenarioYaml`, `scenarioYaml.script[2]`); `at` is the line and column inside the scenario YAML
 * for problems of the scenario.
 */
export interface LessonProblem {
  path: string;
  message: string;
  at?: { line: number; column: number };
}

export type LessonCheck =
  { ok: true; lesson: CheckedLesson } | { ok: false; problems: LessonProblem[] };

/** A lesson refused: `details` has one line per problem. */
export class InvalidLessonError extends DomainError {
  constructor(details: string[]) {
    super(
      ErrorCode.INVALID_LESSON,
      `The lesson does not compile: ${details[0] ?? 'unknown problem'}${
        details.length > 1 ? ` (and ${details.length - 1} more)` : ''
      }`,
      details,
    );
  }
}

/** `questions[1].answer: must be …`, `scenarioYaml line 3, column 5 (script[2]): …`. */
export function describeProblem(problem: LessonProblem): string {
  if (!problem.at) return `${problem.path}: ${problem.message}`;
  const [field, ...inner] = problem.path.split('.');
  const where = inner.length > 0 ? ` (${inner.join('.')})` : '';
  return `${field} line ${problem.at.line}, column ${problem.at.column}${where}: ${problem.message}`;
}

/** Checks the shape with the REST DTO (the same rules as `POST /lessons`), then compiles. */
export function checkLesson(draft: LessonDraft): LessonCheck {
  const shape = shapeProblems(draft);
  if (shape.length > 0) return { ok: false, problems: shape };
  return compileLesson(draft as CreateLessonDto);
}

/** Problems class-validator finds with {@link CreateLessonDto}, with field paths. */
export function shapeProblems(draft: LessonDraft): LessonProblem[] {
  const dto = plainToInstance(CreateLessonDto, draft) as object;
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  return errors.flatMap((e) => flatten(e, ''));
}

function flatten(error: ValidationError, parent: string): LessonProblem[] {
  const path = /^\d+$/.test(error.property)
    ? `${parent}[${error.property}]`
    : parent === ''
      ? error.property
      : `${parent}.${error.property}`;
  if (error.value === undefined && error.constraints)
    return [
      { path, message: 'is required' },
      ...(error.children ?? []).flatMap((c) => flatten(c, path)),
    ];
  const own = Object.values(error.constraints ?? {}).map((message) => ({
    path,
    // class-validator starts its messages with the property's name; the path already says it.
    message: message.startsWith(`${error.property} `)
      ? message.slice(error.property.length + 1)
      : message,
  }));
  return [...own, ...(error.children ?? []).flatMap((child) => flatten(child, path))];
}

/** Compiles a lesson whose shape is right (see {@link checkLesson}). */
export function compileLesson(dto: CreateLessonDto): LessonCheck {
  const problems: LessonProblem[] = [];
  const fail = (path: string, message: string) => problems.push({ path, message });
  const timeline = plainTimeline(dto.timeline);
  // Stored with \n line ends, so that the exported file (a YAML block) gives back the same text.
  const scenarioYaml = dto.scenarioYaml.replace(/\r\n?/g, '\n');

  const loaded = loadScenario(scenarioYaml);
  if (!loaded.ok) {
    for (const e of loaded.errors) {
      problems.push({
        path: e.path ? `scenarioYaml.${e.path}` : 'scenarioYaml',
        message: e.message,
        at: { line: e.line, column: e.column },
      });
    }
  }

  const questions: Question[] = [];
  const firstIndex = new Map<string, number>();
  (dto.questions ?? []).forEach((raw, i) => {
    const at = `questions[${i}]`;
    const checked = validateQuestion(raw, at);
    if (!checked.ok) {
      for (const e of checked.errors) problems.push({ path: e.path, message: e.message });
      return;
    }
    const known = new Set(Object.keys(checked.value));
    for (const key of Object.keys(raw)) {
      if (!known.has(key))
        fail(`${at}.${key}`, `is not a field of ${checked.value.type} questions`);
    }
    const { id } = checked.value;
    if (firstIndex.has(id)) {
      fail(
        `${at}.id`,
        `duplicate question id ${JSON.stringify(id)} (also questions[${firstIndex.get(id)}].id)`,
      );
    } else {
      firstIndex.set(id, i);
    }
    questions.push(ordered(checked.value));
  });

  const scoring = validateScoringOptions(dto.scoring ?? {});
  if (!scoring.ok) for (const e of scoring.errors) fail(`scoring.${e.path}`, e.message);

  if (loaded.ok) {
    const actionCount = loaded.scenario.script.length;
    (timeline.actions ?? []).forEach((action, i) => {
      if (action > actionCount) {
        fail(
          `timeline.actions[${i}]`,
          `the scenario's script has ${actionCount} command${actionCount === 1 ? '' : 's'}; there is no action ${action}`,
        );
      }
    });
  }

  if (problems.length > 0) return { ok: false, problems };

  // Everything is well-formed: run the scenario and check the timeline against its trace.
  let trace: ReturnType<typeof traceLesson>;
  try {
    trace = traceLesson(scenarioYaml, {
      detail: timeline.detail ?? 'summary',
      ...(timeline.actions && { actions: timeline.actions }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [{ path: timeline.actions ? 'timeline.actions' : 'scenarioYaml', message }],
    };
  }
  const generatedIds = trace.questions.map((q) => q.generated.id);
  const wanted = timeline.generatedQuestions ?? true;
  if (Array.isArray(wanted)) {
    wanted.forEach((id, i) => {
      if (!generatedIds.includes(id)) {
        fail(
          `timeline.generatedQuestions[${i}]`,
          `no generated question ${JSON.stringify(id)} (generated: ${preview(generatedIds)})`,
        );
      }
    });
  }
  const offered = new Set([
    ...questions.map((q) => q.id),
    ...(wanted === true ? generatedIds : wanted === false ? [] : wanted),
  ]);
  (timeline.cues ?? []).forEach((cue, i) => {
    if (!offered.has(cue.question)) {
      fail(
        `timeline.cues[${i}].question`,
        `no question ${JSON.stringify(cue.question)} in this lesson (questions: ${preview([...offered])})`,
      );
    }
    if (cue.atStep >= trace.steps.length) {
      fail(
        `timeline.cues[${i}].atStep`,
        `the lesson has ${trace.steps.length} steps (0–${trace.steps.length - 1}) at the ${timeline.detail ?? 'summary'} level; there is no step ${cue.atStep}`,
      );
    }
  });
  if (problems.length > 0) return { ok: false, problems };

  return {
    ok: true,
    lesson: {
      title: dto.title,
      scenarioYaml,
      timeline,
      questions,
      scoring: plainScoring(dto.scoring),
    },
  };
}

/** The order a question's fields are stored and exported in: the way an author reads them. */
const QUESTION_FIELD_ORDER = [
  'id',
  'type',
  'concept',
  'prompt',
  'options',
  'answer',
  'tolerance',
  'unit',
  'partialCredit',
  'misconceptions',
  'explanation',
  'points',
  'timeLimitSec',
  'stepRef',
];

function ordered(question: Question): Question {
  const rank = (key: string) => {
    const i = QUESTION_FIELD_ORDER.indexOf(key);
    return i < 0 ? QUESTION_FIELD_ORDER.length : i;
  };
  return Object.fromEntries(
    Object.entries(question).sort(([a], [b]) => rank(a) - rank(b)),
  ) as unknown as Question;
}

const preview = (ids: string[]): string =>
  ids.length === 0
    ? 'none'
    : ids
        .slice(0, 8)
        .map((id) => JSON.stringify(id))
        .join(', ') + (ids.length > 8 ? ', …' : '');

/** The timeline as plain JSON, holding only the fields given. */
function plainTimeline(dto: CreateLessonDto['timeline']): LessonTimeline {
  if (!dto) return {};
  return {
    ...(dto.detail !== undefined && { detail: dto.detail }),
    ...(dto.actions !== undefined && { actions: [...dto.actions] }),
    ...(dto.generatedQuestions !== undefined && {
      generatedQuestions: Array.isArray(dto.generatedQuestions)
        ? [...dto.generatedQuestions]
        : dto.generatedQuestions,
    }),
    ...(dto.cues !== undefined && {
      cues: dto.cues.map((c) => ({ question: c.question, atStep: c.atStep })),
    }),
  };
}

function plainScoring(dto: CreateLessonDto['scoring']): LessonScoring {
  if (!dto) return {};
  return {
    ...(dto.speedScoring !== undefined && { speedScoring: dto.speedScoring }),
    ...(dto.streaks !== undefined && { streaks: dto.streaks }),
  };
}
