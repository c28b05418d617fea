/**
 * A class plays seed 000's three questions through the public API (`@podroom/quiz`), the way the
 * room runner does: generated questions in, student views out, answers scored live, then the
 * whole session rebuilt from the stored answers as after a restart.
 */
import {
  answerDistribution,
  extraTimeFor,
  fromGenerated,
  leaderboardView,
  participantDeadline,
  questionStats,
  rankLeaderboard,
  resolveScoringOptions,
  responseTimeMs,
  revealView,
  scoreAnswer,
  scoreSession,
  studentView,
  type Question,
  type StoredAnswer,
} from '@podroom/quiz';

const generated = [
  {
    id: 'pod-b-processes',
    type: 'single',
    prompt: 'Look at the execution table: at which step does Pod B process the request?',
    options: [
      { id: 'a', text: 'Step 5' },
      { id: 'b', text: 'Step 1' },
      { id: 'c', text: 'Step 3' },
      { id: 'd', text: 'Step 7' },
    ],
    answer: 'c',
    explanation: "Check the 'Result' column for when Pod B processes the request.",
    stepRef: 3,
  },
  {
    id: 'request-status-after-3',
    type: 'single',
    prompt: "What is the 'Request Status' after step 3?",
    options: [
      { id: 'a', text: 'Not sent' },
      { id: 'b', text: 'Received by Pod B' },
      { id: 'c', text: 'Sent' },
    ],
    answer: 'Received by Pod B',
    explanation: 'Step 3 delivers the request to Pod B.',
    stepRef: 3,
  },
  {
    id: 'plugin-fails-at-2',
    type: 'true-false',
    prompt: 'If the network plugin fails at step 2, Pod B still receives the request.',
    answer: 'false',
    explanation: 'The packet is lost before delivery.',
    stepRef: 2,
  },
];

const questions: Question[] = generated.map((g) => {
  const result = fromGenerated(g, { points: 1000, timeLimitSec: 20 });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
});

const participants = [
  { id: 'p-ann', name: 'Ann' },
  { id: 'p-bob', name: 'Bob' },
  { id: 'p-cat', name: 'Cat' },
];
const options = { extraTime: { 'p-cat': { factor: 1.5 } } };
const READING_DELAY_MS = 2_000;

// When each participant's answer arrives, ms after the question was shown; value submitted.
const submissions: Record<string, Record<string, [number, unknown] | undefined>> = {
  'pod-b-processes': { 'p-ann': [3_000, 'c'], 'p-bob': [2_400, 'c'], 'p-cat': [26_000, 'c'] },
  'request-status-after-3': {
    'p-ann': [6_000, 'b'],
    'p-bob': [4_000, 'c'],
    'p-cat': [12_000, 'b'],
  },
  'plugin-fails-at-2': { 'p-ann': [2_300, false], 'p-bob': undefined, 'p-cat': [22_000, false] },
};

describe('a class answering seed 000’s questions', () => {
  it('scores live, and rebuilds the same scores from the stored answers', () => {
    const stored: StoredAnswer[] = [];
    const live = new Map(participants.map((p) => [p.id, { points: 0, streak: 0 }]));
    const openedAtMs = 1_700_000_000_000;

    for (const question of questions) {
      const view = studentView(question);
      expect(view).not.toHaveProperty('answer');
      for (const p of participants) {
        const state = live.get(p.id)!;
        const submission = submissions[question.id]![p.id];
        if (!submission) {
          state.streak = 0; // a missing answer resets the streak when the question closes
          continue;
        }
        const [afterMs, value] = submission;
        const deadline = participantDeadline({
          openedAtMs,
          timeLimitMs: question.timeLimitSec * 1000,
          readingDelayMs: READING_DELAY_MS,
          extraTime: extraTimeFor(resolveScoringOptions(options), p.id),
        });
        const receivedAtMs = openedAtMs + afterMs;
        expect(receivedAtMs).toBeLessThanOrEqual(deadline.deadlineMs);
        const ms = responseTimeMs({ timerStartsAtMs: deadline.timerStartsAtMs, receivedAtMs });
        const score = scoreAnswer({
          question,
          value,
          responseMs: ms,
          streakBefore: state.streak,
          participantId: p.id,
          options,
        });
        state.points += score.points;
        state.streak = score.streak;
        stored.push({ questionId: question.id, participantId: p.id, value, responseMs: ms });
      }
    }

    // Ann: 1 s → 975; 4 s → 900 + 100; 0.3 s → 1000 + 200.
    // Bob: 0.4 s → 1000; wrong; missing.
    // Cat (30 s timer): 24 s → 600; 10 s → 833 + 100; 20 s → 667 + 200.
    expect(Object.fromEntries(live)).toEqual({
      'p-ann': { points: 3175, streak: 3 },
      'p-bob': { points: 1000, streak: 0 },
      'p-cat': { points: 2400, streak: 3 },
    });

    const rebuilt = scoreSession({
      questions,
      answers: [...stored].reverse(),
      participants,
      options,
    });
    for (const p of rebuilt.participants) {
      expect({ points: p.points, streak: p.streak }).toEqual(live.get(p.participantId));
    }

    const ranked = rankLeaderboard(rebuilt.participants);
    expect(ranked.map((r) => `${r.rank}. ${r.name} ${r.points}`)).toEqual([
      '1. Ann 3175',
      '2. Cat 2400',
      '3. Bob 1000',
    ]);
    expect(leaderboardView({ ranked, top: 1, participantId: 'p-bob' })).toMatchObject({
      top: [{ name: 'Ann' }],
      me: { name: 'Bob', rank: 3 },
    });

    const q2 = questions[1]!;
    const q2Answers = rebuilt.answers.filter((a) => a.questionId === q2.id);
    const reveal = revealView(q2, answerDistribution(q2, q2Answers));
    expect(reveal.answer).toBe('b');
    expect(reveal.distribution.counts).toEqual([
      { key: 'a', count: 0 },
      { key: 'b', count: 2 },
      { key: 'c', count: 1 },
    ]);
    expect(questionStats({ question: q2, answers: q2Answers, participantCount: 3 })).toMatchObject({
      correctPercent: (100 * 2) / 3,
      averageResponseMs: (4_000 + 2_000 + 10_000) / 3,
    });
  });
});
