import { CLASS_LIMITS, rosterIdKey, type RosterStudentView } from '@podroom/contracts';
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';

/** A roster read from a CSV file, or the problems found, each naming its line. */
export type RosterParse =
  { ok: true; students: RosterStudentView[] } | { ok: false; problems: string[] };

/** Header names accepted for each column, compared without case, spaces, `_` or `-`. */
const ID_HEADERS = new Set(['studentid', 'id', 'student', 'studentnumber']);
const NAME_HEADERS = new Set(['displayname', 'name', 'studentname', 'fullname']);
const MAX_PROBLEMS = 20;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const headerKey = (cell: string) => cell.toLowerCase().replace(/[\s_-]/g, '');

/**
 * Reads a class roster: a CSV file (comma-separated, optional UTF-8 BOM, quoted fields allowed)
 * whose first line names the columns `student_id` and `display_name` (`id`/`name` also do); other
 * columns are ignored. Every problem is reported with its line, so a teacher fixes the file once.
 */
export function parseRoster(text: string): RosterParse {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof rows;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error['lines'] === 'number' ? `line ${error['lines']}: ` : '';
      return { ok: false, problems: [`${line}${error.message}`] };
    }
    throw error;
  }
  const [header, ...body] = rows;
  if (!header)
    return {
      ok: false,
      problems: ['the file is empty: give a header line and one line per student'],
    };
  const idColumn = header.record.findIndex((cell) => ID_HEADERS.has(headerKey(cell)));
  const nameColumn = header.record.findIndex((cell) => NAME_HEADERS.has(headerKey(cell)));
  if (idColumn < 0 || nameColumn < 0)
    return {
      ok: false,
      problems: [
        `line ${header.info.lines}: the first line must name the columns student_id and display_name (found: ${header.record.join(', ')})`,
      ],
    };
  if (body.length > CLASS_LIMITS.rosterStudents)
    return {
      ok: false,
      problems: [
        `a roster may have at most ${CLASS_LIMITS.rosterStudents} students (found ${body.length})`,
      ],
    };

  const problems: string[] = [];
  const students: RosterStudentView[] = [];
  const lineOfId = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    const studentId = record[idColumn] ?? '';
    const displayName = record[nameColumn] ?? '';
    const problem = checkStudent(studentId, displayName);
    if (problem) {
      problems.push(`line ${line}: ${problem}`);
      continue;
    }
    const earlier = lineOfId.get(rosterIdKey(studentId));
    if (earlier !== undefined) {
      problems.push(`line ${line}: student_id "${studentId}" is already on line ${earlier}`);
      continue;
    }
    lineOfId.set(rosterIdKey(studentId), line);
    students.push({ studentId, displayName });
  }
  if (problems.length > 0) {
    const more = problems.length - MAX_PROBLEMS;
    return {
      ok: false,
      problems: more > 0 ? [...problems.slice(0, MAX_PROBLEMS), `… and ${more} more`] : problems,
    };
  }
  students.sort((a, b) => a.studentId.localeCompare(b.studentId));
  return { ok: true, students };
}

function checkStudent(studentId: string, displayName: string): string | null {
  if (studentId === '') return 'student_id is empty';
  if (studentId.length > CLASS_LIMITS.studentId)
    return `student_id has more than ${CLASS_LIMITS.studentId} characters`;
  if (CONTROL.test(studentId)) return 'student_id has a control character';
  if (displayName === '') return 'display_name is empty';
  if (displayName.length > CLASS_LIMITS.displayName)
    return `display_name has more than ${CLASS_LIMITS.displayName} characters`;
  if (CONTROL.test(displayName)) return 'display_name has a control character';
  return null;
}
