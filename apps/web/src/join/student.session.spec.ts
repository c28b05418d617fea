import { retryDelayMs } from './student.session.js';

describe('retryDelayMs', () => {
  it("waits as long as the server says, plus up to half a second so a class doesn't retry at once", () => {
    expect(retryDelayMs({ code: 'RATE_LIMITED', retryAfterMs: 300 }, () => 0)).toBe(300);
    expect(retryDelayMs({ code: 'RATE_LIMITED', retryAfterMs: 300 }, () => 0.999)).toBe(799);
    expect(retryDelayMs({ code: 'UNAVAILABLE', retryAfterMs: 2000 }, () => 0.5)).toBe(2250);
    expect(retryDelayMs({ code: 'UNAVAILABLE' }, () => 0)).toBe(1000);
  });

  it('never retries a refusal that waiting cannot fix', () => {
    for (const code of ['NICKNAME_TAKEN', 'ROOM_NOT_FOUND', 'QUESTION_CLOSED', 'INVALID_ANSWER'])
      expect(retryDelayMs({ code, retryAfterMs: 100 })).toBeNull();
  });
});
