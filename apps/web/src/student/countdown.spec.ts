import { announcement, countdownAt } from './countdown.js';

const timing = {
  timerStartsAt: 1_000_000,
  serverNow: 1_000_000,
  remainingMs: 20_000,
  timeLimitMs: 20_000,
};

describe('countdownAt', () => {
  it('counts from the instant the view arrived, on the client clock only', () => {
    expect(countdownAt(timing, 5_000, 5_000)).toMatchObject({
      phase: 'running',
      seconds: 20,
      fraction: 1,
    });
    expect(countdownAt(timing, 5_000, 5_000 + 10_400)).toMatchObject({
      seconds: 10,
      leftMs: 9_600,
    });
    expect(countdownAt(timing, 5_000, 5_000 + 20_000)).toMatchObject({ phase: 'over', seconds: 0 });
    expect(countdownAt(timing, 5_000, 999_999)).toMatchObject({ phase: 'over', leftMs: 0 });
  });

  it('reads first when the timer starts after a reading delay', () => {
    const delayed = { ...timing, timerStartsAt: timing.serverNow + 3_000, remainingMs: 23_000 };
    expect(countdownAt(delayed, 0, 1_000)).toMatchObject({
      phase: 'reading',
      startsInMs: 2_000,
      seconds: 20,
    });
    expect(countdownAt(delayed, 0, 3_000)).toMatchObject({ phase: 'running', seconds: 20 });
  });

  it('shows extra time beyond the limit as the limit (ring full), then counts down', () => {
    const resumed = { ...timing, remainingMs: 7_000 };
    expect(countdownAt(resumed, 0, 0)).toMatchObject({ seconds: 7, fraction: 0.35 });
  });
});

describe('announcement', () => {
  const at = (ms: number) => countdownAt(timing, 0, ms);

  it('speaks at the start, at 30/10/5 seconds and at the end, and is quiet in between', () => {
    const said: string[] = [];
    let before: ReturnType<typeof at> | undefined;
    for (let ms = 0; ms <= 21_000; ms += 250) {
      const now = at(ms);
      const text = announcement(before, now);
      if (text) said.push(text);
      before = now;
    }
    expect(said).toEqual([
      '20 seconds to answer.',
      '10 seconds left.',
      '5 seconds left.',
      "Time's up.",
    ]);
  });

  it('says the reading time once', () => {
    const delayed = { ...timing, timerStartsAt: timing.serverNow + 3_000, remainingMs: 23_000 };
    const first = countdownAt(delayed, 0, 0);
    expect(announcement(undefined, first)).toContain('Read the question');
    expect(announcement(first, countdownAt(delayed, 0, 1_000))).toBe('');
    expect(announcement(first, countdownAt(delayed, 0, 3_000))).toBe('20 seconds to answer.');
  });
});
