import 'reflect-metadata'; // class-transformer's @Type reads decorator metadata
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQueryDto } from './pagination.dto.js';

/** Sizes of classes and rosters (a roster is sent as a CSV file, see docs/classes.md). */
export const CLASS_LIMITS = {
  name: 120,
  rosterBytes: 256 * 1024,
  rosterStudents: 2000,
  studentId: 64,
  displayName: 80,
} as const;

/** `POST /classes` — a class (a group of students met over several sessions). */
export class CreateClassDto {
  @IsString()
  @Length(1, CLASS_LIMITS.name)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

/** `PUT /classes/:id` — renames the class. */
export class UpdateClassDto extends CreateClassDto {}

/** `GET /sessions?classId=&limit=&cursor=` — the instructor's sessions, newest first. */
export class SessionsQueryDto extends PageQueryDto {
  /** Only the sessions taught to this class. */
  @IsOptional()
  @IsUUID()
  classId?: string;
}

/** The key two roster student ids are compared by: students type them, so case does not count. */
export const rosterIdKey = (studentId: string): string => studentId.trim().toLowerCase();

/** A roster student: the school's student id (what students type when joining) and a name. */
export interface RosterStudentView {
  studentId: string;
  displayName: string;
}

/** A class in a list. */
export interface ClassSummaryView {
  id: string;
  name: string;
  rosterSize: number;
  sessionCount: number;
  /** ISO-8601. */
  createdAt: string;
}

/** A class with its roster (sorted by student id). */
export interface ClassView extends ClassSummaryView {
  roster: RosterStudentView[];
}

/** A session (a room, live or ended) in the instructor's list. */
export interface SessionSummaryView {
  /** The room id: `GET /rooms/:id/report`, the host console `#/teach/<id>/console`. */
  id: string;
  code: string;
  status: 'lobby' | 'live' | 'ended';
  lessonId: string;
  lessonTitle: string;
  classId: string | null;
  className: string | null;
  participantCount: number;
  /** ISO-8601. */
  createdAt: string;
  endedAt: string | null;
}
