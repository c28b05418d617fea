import { Inject, Injectable } from '@nestjs/common';
import type { SessionSummaryView } from '@podroom/contracts';
import type { DatabaseClient } from '../database/database.client.js';
import { DATABASE } from '../database/database.module.js';
import { afterWhere, type PageAfter } from '../http/page.cursor.js';

const STATUS = { LOBBY: 'lobby', LIVE: 'live', ENDED: 'ended' } as const;

/** The instructor's sessions (rooms), for the list of past and running sessions. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(DATABASE) private readonly db: DatabaseClient) {}

  /** One page, newest first, plus one more row when there is one (see `toPage`). */
  async listPage(
    instructorId: string,
    classId: string | undefined,
    limit: number,
    after: PageAfter | null,
  ): Promise<(SessionSummaryView & { createdAtDate: Date })[]> {
    const rows = await this.db.prisma.session.findMany({
      where: { instructorId, ...(classId !== undefined && { classId }), ...afterWhere(after) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: {
        id: true,
        joinCode: true,
        status: true,
        lessonId: true,
        lesson: { select: { title: true } },
        classId: true,
        class: { select: { name: true } },
        _count: { select: { participants: true } },
        createdAt: true,
        endedAt: true,
      },
    });
    return rows.map((row) => ({
      id: row.id,
      code: row.joinCode,
      status: STATUS[row.status],
      lessonId: row.lessonId,
      lessonTitle: row.lesson.title,
      classId: row.classId,
      className: row.class?.name ?? null,
      participantCount: row._count.participants,
      createdAt: row.createdAt.toISOString(),
      createdAtDate: row.createdAt,
      endedAt: row.endedAt?.toISOString() ?? null,
    }));
  }
}
