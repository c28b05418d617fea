import { ErrorCode } from '@podroom/contracts';
import { RateLimitedError, UNAVAILABLE_RETRY_MS, UnavailableError } from './domain.errors.js';
import { toErrorBody } from './error-body.js';

describe('toErrorBody', () => {
  it('turns an unreachable database into UNAVAILABLE with when to retry, not INTERNAL', () => {
    const lost = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), {
      code: 'P1001',
    });
    expect(toErrorBody(lost)).toEqual({
      status: 503,
      body: {
        code: ErrorCode.UNAVAILABLE,
        message: expect.stringMatching(/database/),
        retryAfterMs: UNAVAILABLE_RETRY_MS,
      },
    });
  });

  it('carries retryAfterMs of RATE_LIMITED and UNAVAILABLE errors', () => {
    expect(toErrorBody(new RateLimitedError('slow down', 750)).body.retryAfterMs).toBe(750);
    expect(toErrorBody(new UnavailableError('later', 1_500))).toEqual({
      status: 503,
      body: { code: ErrorCode.UNAVAILABLE, message: 'later', retryAfterMs: 1_500 },
    });
  });

  it('still hides other errors behind INTERNAL', () => {
    expect(toErrorBody(new Error('secret detail')).body).toEqual({
      code: ErrorCode.INTERNAL,
      message: 'Internal error',
    });
  });
});
