import { Inject, Injectable } from '@nestjs/common';
import type { Question } from '@podroom/quiz';
import type { DatabaseClient } from '../database/database.client.js';
import { DATABASE } from '../database/database.module.js';
import { Prisma, SessionStatus } from '../generated/prisma/client.js';
import type { RoomStatusValue } from '../rooms/room.ports.js';
import type { ClassRecord } from './class-report.builder.js';
import type { SessionRecord } from './session-report.builder.js';

const FROM_DB: Record<SessionStatus, RoomStatusValue> = {
  LOBBY: 'lobby',
  LIVE: 'live',
  ENDED: 'ended',
};

/** Everything a report reads of a session: its participants, asked questions and answers. */
const SESSION_READ = {
  participants: {
    select: { id: true, nickname: true, kicked: true, rosterId: true },
    orderBy: [{ joinedAt: 'asc' }, { id: 'asc' }],
  },
  questions: {
    select: { id: true, key: true, ordinal: true, definition: true, closedAt: true },
    orderBy: { ordinal: 'asc' },
  },
  answers: {
    select: { questionId: true, participantId: true, value: true, responseMs: true },
    orderBy: [{ questionId: 'asc' }, { participantId: 'asc' }],
  },
} satisfies Prisma.SessionInclude;

type SessionRow = Prisma.SessionGetPayload<{ include: typeof SESSION_READ }>;

/** Reads what reports are computed from: stored sessions, answers, classes and rosters. Read-only. */
@Injectable()
export class ReportsRepository {
  constructor(@Inject(DATABASE) private readonly db: DatabaseClient) {}

  async findSession(sessionId: string): Promise<SessionRecord | null> {
    const row = await this.db.prisma.session.findUnique({
      where: { id: sessionId },
      include: SESSION_READ,
    });
    return row && toSession(row);
  }

  async findClass(classId: string): Promise<ClassRecord | null> {
    const row = await this.db.prisma.class.findUnique({
      where: { id: classId },
      select: {
        id: true,
        name: true,
        instructorId: true,
        roster: {
          select: { studentId: true, displayName: true },
          orderBy: { studentId: 'asc' },
        },
      },
    });
    return row;
  }

  /** The class's sessions that have started (live or ended), oldest first. */
  async findClassSessions(classId: string): Promise<SessionRecord[]> {
    const rows = await this.db.prisma.session.findMany({
      where: { classId, status: { in: [SessionStatus.LIVE, SessionStatus.ENDED] } },
      include: SESSION_READ,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toSession);
  }
}

function toSession(row: SessionRow): SessionRecord {
  const state = row.state as { settings?: SessionRecord['settings'] } | null;
  return {
    id: row.id,
    code: row.joinCode,
    lessonId: row.lessonId,
    instructorId: row.instructorId,
    classId: row.classId,
    status: FROM_DB[row.status],
    createdAt: row.createdAt.getTime(),
    endedAt: row.endedAt?.getTime() ?? null,
    settings: state?.settings ?? { detail: 'summary', extraTime: [] },
    participants: row.participants,
    questions: row.questions.map((q) => ({
      id: q.id,
      key: q.key,
      ordinal: q.ordinal,
      definition: q.definition as unknown as Question,
      closedAt: q.closedAt?.getTime() ?? null,
    })),
    answers: row.answers,
  };
}
