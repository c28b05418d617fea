import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  PAGE_LIMIT,
  toPage,
  type ClassSummaryView,
  type ClassView,
  type CreateClassDto,
  type Page,
  type PageQueryDto,
  type SessionSummaryView,
  type SessionsQueryDto,
} from '@podroom/contracts';
import { DomainError, NotFoundError } from '../errors/domain.errors.js';
import { cursorOf, pageAfter } from '../http/page.cursor.js';
import { ClassesRepository, type StoredClass } from './classes.repository.js';
import { parseRoster } from './roster.parser.js';
import { SessionsRepository } from './sessions.repository.js';

const summaryView = (row: StoredClass): ClassSummaryView => ({
  id: row.id,
  name: row.name,
  rosterSize: row.rosterSize,
  sessionCount: row.sessionCount,
  createdAt: row.createdAt.toISOString(),
});

/** An instructor's classes and their rosters. */
@Injectable()
export class ClassesService {
  constructor(
    private readonly classes: ClassesRepository,
    private readonly sessionRows: SessionsRepository,
  ) {}

  async create(instructorId: string, dto: CreateClassDto): Promise<ClassView> {
    return { ...summaryView(await this.classes.create(instructorId, dto.name.trim())), roster: [] };
  }

  async list(instructorId: string, query: PageQueryDto): Promise<Page<ClassSummaryView>> {
    const limit = query.limit ?? PAGE_LIMIT.default;
    const rows = await this.classes.listPage(instructorId, limit, pageAfter(query.cursor));
    const page = toPage(rows, limit, cursorOf);
    return { items: page.items.map(summaryView), nextCursor: page.nextCursor };
  }

  async get(instructorId: string, id: string): Promise<ClassView> {
    const found = await this.owned(instructorId, id);
    return { ...summaryView(found), roster: await this.classes.roster(id) };
  }

  /** Throws NOT_FOUND (404) unless the class is the instructor's. */
  async owned(instructorId: string, id: string): Promise<StoredClass> {
    const found = await this.classes.find(instructorId, id);
    if (!found) throw new NotFoundError('Class');
    return found;
  }

  async rename(instructorId: string, id: string, dto: CreateClassDto): Promise<ClassView> {
    if (!(await this.classes.rename(instructorId, id, dto.name.trim())))
      throw new NotFoundError('Class');
    return this.get(instructorId, id);
  }

  async remove(instructorId: string, id: string): Promise<void> {
    if (!(await this.classes.delete(instructorId, id))) throw new NotFoundError('Class');
  }

  /** Replaces the roster with a CSV file's students; INVALID_ROSTER names each bad line. */
  async replaceRoster(instructorId: string, id: string, body: unknown): Promise<ClassView> {
    if (typeof body !== 'string')
      throw new DomainError(
        ErrorCode.INVALID_ROSTER,
        'Send the roster as a CSV file (Content-Type: text/csv)',
      );
    const parsed = parseRoster(body);
    if (!parsed.ok)
      throw new DomainError(
        ErrorCode.INVALID_ROSTER,
        `The roster has ${parsed.problems.length === 1 ? 'a problem' : 'problems'}: nothing was changed`,
        parsed.problems,
      );
    if (!(await this.classes.replaceRoster(instructorId, id, parsed.students)))
      throw new NotFoundError('Class');
    return this.get(instructorId, id);
  }

  /** The instructor's sessions, newest first; of one class when `classId` is given (404 if not theirs). */
  async sessions(instructorId: string, query: SessionsQueryDto): Promise<Page<SessionSummaryView>> {
    if (query.classId !== undefined) await this.owned(instructorId, query.classId);
    const limit = query.limit ?? PAGE_LIMIT.default;
    const rows = await this.sessionRows.listPage(
      instructorId,
      query.classId,
      limit,
      pageAfter(query.cursor),
    );
    const page = toPage(rows, limit, (row) =>
      cursorOf({ createdAt: row.createdAtDate, id: row.id }),
    );
    return {
      items: page.items.map(({ createdAtDate: _, ...view }) => view),
      nextCursor: page.nextCursor,
    };
  }
}
