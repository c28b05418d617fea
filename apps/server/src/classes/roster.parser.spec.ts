import { CLASS_LIMITS, rosterIdKey } from '@podroom/contracts';
import { parseRoster } from './roster.parser.js';

describe('parseRoster', () => {
  it('reads a header and one student per line, sorted by student id', () => {
    expect(parseRoster('student_id,display_name\nS2,Bo\nS1,Ana\n')).toEqual({
      ok: true,
      students: [
        { studentId: 'S1', displayName: 'Ana' },
        { studentId: 'S2', displayName: 'Bo' },
      ],
    });
  });

  it('takes a BOM, CRLF, quoted commas, blank lines, spaces and extra columns in its stride', () => {
    const text = '\ufeffEmail, Name ,Student ID\r\n\r\na@x, "Lee, Ana" , s-01 \r\nb@x,Bo,s-02\r\n';
    expect(parseRoster(text)).toEqual({
      ok: true,
      students: [
        { studentId: 's-01', displayName: 'Lee, Ana' },
        { studentId: 's-02', displayName: 'Bo' },
      ],
    });
  });

  it('refuses a file without the two named columns, naming line 1 and what it found', () => {
    const result = parseRoster('S1,Ana\nS2,Bo\n');
    expect(result).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^line 1: .*student_id and display_name.*found: S1, Ana/)],
    });
  });

  it('refuses an empty file', () => {
    expect(parseRoster('')).toEqual({ ok: false, problems: [expect.stringMatching(/empty/)] });
  });

  it('names the line of every bad row, duplicates (whatever their case) included', () => {
    const text = [
      'student_id,display_name',
      'S1,Ana',
      ',Nobody',
      'S2,',
      's1,Ana again',
      `${'x'.repeat(CLASS_LIMITS.studentId + 1)},Long`,
    ].join('\n');
    expect(parseRoster(text)).toEqual({
      ok: false,
      problems: [
        'line 3: student_id is empty',
        'line 4: display_name is empty',
        'line 5: student_id "s1" is already on line 2',
        `line 6: student_id has more than ${CLASS_LIMITS.studentId} characters`,
      ],
    });
  });

  it('gives the CSV syntax error with its line', () => {
    const result = parseRoster('student_id,display_name\nS1,"Ana\nS2,Bo\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatch(/^line \d+: .*[Qq]uote/);
  });

  it('caps the number of students and of problems listed', () => {
    const many = Array.from({ length: CLASS_LIMITS.rosterStudents + 1 }, (_, i) => `S${i},N${i}`);
    expect(parseRoster(['id,name', ...many].join('\n'))).toEqual({
      ok: false,
      problems: [expect.stringMatching(/at most 2000 students/)],
    });
    const bad = Array.from({ length: 30 }, () => ',x');
    const result = parseRoster(['id,name', ...bad].join('\n'));
    expect(result.ok || result.problems).toHaveLength(21);
    expect(result.ok || result.problems.at(-1)).toBe('… and 10 more');
  });

  it('compares student ids without case or surrounding spaces', () => {
    expect(rosterIdKey(' AbC ')).toBe(rosterIdKey('abc'));
  });
});
