import { Inject, Injectable } from '@nestjs/common';
import type { LessonTimeline } from '@podroom/contracts';
import { afterWhere, type PageAfter } from '../http/page.cursor.js';
import type { DatabaseClient } from '../database/database.client.js';
import { DATABASE } from '../database/database.module.js';
import type { Lesson as LessonRow, Prisma } from '../generated/prisma/client.js';
import type { BuiltInLesson } from './built-in.lessons.js';
import type { CheckedLesson } from './lesson.checker.js';
import type { LessonRecord } from './lesson.plan.js';

/** A stored lesson with its timestamps. */
export interface StoredLesson extends LessonRecord {
  createdAt: Date;
  updatedAt: Date;
}

/** A lesson in a list: no scenario, no questions, only their number. */
export interface LessonListItem {
  id: string;
  title: string;
  builtInKey: string | null;
  questionCount: number;
  createdAt: Date;
  updatedAt: Date;
}

@Injectable()
export class LessonsRepository {
  constructor(@Inject(DATABASE) private readonly db: DatabaseClient) {}

  /** The instructor's copy of a built-in lesson, made on first use. */
  async findOrCreateBuiltIn(instructorId: string, lesson: BuiltInLesson): Promise<StoredLesson> {
    const row = await this.db.prisma.lesson.upsert({
      where: { instructorId_builtInKey: { instructorId, builtInKey: lesson.key } },
      update: {},
      create: {
        instructorId,
        builtInKey: lesson.key,
        title: lesson.title,
        scenarioYaml: lesson.scenarioYaml,
        timeline: lesson.timeline as Prisma.InputJsonValue,
        questions: lesson.questions as unknown as Prisma.InputJsonValue,
        scoring: {},
      },
    });
    return toRecord(row);
  }

  async findById(id: string): Promise<StoredLesson | null> {
    const row = await this.db.prisma.lesson.findUnique({ where: { id } });
    return row && toRecord(row);
  }

  /**
   * One page of the instructor's lessons, newest first (`createdAt desc, id desc`): the `limit`
   * rows strictly after `after`, plus one more when there is one (see `toPage`).
   */
  async listPage(
    instructorId: string,
    limit: number,
    after: PageAfter | null,
  ): Promise<LessonListItem[]> {
    const rows = await this.db.prisma.lesson.findMany({
      where: {
        instructorId,
        ...afterWhere(after),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: {
        id: true,
        title: true,
        builtInKey: true,
        questions: true,
        createdAt: true,
        updatedAt: true,
      },
    });
    return rows.map(({ questions, ...row }) => ({
      ...row,
      questionCount: Array.isArray(questions) ? questions.length : 0,
    }));
  }

  async create(instructorId: string, lesson: CheckedLesson): Promise<StoredLesson> {
    const row = await this.db.prisma.lesson.create({
      data: { instructorId, builtInKey: null, ...toColumns(lesson) },
    });
    return toRecord(row);
  }

  /** Replaces the lesson's content; null when it no longer exists. */
  async replace(id: string, lesson: CheckedLesson): Promise<StoredLesson | null> {
    const { count } = await this.db.prisma.lesson.updateMany({
      where: { id },
      data: toColumns(lesson),
    });
    return count === 0 ? null : this.findById(id);
  }

  /**
   * Deletes the lesson unless a session uses it (deleting would take the sessions, their answers
   * and reports with it). Answers `deleted`, `in-use` or `missing`.
   */
  async deleteUnused(id: string): Promise<'deleted' | 'in-use' | 'missing'> {
    const { count } = await this.db.prisma.lesson.deleteMany({
      where: { id, sessions: { none: {} } },
    });
    if (count > 0) return 'deleted';
    const exists = await this.db.prisma.lesson.count({ where: { id } });
    return exists > 0 ? 'in-use' : 'missing';
  }

  countSessions(lessonId: string): Promise<number> {
    return this.db.prisma.session.count({ where: { lessonId } });
  }
}

function toColumns(lesson: CheckedLesson) {
  return {
    title: lesson.title,
    scenarioYaml: lesson.scenarioYaml,
    timeline: lesson.timeline as Prisma.InputJsonValue,
    questions: lesson.questions as unknown as Prisma.InputJsonValue,
    scoring: lesson.scoring as Prisma.InputJsonValue,
  };
}

function toRecord(row: LessonRow): StoredLesson {
  return {
    id: row.id,
    instructorId: row.instructorId,
    title: row.title,
    builtInKey: row.builtInKey,
    scenarioYaml: row.scenarioYaml,
    timeline: (row.timeline ?? {}) as LessonTimeline,
    questions: Array.isArray(row.questions) ? (row.questions as unknown[]) : [],
    scoring: row.scoring,
    version: row.updatedAt.getTime(),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
