import { resolveScoringOptions } from '@podroom/quiz';
import { sessionRecord } from './report.fixtures.js';
import { buildSessionReport } from './session-report.builder.js';

const flat = resolveScoringOptions({ speedScoring: false, streaks: false });

describe('buildSessionReport', () => {
  const report = buildSessionReport({
    session: sessionRecord(),
    lessonTitle: 'Services',
    scoring: flat,
  });
  const who = (nickname: string) => report.participants.find((p) => p.nickname === nickname)!;

  it('ranks participants with totals, roster ids and average response times', () => {
    expect(
      report.participants.map((p) => [
        p.rank,
        p.nickname,
        p.rosterId,
        p.points,
        p.correct,
        p.answered,
        p.unanswered,
      ]),
    ).toEqual([
      [1, 'Ana', 'S1', 2000, 2, 2, 0],
      [2, 'Bo', 'S2', 500, 0, 2, 0],
      [3, 'Cy', null, 0, 0, 1, 1],
    ]);
    expect(who('Ana').averageResponseMs).toBe(3000);
    expect(who('Bo').averageResponseMs).toBe(5500);
    expect(who('Cy').averageResponseMs).toBe(11_000);
    expect(who('Ana').accuracyPercent).toBe(100);
    expect(who('Bo').accuracyPercent).toBe(0);
    expect(who('Cy').kicked).toBe(true);
  });

  it('lists every asked question per participant, unanswered and late ones included', () => {
    expect(who('Bo').answers.map((a) => [a.status, a.points, a.credit])).toEqual([
      ['wrong', 0, 0],
      ['partial', 500, 0.5],
    ]);
    expect(who('Cy').answers).toEqual([
      {
        questionId: 'q1',
        ordinal: 1,
        status: 'unanswered',
        value: null,
        correct: false,
        credit: 0,
        late: false,
        responseMs: null,
        points: 0,
      },
      {
        questionId: 'q2',
        ordinal: 2,
        status: 'late',
        value: ['a', 'b'],
        correct: true,
        credit: 1,
        late: true,
        responseMs: 11_000,
        points: 0,
      },
    ]);
  });

  it('gives per-question correct %, counts, average time and the distribution', () => {
    const [q1, q2] = report.questions;
    expect(q1).toMatchObject({
      key: 'where-dnat',
      concept: 'kube-proxy',
      answer: 'iptables',
      answered: 2,
      unanswered: 1,
      correct: 1,
      late: 0,
      averageResponseMs: 3500,
    });
    expect(q1!.correctPercent).toBeCloseTo(100 / 3);
    expect(q1!.distribution.counts).toEqual([
      { key: 'iptables', count: 1 },
      { key: 'eth0', count: 1 },
      { key: 'dns', count: 0 },
    ]);
    expect(q2).toMatchObject({ answered: 3, unanswered: 0, correct: 1, partial: 1, late: 1 });
    expect(q1!.options.map((o) => o.id)).toEqual(['iptables', 'eth0', 'dns']);
  });

  it('orders questions hardest first, breaking equal correct % by mean credit then time', () => {
    // Both have 1 right of 3; q2 has partial credit on top, so q1 is harder.
    expect(report.hardestFirst).toEqual(['q1', 'q2']);
    const easier = buildSessionReport({
      session: sessionRecord({
        answers: sessionRecord().answers.filter((a) => a.participantId !== 'p-bo'),
      }),
      lessonTitle: 'Services',
      scoring: flat,
    });
    // Now equal % and equal credit: the slower question (q2, 7.5 s mean) comes first.
    expect(easier.hardestFirst).toEqual(['q2', 'q1']);
  });

  it('agrees with the points stored answer by answer, and keeps the room fields', () => {
    const total = (id: string) =>
      report.answers.filter((a) => a.participantId === id).reduce((s, a) => s + a.points, 0);
    for (const p of report.participants) expect(total(p.participantId)).toBe(p.points);
    expect(report.room).toEqual({
      id: 'room-1',
      code: '123456',
      lessonTitle: 'Services',
      status: 'ended',
      createdAt: '2026-01-05T09:00:00.000Z',
      endedAt: '2026-01-05T10:00:00.000Z',
      classId: 'class-1',
    });
  });

  it('reports a session with nobody and nothing asked', () => {
    const empty = buildSessionReport({
      session: sessionRecord({ participants: [], questions: [], answers: [] }),
      lessonTitle: 'Services',
      scoring: flat,
    });
    expect(empty).toMatchObject({ questions: [], hardestFirst: [], participants: [], answers: [] });
  });
});
