import type { RoomReport } from '@podroom/contracts';
import {
  accuracyBars,
  answerText,
  chartDescription,
  formatPercent,
  formatSeconds,
  hardestFirst,
  histogramDescription,
  scoreHistogram,
  summarize,
} from './report.model.js';
import { filenameOf } from './report.api.js';

type Q = RoomReport['questions'][number];
type P = RoomReport['participants'][number];

const question = (ordinal: number, over: Partial<Q> = {}): Q => ({
  questionId: `q${ordinal}`,
  ordinal,
  key: `k${ordinal}`,
  type: 'single',
  prompt: `Prompt ${ordinal}`,
  points: 1000,
  concept: null,
  options: [
    { id: 'o1', text: 'eth0' },
    { id: 'o2', text: 'cni0' },
  ],
  answer: 'o2',
  answered: 2,
  unanswered: 0,
  correct: 1,
  partial: 0,
  late: 0,
  correctPercent: 50,
  averageResponseMs: 4000,
  distribution: { answered: 2, correct: 1, counts: [] } as unknown as Q['distribution'],
  ...over,
});

const participant = (rank: number, over: Partial<P> = {}): P => ({
  rank,
  participantId: `p${rank}`,
  nickname: `Name ${rank}`,
  rosterId: null,
  kicked: false,
  points: 0,
  correct: 0,
  answered: 0,
  unanswered: 0,
  accuracyPercent: null,
  averageResponseMs: null,
  streak: 0,
  bestStreak: 0,
  answers: [],
  ...over,
});

const report = (over: Partial<RoomReport> = {}): RoomReport => ({
  room: {
    id: 'r1',
    code: '123456',
    lessonTitle: 'Pod to pod',
    status: 'ended',
    createdAt: '2026-12-07T14:00:00.000Z',
    endedAt: '2026-12-07T14:30:00.000Z',
    classId: null,
  },
  questions: [question(1), question(2, { correct: 0, correctPercent: 0 })],
  hardestFirst: ['q2', 'q1'],
  participants: [
    participant(1, { points: 1500, correct: 1 }),
    participant(2, { points: 500, correct: 0 }),
    participant(3, { points: 0, correct: 0 }),
  ],
  answers: [1000, 2000, 6000].map((responseMs, i) => ({
    questionId: 'q1',
    participantId: `p${i + 1}`,
    value: 'o1',
    responseMs,
    correct: false,
    credit: 0,
    late: false,
    points: 0,
  })),
  ...over,
});

describe('the session report page model', () => {
  it('summarizes participants, mean score, accuracy over every chance to answer, response time', () => {
    expect(summarize(report())).toMatchObject({
      lessonTitle: 'Pod to pod',
      participants: 3,
      questions: 2,
      averagePoints: 666.7,
      // 1 right answer out of 3 participants × 2 questions
      accuracyPercent: 16.7,
      averageResponseMs: 3000,
    });
  });

  it('has nothing to average with nobody or no question', () => {
    expect(summarize(report({ participants: [], answers: [] }))).toMatchObject({
      participants: 0,
      averagePoints: null,
      accuracyPercent: null,
      averageResponseMs: null,
    });
    expect(summarize(report({ questions: [], hardestFirst: [] })).accuracyPercent).toBeNull();
  });

  it('orders questions as the server ranked them, then any it left out in the order asked', () => {
    expect(hardestFirst(report()).map((q) => q.questionId)).toEqual(['q2', 'q1']);
    const three = report({
      questions: [question(1), question(2), question(3)],
      hardestFirst: ['q3'],
    });
    expect(hardestFirst(three).map((q) => q.questionId)).toEqual(['q3', 'q1', 'q2']);
  });

  it('draws a bar per question, clamped to 0..100, and describes them all', () => {
    const bars = accuracyBars([
      question(3, { correctPercent: null }),
      question(1, { correctPercent: 87.5 }),
    ]);
    expect(bars.map((b) => [b.label, b.percent, b.text])).toEqual([
      ['Q3', 0, '–'],
      ['Q1', 87.5, '87.5 %'],
    ]);
    expect(chartDescription(bars)).toBe('Accuracy per question, hardest first: Q3 –; Q1 87.5 %.');
    expect(chartDescription([])).toBe('No question was asked.');
  });

  it('counts participants per score range, of a round width, up to the top score', () => {
    const bins = scoreHistogram([0, 499, 500, 1500, 2400, 2400], 5);
    // 2401 / 5 → ranges 500 wide.
    expect(bins.map((b) => [b.label, b.count])).toEqual([
      ['0–499', 2],
      ['500–999', 1],
      ['1000–1499', 0],
      ['1500–1999', 1],
      ['2000–2499', 2],
    ]);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(6);
    expect(scoreHistogram([3, 7], 5).map((b) => b.label)).toEqual(['0–1', '2–3', '4–5', '6–7']);
    expect(scoreHistogram([0, 0])).toEqual([{ from: 0, to: 0, count: 2, label: '0' }]);
    expect(scoreHistogram([])).toEqual([]);
    expect(histogramDescription(scoreHistogram([0, 0]))).toBe(
      'Participants by score: 0 points: 2.',
    );
    expect(histogramDescription([])).toBe('Nobody joined this session.');
  });

  it('formats numbers for people', () => {
    expect(formatPercent(33.333)).toBe('33.3 %');
    expect(formatPercent(null)).toBe('–');
    expect(formatSeconds(4249)).toBe('4.2 s');
    expect(formatSeconds(null)).toBe('–');
  });

  it('shows answers as option texts', () => {
    const q = question(1);
    expect(answerText('o2', q)).toBe('cni0');
    expect(answerText(['o2', 'o1'], { ...q, type: 'ordering' })).toBe('cni0 → eth0');
    expect(answerText(['o2', 'o1'], { ...q, type: 'multi' })).toBe('cni0, eth0');
    expect(answerText(true, { ...q, type: 'true-false', options: [] })).toBe('True');
    expect(answerText(42, { ...q, type: 'numeric', options: [] })).toBe('42');
    expect(answerText(null, q)).toBe('–');
  });
});

describe('the report requests', () => {
  it("takes the CSV's file name from Content-Disposition", () => {
    expect(
      filenameOf('attachment; filename="podroom-session-123456-2026-12-07.csv"', 'x.csv'),
    ).toBe('podroom-session-123456-2026-12-07.csv');
    expect(filenameOf(null, 'x.csv')).toBe('x.csv');
  });
});
