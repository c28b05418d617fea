import type {
  ClassReport,
  ClassReportSession,
  ClassReportStudent,
  ClassReportStudentSession,
} from '@podroom/contracts';
import {
  conceptTrend,
  scoreTrend,
  sessionAccuracyTrend,
  sessionLabels,
  sparkline,
  summarizeClass,
  trendDescription,
} from './class-report.model.js';

const session = (n: number, over: Partial<ClassReportSession> = {}): ClassReportSession => ({
  roomId: `r${n}`,
  code: `10000${n}`,
  lessonId: 'l1',
  lessonTitle: 'Pod to pod',
  status: 'ended',
  createdAt: `2026-12-0${n}T14:00:00.000Z`,
  endedAt: null,
  questions: 2,
  participants: 3,
  rosterParticipants: 2,
  accuracyPercent: 50,
  ...over,
});

const seat = (n: number, over: Partial<ClassReportStudentSession> = {}) => ({
  roomId: `r${n}`,
  attended: true,
  participantId: `p${n}`,
  nickname: 'Ada',
  rank: 1,
  points: 1000,
  questions: 2,
  answered: 2,
  correct: 1,
  accuracyPercent: 50,
  ...over,
});

const student = (rosterId: string, over: Partial<ClassReportStudent> = {}): ClassReportStudent => ({
  rosterId,
  displayName: `Student ${rosterId}`,
  sessionsAttended: 2,
  questions: 4,
  answered: 4,
  correct: 3,
  points: 2500,
  accuracyPercent: 75,
  trend: [seat(1, { points: 1500 }), seat(2)],
  ...over,
});

const report = (over: Partial<ClassReport> = {}): ClassReport => ({
  class: { id: 'c1', name: 'Networking 101', rosterSize: 3 },
  sessions: [session(1, { rosterParticipants: 2 }), session(2, { rosterParticipants: 1 })],
  students: [
    student('S1'),
    student('S2', {
      sessionsAttended: 1,
      questions: 2,
      correct: 0,
      points: 0,
      accuracyPercent: 0,
      trend: [seat(1, { points: 0, correct: 0 }), seat(2, { attended: false, points: 0 })],
    }),
    student('S3', {
      sessionsAttended: 0,
      questions: 0,
      answered: 0,
      correct: 0,
      points: 0,
      accuracyPercent: null,
      trend: [seat(1, { attended: false }), seat(2, { attended: false })],
    }),
  ],
  unlinked: [],
  concepts: [],
  wrongOptions: [],
  ...over,
});

describe('summarizeClass', () => {
  it('counts attendance and the roster students’ accuracy over what they were asked', () => {
    expect(summarizeClass(report())).toEqual({
      rosterSize: 3,
      sessions: 2,
      studentsAttended: 2,
      averageAttendance: 1.5,
      // (3 + 0) right of (4 + 2) asked
      rosterAccuracyPercent: 50,
    });
  });

  it('has nothing to measure before the first session', () => {
    const empty = report({ sessions: [], students: [student('S1', { questions: 0, correct: 0 })] });
    expect(summarizeClass(empty)).toMatchObject({
      sessions: 0,
      averageAttendance: null,
      rosterAccuracyPercent: null,
    });
  });
});

describe('trends', () => {
  it('labels sessions oldest first and marks absences', () => {
    const r = report();
    expect([...sessionLabels(r)]).toEqual([
      ['r1', 'S1'],
      ['r2', 'S2'],
    ]);
    expect(scoreTrend(r.students[1]!)).toEqual([
      { label: 'S1', value: 0, text: '0' },
      { label: 'S2', value: null, text: 'absent' },
    ]);
    expect(
      sessionAccuracyTrend([
        session(1, { accuracyPercent: 62.46 }),
        session(2, { accuracyPercent: null }),
      ]),
    ).toEqual([
      { label: 'S1', value: 62.46, text: '62.5 %' },
      { label: 'S2', value: null, text: '–' },
    ]);
  });

  it('labels a concept’s sessions as the report numbers them', () => {
    const trend = conceptTrend(
      {
        trend: [
          {
            roomId: 'r2',
            questions: 1,
            opportunities: 3,
            answered: 3,
            correct: 1,
            accuracyPercent: 33.333,
          },
        ],
      },
      sessionLabels(report()),
    );
    expect(trend).toEqual([{ label: 'S2', value: 33.333, text: '33.3 %' }]);
  });

  it('describes every point for screen readers', () => {
    expect(
      trendDescription('Score per session', [
        { label: 'S1', value: 10, text: '10' },
        { label: 'S2', value: null, text: 'absent' },
      ]),
    ).toBe('Score per session: S1 10; S2 absent.');
    expect(trendDescription('Accuracy', [])).toBe('Accuracy: no session yet.');
  });
});

describe('sparkline', () => {
  it('scales to the largest value and breaks the line at gaps', () => {
    const shape = sparkline([0, 100, null, 50, 100], { width: 48, height: 20, pad: 4 });
    // x from 4 to 44 in steps of 10; y from 16 (0) to 4 (100).
    expect(shape.dots).toEqual([
      { x: 4, y: 16, value: 0 },
      { x: 14, y: 4, value: 100 },
      { x: 34, y: 10, value: 50 },
      { x: 44, y: 4, value: 100 },
    ]);
    expect(shape.lines).toEqual(['4,16 14,4', '34,10 44,4']);
  });

  it('draws a lone value as a dot in the middle, and all zeros on the floor', () => {
    expect(sparkline([7], { width: 40, height: 20, pad: 2 })).toEqual({
      lines: [],
      dots: [{ x: 20, y: 2, value: 7 }],
    });
    expect(sparkline([0, 0], { width: 40, height: 20, pad: 2 }).lines).toEqual(['2,18 38,18']);
    expect(sparkline([null, null], { width: 40, height: 20 })).toEqual({ lines: [], dots: [] });
  });
});
