import type { ClassReport, RoomReport } from '@podroom/contracts';
import { rounded, writeCsv, type CsvCell } from './csv.writer.js';

/** A CSV download: its file name and bytes. */
export interface CsvFile {
  filename: string;
  body: Buffer;
}

export const SESSION_CSV_HEADER = [
  'session_id',
  'session_code',
  'lesson',
  'session_started_at',
  'class_id',
  'rank',
  'participant_id',
  'nickname',
  'roster_id',
  'kicked',
  'total_points',
  'total_correct',
  'total_answered',
  'total_unanswered',
  'accuracy_percent',
  'average_response_ms',
  'question_ordinal',
  'question_key',
  'concept',
  'question_type',
  'prompt',
  'status',
  'answer',
  'correct',
  'credit',
  'late',
  'response_ms',
  'points',
] as const;

/**
 * The session report as one CSV: a row per participant × asked question, in rank order then
 * question order, the participant's totals repeated on each of their rows (so any row can be
 * filtered or pivoted alone). A participant in a session with no question asked gets one row with
 * the question columns empty. Pure.
 */
export function sessionReportCsv(report: RoomReport): CsvFile {
  const { room } = report;
  const questions = new Map(report.questions.map((q) => [q.questionId, q]));
  const rows: CsvCell[][] = [];
  for (const p of report.participants) {
    const totals: CsvCell[] = [
      room.id,
      room.code,
      room.lessonTitle,
      room.createdAt,
      room.classId,
      p.rank,
      p.participantId,
      p.nickname,
      p.rosterId,
      p.kicked,
      p.points,
      p.correct,
      p.answered,
      p.unanswered,
      rounded(p.accuracyPercent, 1),
      rounded(p.averageResponseMs),
    ];
    if (p.answers.length === 0) rows.push([...totals, ...Array<null>(12).fill(null)]);
    for (const a of p.answers) {
      const q = questions.get(a.questionId)!;
      rows.push([
        ...totals,
        a.ordinal,
        q.key,
        q.concept,
        q.type,
        q.prompt,
        a.status,
        answerText(a.value, q.options),
        a.status === 'unanswered' ? null : a.correct,
        a.status === 'unanswered' ? null : rounded(a.credit, 3),
        a.status === 'unanswered' ? null : a.late,
        a.responseMs,
        a.points,
      ]);
    }
  }
  return {
    filename: `podroom-session-${room.code}-${room.createdAt.slice(0, 10)}.csv`,
    body: writeCsv(SESSION_CSV_HEADER, rows),
  };
}

export const CLASS_CSV_HEADER = [
  'class_id',
  'class_name',
  'student_id',
  'display_name',
  'sessions_attended',
  'total_points',
  'overall_accuracy_percent',
  'session_number',
  'session_id',
  'session_code',
  'lesson',
  'session_started_at',
  'attended',
  'nickname',
  'rank',
  'points',
  'questions',
  'answered',
  'correct',
  'accuracy_percent',
] as const;

/**
 * The class report's per-student trend as one CSV: a row per roster student × session (oldest
 * session first), the student's overall figures repeated on each row. Concepts and wrong options
 * stay in the JSON report (docs/decisions/0053-reports.md). Pure.
 */
export function classReportCsv(report: ClassReport): CsvFile {
  const sessions = new Map(report.sessions.map((s, i) => [s.roomId, { ...s, number: i + 1 }]));
  const rows: CsvCell[][] = [];
  for (const student of report.students) {
    const totals: CsvCell[] = [
      report.class.id,
      report.class.name,
      student.rosterId,
      student.displayName,
      student.sessionsAttended,
      student.points,
      rounded(student.accuracyPercent, 1),
    ];
    if (student.trend.length === 0) rows.push([...totals, ...Array<null>(13).fill(null)]);
    for (const t of student.trend) {
      const s = sessions.get(t.roomId)!;
      rows.push([
        ...totals,
        s.number,
        s.roomId,
        s.code,
        s.lessonTitle,
        s.createdAt,
        t.attended,
        t.nickname,
        t.rank,
        t.attended ? t.points : null,
        t.questions,
        t.attended ? t.answered : null,
        t.attended ? t.correct : null,
        rounded(t.accuracyPercent, 1),
      ]);
    }
  }
  return {
    filename: `podroom-class-${fileSlug(report.class.name) || report.class.id}.csv`,
    body: writeCsv(CLASS_CSV_HEADER, rows),
  };
}

/** An answer as a spreadsheet reader wants it: option texts rather than ids. */
function answerText(value: unknown, options: readonly { id: string; text: string }[]): CsvCell {
  if (value === null || value === undefined) return null;
  const text = (id: unknown) =>
    typeof id === 'string' ? (options.find((o) => o.id === id)?.text ?? id) : String(id);
  if (Array.isArray(value)) return value.map(text).join('; ');
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return text(value);
}

/** ASCII letters, digits and dashes only: safe in a Content-Disposition header. */
function fileSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
}
