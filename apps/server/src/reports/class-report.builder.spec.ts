import { resolveScoringOptions } from '@podroom/quiz';
import { buildClassReport, wrongPicks, type ClassRecord } from './class-report.builder.js';
import { MULTI, SINGLE, TRUE_FALSE, sessionRecord } from './report.fixtures.js';

const scoring = resolveScoringOptions({ speedScoring: false, streaks: false });
const klass: ClassRecord = {
  id: 'class-1',
  name: 'Networking 101',
  instructorId: 'teacher-1',
  roster: [
    { studentId: 'S1', displayName: 'Ana Alves' },
    { studentId: 'S2', displayName: 'Bo Berg' },
    { studentId: 'S3', displayName: 'Cleo Cruz' },
  ],
};

/** Session 1: the fixture (Ana right twice, Bo wrong + partial, Cy unlinked). */
const first = sessionRecord();
/**
 * Session 2, live: Bo (S2) right on the single question; Ana absent; a true-false question still
 * open (its answers must not count yet).
 */
const second = sessionRecord({
  id: 'room-2',
  code: '654321',
  status: 'live',
  createdAt: Date.UTC(2026, 0, 12, 9),
  endedAt: null,
  participants: [
    { id: 'p2-bo', nickname: 'Bobby', kicked: false, rosterId: 'S2' },
    { id: 'p2-x', nickname: 'Xan', kicked: false, rosterId: 'S9' },
  ],
  questions: [
    { id: 'r1', key: SINGLE.id, ordinal: 1, definition: SINGLE, closedAt: 5 },
    { id: 'r2', key: TRUE_FALSE.id, ordinal: 2, definition: TRUE_FALSE, closedAt: null },
  ],
  answers: [
    { questionId: 'r1', participantId: 'p2-bo', value: 'iptables', responseMs: 3000 },
    { questionId: 'r1', participantId: 'p2-x', value: 'eth0', responseMs: 3000 },
    { questionId: 'r2', participantId: 'p2-bo', value: false, responseMs: 1000 },
  ],
});

describe('buildClassReport', () => {
  const report = buildClassReport({
    klass,
    sessions: [
      { session: first, lessonTitle: 'Services', scoring },
      { session: second, lessonTitle: 'Services again', scoring },
    ],
  });

  it('lists sessions oldest first, counting only closed questions of a live one', () => {
    expect(
      report.sessions.map((s) => [
        s.roomId,
        s.status,
        s.questions,
        s.participants,
        s.rosterParticipants,
      ]),
    ).toEqual([
      ['room-1', 'ended', 2, 3, 2],
      ['room-2', 'live', 1, 2, 1],
    ]);
    // Session 1: Ana 2 right of 6 chances; session 2: Bo 1 right of 2.
    expect(report.sessions[0]!.accuracyPercent).toBeCloseTo(100 / 3);
    expect(report.sessions[1]!.accuracyPercent).toBe(50);
  });

  it('follows every roster student across sessions, absent ones included', () => {
    const [ana, bo, cleo] = report.students;
    expect(ana).toMatchObject({
      rosterId: 'S1',
      displayName: 'Ana Alves',
      sessionsAttended: 1,
      questions: 2,
      correct: 2,
      points: 2000,
      accuracyPercent: 100,
    });
    expect(ana!.trend.map((t) => [t.attended, t.points, t.accuracyPercent])).toEqual([
      [true, 2000, 100],
      [false, 0, null],
    ]);
    expect(bo).toMatchObject({ sessionsAttended: 2, questions: 3, correct: 1, points: 1500 });
    expect(bo!.accuracyPercent).toBeCloseTo(100 / 3);
    expect(bo!.trend.map((t) => [t.nickname, t.rank, t.points, t.accuracyPercent])).toEqual([
      ['Bo', 2, 500, 0],
      ['Bobby', 1, 1000, 100],
    ]);
    expect(cleo).toMatchObject({ sessionsAttended: 0, questions: 0, accuracyPercent: null });
    expect(report.unlinked.map((u) => [u.roomId, u.nickname, u.rosterId])).toEqual([
      ['room-1', 'Cy', null],
      ['room-2', 'Xan', 'S9'],
    ]);
  });

  it('gives each concept its accuracy per session', () => {
    expect(report.concepts.map((c) => c.concept)).toEqual(['kube-proxy']); // dns still open
    const [proxy] = report.concepts;
    expect(proxy!.trend).toEqual([
      {
        roomId: 'room-1',
        questions: 2,
        opportunities: 6,
        answered: 5,
        correct: 2,
        accuracyPercent: (100 * 2) / 6,
      },
      {
        roomId: 'room-2',
        questions: 1,
        opportunities: 2,
        answered: 2,
        correct: 1,
        accuracyPercent: 50,
      },
    ]);
    expect(proxy).toMatchObject({ questions: 3, opportunities: 8, correct: 3 });
  });

  it('ranks wrong options by how often they were picked, with misconception notes', () => {
    expect(report.wrongOptions).toEqual([
      {
        lessonId: 'lesson-1',
        questionKey: 'where-dnat',
        prompt: SINGLE.prompt,
        concept: 'kube-proxy',
        optionId: 'eth0',
        optionText: '=the pod eth0',
        note: 'thinks a ClusterIP lives on an interface',
        count: 2,
        answered: 4,
        percentOfAnswers: 50,
        sessions: 2,
      },
    ]);
  });

  it('finds the wrong picks of each question type', () => {
    expect(wrongPicks(SINGLE, 'dns')).toEqual(['dns']);
    expect(wrongPicks(SINGLE, 'iptables')).toEqual([]);
    expect(wrongPicks(MULTI, ['a', 'c', 'c'])).toEqual(['c']);
    expect(wrongPicks(TRUE_FALSE, false)).toEqual(['false']);
    expect(wrongPicks(TRUE_FALSE, true)).toEqual([]);
  });

  it('reports a class with no sessions', () => {
    const empty = buildClassReport({ klass, sessions: [] });
    expect(empty.students.map((s) => [s.rosterId, s.sessionsAttended, s.trend])).toEqual([
      ['S1', 0, []],
      ['S2', 0, []],
      ['S3', 0, []],
    ]);
    expect(empty).toMatchObject({ sessions: [], concepts: [], wrongOptions: [], unlinked: [] });
  });
});
