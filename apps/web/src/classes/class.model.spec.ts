import {
  appendPage,
  checkClassName,
  classMeta,
  participantsText,
  rosterFileProblem,
  rosterRefusal,
  sessionLinks,
} from './class.model.js';

describe('appendPage', () => {
  it('adds the next page after what is shown, once each, in the server’s order', () => {
    const first = appendPage(undefined, { items: [{ id: 'c3' }, { id: 'c2' }], nextCursor: 'x' });
    expect(first).toEqual({ items: [{ id: 'c3' }, { id: 'c2' }], nextCursor: 'x' });
    // c2 again: a class created meanwhile pushed it onto the next page.
    const second = appendPage(first, { items: [{ id: 'c2' }, { id: 'c1' }], nextCursor: null });
    expect(second).toEqual({ items: [{ id: 'c3' }, { id: 'c2' }, { id: 'c1' }], nextCursor: null });
  });
});

describe('checkClassName', () => {
  it('trims, and refuses a blank or too long name', () => {
    expect(checkClassName('  Net 101 ')).toEqual({ ok: true, value: 'Net 101' });
    expect(checkClassName('   ')).toMatchObject({
      ok: false,
      error: 'Enter a name for the class.',
    });
    expect(checkClassName('x'.repeat(121))).toMatchObject({ ok: false });
    expect(checkClassName('x'.repeat(120))).toMatchObject({ ok: true });
  });
});

describe('classMeta', () => {
  it('says how big the roster is and how many sessions there were', () => {
    expect(classMeta({ rosterSize: 0, sessionCount: 1 })).toBe('No roster · 1 session');
    expect(classMeta({ rosterSize: 1, sessionCount: 0 })).toBe('1 student · 0 sessions');
    expect(classMeta({ rosterSize: 24, sessionCount: 3 })).toBe('24 students · 3 sessions');
    expect(participantsText(1)).toBe('1 student');
  });
});

describe('rosterRefusal', () => {
  it('lists the server’s line-numbered problems of an INVALID_ROSTER', () => {
    const lines = ['line 3: student_id is empty', 'line 4: student_id "S1" is already on line 2'];
    expect(rosterRefusal({ code: 'INVALID_ROSTER', status: 400, details: lines })).toEqual({
      message: 'The roster was not changed: fix these lines in the file and upload it again.',
      lines,
    });
    expect(
      rosterRefusal({ code: 'INVALID_ROSTER', status: 400, details: ['line 1: bad header'] })
        .message,
    ).toMatch(/fix this line/);
    expect(rosterRefusal({ code: 'INVALID_ROSTER', status: 400 })).toMatchObject({ lines: [] });
  });

  it('says what else went wrong', () => {
    expect(rosterRefusal({ code: 'INVALID_PAYLOAD', status: 413 }).message).toMatch(/256 KiB/);
    expect(rosterRefusal({ code: 'UNAUTHORIZED', status: 401 }).message).toMatch(/sign in/);
    expect(rosterRefusal({ code: 'NOT_FOUND', status: 404 }).message).toMatch(/no longer/);
    expect(rosterRefusal(new TypeError('Failed to fetch'))).toEqual({
      message: 'The roster could not be sent. Try again.',
      lines: [],
    });
  });
});

describe('rosterFileProblem', () => {
  it('refuses an empty file or one over 256 KiB before sending it', () => {
    expect(rosterFileProblem({ size: 1 })).toBeUndefined();
    expect(rosterFileProblem({ size: 256 * 1024 })).toBeUndefined();
    expect(rosterFileProblem({ size: 256 * 1024 + 1 })?.message).toMatch(/too large/);
    expect(rosterFileProblem({ size: 0 })?.message).toMatch(/empty/);
  });
});

describe('sessionLinks', () => {
  it('links the report always, and the console while the session is not over', () => {
    expect(sessionLinks({ id: 'r1', status: 'ended' })).toEqual([
      { label: 'Report', href: '#/teach/r1/report' },
    ]);
    expect(sessionLinks({ id: 'r2', status: 'live' }).map((l) => l.href)).toEqual([
      '#/teach/r2/report',
      '#/teach/r2/console',
    ]);
    expect(sessionLinks({ id: 'r3', status: 'lobby' })).toHaveLength(2);
  });
});
