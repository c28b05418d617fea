import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  PAGE_LIMIT,
  toPage,
  type BuiltInLessonView,
  type CreateLessonDto,
  type DetailLevel,
  type LessonScoring,
  type LessonSummaryView,
  type LessonView,
  type Page,
  type PageQueryDto,
} from '@podroom/contracts';
import type { Question } from '@podroom/quiz';
import { ConflictError, InvalidPayloadError, NotFoundError } from '../errors/domain.errors.js';
import { cursorOf, pageAfter } from '../http/page.cursor.js';
import { builtInLessons, type BuiltInLesson } from './built-in.lessons.js';
import { exportLessonFile, parseLessonFile } from './lesson-file.codec.js';
import {
  checkLesson,
  compileLesson,
  describeProblem,
  InvalidLessonError,
  type CheckedLesson,
} from './lesson.checker.js';
import { planLesson, type LessonPlan, type LessonRecord } from './lesson.plan.js';
import { LessonsRepository, type LessonListItem, type StoredLesson } from './lessons.repository.js';

/** A lesson file to download. */
export interface LessonFile {
  filename: string;
  text: string;
}

/**
 * Lessons: the built-in catalogue, the instructor's own lessons (CRUD, copy, YAML import/export)
 * and the plans rooms run. An instructor only ever sees their own lessons: anyone else's is "not
 * found", exactly like a lesson that does not exist.
 */
@Injectable()
export class LessonsService {
  private readonly builtIns = new Map<string, BuiltInLesson>(
    builtInLessons().map((lesson) => [lesson.key, lesson]),
  );
  /**
   * Plans are pure functions of a lesson, cached by lesson id, version (its `updatedAt`) and detail
   * level. Editing a lesson drops its plans here; another process sees the new version on its next
   * read. A room that is already running keeps the plan it was given.
   */
  private readonly plans = new Map<string, LessonPlan>();

  constructor(private readonly lessons: LessonsRepository) {}

  listBuiltIn(): BuiltInLessonView[] {
    return [...this.builtIns.values()].map((lesson) => {
      const plan = this.planOf({
        id: `built-in:${lesson.key}`,
        instructorId: '',
        title: lesson.title,
        builtInKey: lesson.key,
        scenarioYaml: lesson.scenarioYaml,
        timeline: lesson.timeline,
        questions: lesson.questions,
        scoring: {},
      });
      return {
        key: lesson.key,
        title: lesson.title,
        description: lesson.description,
        steps: plan.steps.length,
        questions: plan.questions.length,
      };
    });
  }

  // ------------------------------------------------------------------ the instructor's lessons

  async list(instructorId: string, query: PageQueryDto): Promise<Page<LessonSummaryView>> {
    const limit = query.limit ?? PAGE_LIMIT.default;
    const rows = await this.lessons.listPage(instructorId, limit, pageAfter(query.cursor));
    const page = toPage(rows, limit, cursorOf);
    return { items: page.items.map(summaryView), nextCursor: page.nextCursor };
  }

  async get(instructorId: string, id: string): Promise<LessonView> {
    return lessonView(await this.owned(instructorId, id));
  }

  async create(instructorId: string, dto: CreateLessonDto): Promise<LessonView> {
    return lessonView(await this.lessons.create(instructorId, compiled(dto)));
  }

  /** Replaces the lesson; its cached plans go (rooms already running keep theirs). */
  async replace(instructorId: string, id: string, dto: CreateLessonDto): Promise<LessonView> {
    const lesson = await this.owned(instructorId, id);
    if (lesson.builtInKey !== null) {
      throw new ConflictError(
        `This is podroom's built-in lesson "${lesson.builtInKey}": copy it (POST /lessons/built-in/${lesson.builtInKey}/copy) and edit the copy`,
        ErrorCode.LESSON_READ_ONLY,
      );
    }
    const checked = compiled(dto);
    const saved = await this.lessons.replace(id, checked);
    this.forget(id);
    if (!saved) throw new NotFoundError('Lesson');
    return lessonView(saved);
  }

  /** Deletes a lesson no session uses (a session's report needs its lesson). */
  async remove(instructorId: string, id: string): Promise<void> {
    await this.owned(instructorId, id);
    const result = await this.lessons.deleteUnused(id);
    if (result === 'in-use') {
      const sessions = await this.lessons.countSessions(id);
      throw new ConflictError(
        `The lesson has ${sessions} session${sessions === 1 ? '' : 's'} whose reports need it; it cannot be deleted`,
        ErrorCode.LESSON_IN_USE,
      );
    }
    this.forget(id);
    if (result === 'missing') throw new NotFoundError('Lesson');
  }

  /** A new lesson of the instructor's, copied from a built-in one, to edit freely. */
  async copyBuiltIn(instructorId: string, key: string): Promise<LessonView> {
    const builtIn = this.builtIns.get(key);
    if (!builtIn) throw new NotFoundError(`Built-in lesson "${key}"`);
    const checked = checkLesson({
      title: builtIn.title,
      scenarioYaml: builtIn.scenarioYaml,
      timeline: builtIn.timeline,
      questions: builtIn.questions,
      scoring: {},
    });
    if (!checked.ok) throw new InvalidLessonError(checked.problems.map(describeProblem));
    return lessonView(await this.lessons.create(instructorId, checked.lesson));
  }

  /** The lesson as one YAML file (see lesson-file.codec.ts). */
  async exportFile(instructorId: string, id: string): Promise<LessonFile> {
    const lesson = await this.owned(instructorId, id);
    const text = exportLessonFile({
      title: lesson.title,
      scenarioYaml: lesson.scenarioYaml,
      timeline: lesson.timeline,
      questions: lesson.questions as Question[],
      scoring: (lesson.scoring ?? {}) as LessonScoring,
    });
    return { filename: `${slug(lesson.title)}.lesson.yaml`, text };
  }

  /** A new lesson from a lesson file; problems name the file's line and field. */
  async importFile(instructorId: string, body: unknown): Promise<LessonView> {
    if (typeof body !== 'string' || body.trim() === '') {
      throw new InvalidPayloadError(
        'Send the lesson file as the request body with Content-Type text/yaml (or application/yaml)',
      );
    }
    const parsed = parseLessonFile(body);
    if (!parsed.ok) throw new InvalidLessonError(parsed.details);
    const checked = checkLesson(parsed.draft);
    if (!checked.ok) throw new InvalidLessonError(checked.problems.map(parsed.describe));
    return lessonView(await this.lessons.create(instructorId, checked.lesson));
  }

  // ------------------------------------------------------------------ rooms

  /** The lesson a room is created from: an instructor's own, or their copy of a built-in one. */
  async resolve(
    instructorId: string,
    ref: { lessonKey?: string; lessonId?: string },
  ): Promise<LessonRecord> {
    if (ref.lessonId) return this.owned(instructorId, ref.lessonId);
    const builtIn = this.builtIns.get(ref.lessonKey ?? '');
    if (!builtIn) throw new NotFoundError(`Built-in lesson "${ref.lessonKey}"`);
    return this.lessons.findOrCreateBuiltIn(instructorId, builtIn);
  }

  /** The plan of a stored lesson, at the room's detail level (its current version). */
  async plan(lessonId: string, detail?: DetailLevel): Promise<LessonPlan> {
    const lesson = await this.lessons.findById(lessonId);
    if (!lesson) throw new NotFoundError('Lesson');
    return this.planOf(lesson, detail);
  }

  planOf(lesson: LessonRecord, detail?: DetailLevel): LessonPlan {
    const key = `${lesson.id}:${lesson.version ?? 0}:${detail ?? ''}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = planLesson(lesson, detail);
      this.forget(lesson.id, `:${lesson.version ?? 0}:`); // older versions of this lesson
      this.plans.set(key, plan);
    }
    return plan;
  }

  /** Drops the cached plans of a lesson (all, or all but one version). */
  private forget(lessonId: string, keepVersion?: string): void {
    for (const key of this.plans.keys()) {
      if (!key.startsWith(`${lessonId}:`)) continue;
      if (keepVersion && key.startsWith(`${lessonId}${keepVersion}`)) continue;
      this.plans.delete(key);
    }
  }

  /** The instructor's lesson; anyone else's is NOT_FOUND, never their data. */
  private async owned(instructorId: string, id: string): Promise<StoredLesson> {
    const lesson = await this.lessons.findById(id);
    if (!lesson || lesson.instructorId !== instructorId) throw new NotFoundError('Lesson');
    return lesson;
  }
}

/** Compiles a REST body; refuses it with INVALID_LESSON naming each problem's field (and line). */
function compiled(dto: CreateLessonDto): CheckedLesson {
  const result = compileLesson(dto);
  if (!result.ok) throw new InvalidLessonError(result.problems.map(describeProblem));
  return result.lesson;
}

function summaryView(row: LessonListItem): LessonSummaryView {
  return {
    id: row.id,
    title: row.title,
    builtInKey: row.builtInKey,
    questionCount: row.questionCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function lessonView(lesson: StoredLesson): LessonView {
  return {
    ...summaryView({ ...lesson, questionCount: lesson.questions.length }),
    scenarioYaml: lesson.scenarioYaml,
    timeline: lesson.timeline,
    questions: lesson.questions as Question[],
    scoring: (lesson.scoring ?? {}) as LessonScoring,
  };
}

/** A file name from a title: `Pod-to-Pod communication` → `pod-to-pod-communication`. */
export function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // the accents NFKD split off: é → e
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s === '' ? 'lesson' : s;
}
