import { Inject, Injectable } from '@nestjs/common';
import type { RosterStudentView } from '@podroom/contracts';
import type { DatabaseClient } from '../database/database.client.js';
import { DATABASE } from '../database/database.module.js';
import { afterWhere, type PageAfter } from '../http/page.cursor.js';

/** A class row with its counts. */
export interface StoredClass {
  id: string;
  name: string;
  createdAt: Date;
  rosterSize: number;
  sessionCount: number;
}

const WITH_COUNTS = {
  id: true,
  name: true,
  createdAt: true,
  _count: { select: { roster: true, sessions: true } },
} as const;

type Row = {
  id: string;
  name: string;
  createdAt: Date;
  _count: { roster: number; sessions: number };
};

const toStored = ({ _count, ...row }: Row): StoredClass => ({
  ...row,
  rosterSize: _count.roster,
  sessionCount: _count.sessions,
});

/**
 * Classes and their rosters (the `Class` and `RosterStudent` tables). Every read and write is
 * scoped to the instructor: another instructor's class is simply not found.
 */
@Injectable()
export class ClassesRepository {
  constructor(@Inject(DATABASE) private readonly db: DatabaseClient) {}

  async create(instructorId: string, name: string): Promise<StoredClass> {
    return toStored(
      await this.db.prisma.class.create({ data: { instructorId, name }, select: WITH_COUNTS }),
    );
  }

  async find(instructorId: string, id: string): Promise<StoredClass | null> {
    const row = await this.db.prisma.class.findFirst({
      where: { id, instructorId },
      select: WITH_COUNTS,
    });
    return row && toStored(row);
  }

  /** One page, newest first, plus one more row when there is one (see `toPage`). */
  async listPage(instructorId: string, limit: number, after: PageAfter | null) {
    const rows = await this.db.prisma.class.findMany({
      where: { instructorId, ...afterWhere(after) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: WITH_COUNTS,
    });
    return rows.map(toStored);
  }

  /** False when there is no such class of the instructor. */
  async rename(instructorId: string, id: string, name: string): Promise<boolean> {
    const { count } = await this.db.prisma.class.updateMany({
      where: { id, instructorId },
      data: { name },
    });
    return count > 0;
  }

  /** Deletes the class and its roster; its sessions (and their reports) stay, with no class. */
  async delete(instructorId: string, id: string): Promise<boolean> {
    const { count } = await this.db.prisma.class.deleteMany({ where: { id, instructorId } });
    return count > 0;
  }

  async roster(classId: string): Promise<RosterStudentView[]> {
    return this.db.prisma.rosterStudent.findMany({
      where: { classId },
      orderBy: { studentId: 'asc' },
      select: { studentId: true, displayName: true },
    });
  }

  /** Replaces the whole roster in one transaction; false when the class is not the instructor's. */
  async replaceRoster(
    instructorId: string,
    classId: string,
    students: RosterStudentView[],
  ): Promise<boolean> {
    return this.db.prisma.$transaction(async (tx) => {
      const owned = await tx.class.count({ where: { id: classId, instructorId } });
      if (owned === 0) return false;
      await tx.rosterStudent.deleteMany({ where: { classId } });
      await tx.rosterStudent.createMany({
        data: students.map((s) => ({ classId, ...s })),
      });
      return true;
    });
  }
}
