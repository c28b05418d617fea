import {
  effectiveTimeLimitMs,
  participantDeadline,
  responseTimeMs,
} from './deadline.calculator.js';

describe('effectiveTimeLimitMs', () => {
  it('is the timer itself without extra time', () => {
    expect(effectiveTimeLimitMs({ timeLimitMs: 30_000 })).toBe(30_000);
    expect(effectiveTimeLimitMs({ timeLimitMs: 30_000, extraTime: {} })).toBe(30_000);
  });

  it('applies the factor, then adds extraMs', () => {
    expect(effectiveTimeLimitMs({ timeLimitMs: 30_000, extraTime: { factor: 1.5 } })).toBe(45_000);
    expect(effectiveTimeLimitMs({ timeLimitMs: 30_000, extraTime: { extraMs: 10_000 } })).toBe(
      40_000,
    );
    expect(
      effectiveTimeLimitMs({ timeLimitMs: 20_000, extraTime: { factor: 2, extraMs: 5_000 } }),
    ).toBe(45_000);
  });

  it('never shortens the timer', () => {
    expect(
      effectiveTimeLimitMs({ timeLimitMs: 30_000, extraTime: { factor: 0.5, extraMs: -9_000 } }),
    ).toBe(30_000);
  });
});

describe('participantDeadline', () => {
  const openedAtMs = 1_700_000_000_000;

  it('starts the timer after the reading delay and ends it after the effective timer', () => {
    expect(participantDeadline({ openedAtMs, timeLimitMs: 30_000, readingDelayMs: 3_000 })).toEqual(
      {
        timerStartsAtMs: openedAtMs + 3_000,
        effectiveTimeLimitMs: 30_000,
        deadlineMs: openedAtMs + 33_000,
      },
    );
  });

  it('gives a participant with extra time a later deadline but the same start', () => {
    const everyone = participantDeadline({
      openedAtMs,
      timeLimitMs: 30_000,
      readingDelayMs: 3_000,
    });
    const extra = participantDeadline({
      openedAtMs,
      timeLimitMs: 30_000,
      readingDelayMs: 3_000,
      extraTime: { factor: 1.5, extraMs: 5_000 },
    });
    expect(extra.timerStartsAtMs).toBe(everyone.timerStartsAtMs);
    expect(extra.effectiveTimeLimitMs).toBe(50_000);
    expect(extra.deadlineMs).toBe(openedAtMs + 53_000);
  });

  it('has no reading delay by default', () => {
    expect(participantDeadline({ openedAtMs, timeLimitMs: 5_000 }).deadlineMs).toBe(
      openedAtMs + 5_000,
    );
  });
});

describe('responseTimeMs', () => {
  it('counts from the timer start, never below 0', () => {
    expect(responseTimeMs({ timerStartsAtMs: 1_000, receivedAtMs: 3_000 })).toBe(2_000);
    expect(responseTimeMs({ timerStartsAtMs: 1_000, receivedAtMs: 900 })).toBe(0);
  });
});
