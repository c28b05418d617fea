import { Injectable } from '@nestjs/common';
import type { ClassReport, RoomReport } from '@podroom/contracts';
import type { Instructor } from '../auth/instructors.repository.js';
import { NotFoundError } from '../errors/domain.errors.js';
import { LessonsService } from '../lessons/lessons.service.js';
import { roomScoringOptions } from '../rooms/room.model.js';
import { buildClassReport, type ClassSessionInput } from './class-report.builder.js';
import { classReportCsv, sessionReportCsv, type CsvFile } from './report-csv.builder.js';
import { ReportsRepository } from './reports.repository.js';
import { buildSessionReport, type SessionRecord } from './session-report.builder.js';

/**
 * Session and class reports, computed on every request from the stored answers (never from
 * totals kept elsewhere). Someone else's session or class is NOT_FOUND, never their data.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly lessons: LessonsService,
  ) {}

  async sessionReport(instructor: Instructor, roomId: string): Promise<RoomReport> {
    const session = await this.repository.findSession(roomId);
    if (!session || session.instructorId !== instructor.id) throw new NotFoundError('Room');
    return buildSessionReport(await this.inputOf(session));
  }

  async sessionReportCsv(instructor: Instructor, roomId: string): Promise<CsvFile> {
    return sessionReportCsv(await this.sessionReport(instructor, roomId));
  }

  async classReport(instructor: Instructor, classId: string): Promise<ClassReport> {
    const klass = await this.repository.findClass(classId);
    if (!klass || klass.instructorId !== instructor.id) throw new NotFoundError('Class');
    const sessions: ClassSessionInput[] = [];
    for (const session of await this.repository.findClassSessions(classId))
      sessions.push(await this.inputOf(session));
    return buildClassReport({ klass, sessions });
  }

  async classReportCsv(instructor: Instructor, classId: string): Promise<CsvFile> {
    return classReportCsv(await this.classReport(instructor, classId));
  }

  /** The lesson's title and the scoring options the room scored with (as the live room has them). */
  private async inputOf(session: SessionRecord): Promise<ClassSessionInput> {
    const plan = await this.lessons.plan(session.lessonId, session.settings.detail);
    return {
      session,
      lessonTitle: plan.title,
      scoring: roomScoringOptions(plan, session.settings, session.participants),
    };
  }
}
