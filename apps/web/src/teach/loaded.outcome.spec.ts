import { load, outcomeOfError } from './loaded.outcome.js';

describe('loading an instructor page', () => {
  it('sorts failures into sign in, no such thing, or try again', () => {
    expect(outcomeOfError({ status: 401, code: 'INVALID_TOKEN' })).toEqual({ kind: 'signed-out' });
    expect(outcomeOfError({ code: 'UNAUTHORIZED' })).toEqual({ kind: 'signed-out' });
    expect(outcomeOfError({ status: 404, code: 'NOT_FOUND' })).toEqual({ kind: 'not-found' });
    expect(outcomeOfError({ status: 400, code: 'INVALID_PAYLOAD' })).toEqual({ kind: 'not-found' });
    expect(outcomeOfError({ status: 500 })).toMatchObject({ kind: 'error', message: /server/ });
    expect(outcomeOfError(new TypeError('Failed to fetch'))).toMatchObject({
      kind: 'error',
      message: /cannot be reached/,
    });
  });

  it('wraps what the request answers, or what it failed with', async () => {
    await expect(load(async () => 42)).resolves.toEqual({ kind: 'ok', value: 42 });
    await expect(
      load(() => Promise.reject(Object.assign(new Error('x'), { status: 404 }))),
    ).resolves.toEqual({ kind: 'not-found' });
  });
});
