import { resolveScoringOptions } from '@podroom/quiz';
import { parse } from 'csv-parse/sync';
import { buildClassReport } from './class-report.builder.js';
import { neutralizeFormula } from './csv.writer.js';
import { sessionRecord } from './report.fixtures.js';
import {
  CLASS_CSV_HEADER,
  SESSION_CSV_HEADER,
  classReportCsv,
  sessionReportCsv,
} from './report-csv.builder.js';
import { buildSessionReport } from './session-report.builder.js';

const scoring = resolveScoringOptions({ speedScoring: false, streaks: false });
const BOM = '\ufeff';

/** Parses a CSV file as a spreadsheet would: records of named columns. */
const records = (body: Buffer) =>
  parse(body.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];

describe('neutralizeFormula', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1+cmd', `'+1+cmd`],
    ['-2', `'-2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tx', `'\tx`],
    ['\rx', `'\rx`],
    ['Zoë', 'Zoë'],
    ['a=b', 'a=b'],
  ])('%j → %j', (text, expected) => expect(neutralizeFormula(text)).toBe(expected));
});

describe('sessionReportCsv', () => {
  const session = sessionRecord({
    participants: [
      { id: 'p-ana', nickname: '=cmd|calc', kicked: false, rosterId: 'S1' },
      { id: 'p-bo', nickname: 'Zoë, "B"', kicked: false, rosterId: '@S2' },
      { id: 'p-cy', nickname: 'Cy', kicked: true, rosterId: null },
    ],
  });
  const report = buildSessionReport({ session, lessonTitle: 'Services', scoring });
  const file = sessionReportCsv(report);

  it('starts with a UTF-8 byte-order mark and one header row, CRLF line ends', () => {
    const text = file.body.toString('utf8');
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.slice(1).split('\r\n')[0]).toBe(SESSION_CSV_HEADER.join(','));
    expect(file.filename).toBe('podroom-session-123456-2026-01-05.csv');
  });

  it('has one row per participant × question, totals repeated, unanswered rows empty', () => {
    const rows = records(file.body);
    expect(rows).toHaveLength(3 * 2);
    expect(rows.map((r) => [r.rank, r.question_ordinal, r.status, r.points])).toEqual([
      ['1', '1', 'correct', '1000'],
      ['1', '2', 'correct', '1000'],
      ['2', '1', 'wrong', '0'],
      ['2', '2', 'partial', '500'],
      ['3', '1', 'unanswered', '0'],
      ['3', '2', 'late', '0'],
    ]);
    expect(rows.filter((r) => r.rank === '2').map((r) => r.total_points)).toEqual(['500', '500']);
    expect(rows[4]).toMatchObject({ answer: '', correct: '', response_ms: '', late: '' });
    expect(rows[2]).toMatchObject({ average_response_ms: '5500', accuracy_percent: '0' });
  });

  it('neutralises formulas in user text and writes answers as option texts', () => {
    const rows = records(file.body);
    expect(rows[0]!.nickname).toBe("'=cmd|calc");
    expect(rows[2]!.nickname).toBe('Zoë, "B"');
    expect(rows[2]!.roster_id).toBe("'@S2");
    expect(rows[2]!.answer).toBe("'=the pod eth0");
    expect(rows[1]!.answer).toBe('SNAT; DNAT');
  });
});

describe('classReportCsv', () => {
  const report = buildClassReport({
    klass: {
      id: 'class-1',
      name: 'Réseaux: 101',
      instructorId: 't',
      roster: [
        { studentId: 'S1', displayName: '-Ana' },
        { studentId: 'S3', displayName: 'Cleo' },
      ],
    },
    sessions: [{ session: sessionRecord(), lessonTitle: 'Services', scoring }],
  });
  const file = classReportCsv(report);

  it('has one row per roster student × session, with an ASCII file name', () => {
    const text = file.body.toString('utf8');
    expect(text.slice(1).split('\r\n')[0]).toBe(CLASS_CSV_HEADER.join(','));
    const rows = records(file.body);
    expect(
      rows.map((r) => [r.student_id, r.display_name, r.attended, r.points, r.accuracy_percent]),
    ).toEqual([
      ['S1', "'-Ana", 'true', '2000', '100'],
      ['S3', 'Cleo', 'false', '', ''],
    ]);
    expect(file.filename).toBe('podroom-class-reseaux-101.csv');
  });
});
