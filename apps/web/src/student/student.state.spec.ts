import type { OpenQuestionView, StepView, StudentSnapshot } from '@podroom/contracts';
import { fromSnapshot, screenOf, stepCaption, studentReducer } from './student.state.js';

const step = (index: number): StepView => ({
  index,
  total: 10,
  detail: 'summary',
  action: { index: 0, command: 'curl pod-b' },
  row: {
    step: index + 1,
    action: `Action ${index + 1}`,
    source: 'a',
    destination: 'b',
    role: 'r',
    result: 'ok',
  },
  tracker: [],
  topology: { nodes: [], pods: [], services: [], components: [] },
  packetAt: null,
  output: [],
});

const snapshot: StudentSnapshot = {
  role: 'student',
  roomId: 'r',
  code: '123456',
  lessonTitle: 'Pod to pod',
  status: 'lobby',
  version: 1,
  locked: false,
  leaderboardHidden: false,
  step: step(0),
  lastReveal: null,
  serverNow: 0,
  me: { participantId: 'p1', nickname: 'Ada', points: 0, streak: 0 },
  question: null,
  myAnswer: null,
  leaderboard: null,
};

const question = (id: string, version: number): OpenQuestionView & { version: number } => ({
  version,
  questionId: id,
  ordinal: 1,
  question: { id, type: 'true-false', prompt: '?', points: 1000, timeLimitSec: 20 },
  openedAt: 0,
  timerStartsAt: 0,
  deadline: 20_000,
  timeLimitMs: 20_000,
  serverNow: 0,
  remainingMs: 20_000,
});

const reveal = (id: string, version: number) => ({
  version,
  questionId: id,
  ordinal: 1,
  closedAt: 1,
  reason: 'all-answered' as const,
  replayStep: null,
  question: {
    id,
    type: 'true-false' as const,
    prompt: '?',
    points: 1000 as const,
    timeLimitSec: 20,
    answer: true,
    distribution: {
      questionId: id,
      type: 'true-false' as const,
      answered: 1,
      correct: 1,
      partial: 0,
      incorrect: 0,
      invalid: 0,
      counts: [],
    },
  },
});

describe('studentReducer', () => {
  it('goes lobby → step → question → reveal → ended', () => {
    let s = fromSnapshot(snapshot, 0);
    expect(screenOf(s)).toBe('lobby');
    s = studentReducer(s, { type: 'step', version: 2, step: step(1) });
    expect(screenOf(s)).toBe('step');
    expect(stepCaption(s.step)).toBe('Step 2 of 10: Action 2 → ok');
    s = studentReducer(s, { type: 'opened', question: question('q1', 3), at: 50 });
    expect(screenOf(s)).toBe('question');
    expect(s.question?.receivedAt).toBe(50);
    s = studentReducer(s, {
      type: 'answered',
      answer: { questionId: 'q1', value: true, responseMs: 900, receivedAt: 1 },
    });
    expect(s.myAnswer?.value).toBe(true);
    // The result may come before or after the reveal.
    s = studentReducer(s, {
      type: 'result',
      result: {
        questionId: 'q1',
        answered: true,
        correct: true,
        credit: 1,
        points: 950,
        streak: 1,
        totalPoints: 950,
        rank: 1,
        totalCorrect: 1,
      },
    });
    s = studentReducer(s, { type: 'closed', reveal: reveal('q1', 4) });
    expect(screenOf(s)).toBe('reveal');
    expect(s.result?.points).toBe(950);
    expect(s.me.points).toBe(950);
    expect(s.myAnswer).toBeNull();
    s = studentReducer(s, { type: 'ended', ended: { version: 5, podium: [] } });
    expect(screenOf(s)).toBe('ended');
  });

  it('ignores events older than its state (replays after a resume)', () => {
    let s = fromSnapshot({ ...snapshot, status: 'live', version: 7, step: step(4) }, 0);
    s = studentReducer(s, { type: 'step', version: 6, step: step(3) });
    expect(s.step.index).toBe(4);
    s = studentReducer(s, { type: 'opened', question: question('old', 7), at: 0 });
    expect(s.question).toBeNull();
    s = studentReducer(s, {
      type: 'answered',
      answer: { questionId: 'other', value: 1, responseMs: 1, receivedAt: 1 },
    });
    expect(s.myAnswer).toBeNull();
  });

  it('draws a resumed snapshot: open question with the answer already given', () => {
    const resumed = fromSnapshot(
      {
        ...snapshot,
        status: 'live',
        question: question('q1', 3),
        myAnswer: { questionId: 'q1', value: false, responseMs: 1, receivedAt: 1 },
        lastReveal: reveal('q0', 2),
      },
      100,
    );
    expect(screenOf(resumed)).toBe('question');
    expect(resumed.reveal).toBeNull();
    expect(resumed.myAnswer?.value).toBe(false);
  });

  it('a kick wins over everything, even a later snapshot', () => {
    let s = studentReducer(fromSnapshot(snapshot, 0), { type: 'kicked', reason: 'host' });
    expect(screenOf(s)).toBe('kicked');
    s = studentReducer(s, { type: 'snapshot', snapshot, at: 0 });
    expect(screenOf(s)).toBe('kicked');
  });

  it("puts the student's own place from their result into the room's shared top 5", () => {
    const result = (rank: number, totalPoints: number) => ({
      questionId: 'q1',
      answered: true,
      correct: true,
      credit: 1,
      points: 950,
      streak: 1,
      totalPoints,
      rank,
      totalCorrect: 1,
    });
    const top = [{ rank: 1, participantId: 'p-9', nickname: 'Zed', points: 990, correct: 1 }];
    let s = fromSnapshot(snapshot, 0);
    s = studentReducer(s, { type: 'result', result: result(7, 950) });
    s = studentReducer(s, { type: 'leaderboard', leaderboard: { top, me: null, total: 30 } });
    const mine = { participantId: snapshot.me.participantId, nickname: snapshot.me.nickname };
    expect(s.leaderboard).toEqual({
      top,
      me: { ...mine, rank: 7, points: 950, correct: 1 },
      total: 30,
    });
    // A result that arrives after the board (another question) moves the student's place.
    s = studentReducer(s, { type: 'result', result: result(3, 1900) });
    expect(s.leaderboard?.me).toEqual({ ...mine, rank: 3, points: 1900, correct: 1 });
  });

  it('drops the leaderboard when the host hides it', () => {
    let s = fromSnapshot({ ...snapshot, leaderboard: { top: [], me: null, total: 0 } }, 0);
    s = studentReducer(s, {
      type: 'state',
      state: { version: 2, status: 'live', locked: true, leaderboardHidden: true },
    });
    expect(s.leaderboard).toBeNull();
    expect(s.locked).toBe(true);
  });
});
