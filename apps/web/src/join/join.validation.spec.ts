import { checkNickname, checkRoomCode, formatRoomCode } from './join.validation.js';

describe('checkRoomCode', () => {
  it.each([
    ['123456', '123456'],
    ['123 456', '123456'],
    [' 123-456 ', '123456'],
  ])('accepts %j as %j', (raw, value) => {
    expect(checkRoomCode(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'Enter the room code shown on the screen.'],
    ['12345', 'The room code has 6 digits.'],
    ['1234567', 'The room code has 6 digits.'],
    ['12a456', 'The room code has digits only.'],
  ])('refuses %j', (raw, error) => {
    expect(checkRoomCode(raw)).toEqual({ ok: false, error });
  });
});

describe('checkNickname', () => {
  it('trims and collapses spaces', () => {
    expect(checkNickname('  Ada   Lovelace ')).toEqual({ ok: true, value: 'Ada Lovelace' });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkNickname('🐳'.repeat(20))).toMatchObject({ ok: true });
    expect(checkNickname('🐳'.repeat(21))).toMatchObject({ ok: false });
  });

  it.each(['', '   ', 'a'.repeat(21), 'tab\u0007bell', 'zero\u200bwidth'])('refuses %j', (raw) => {
    expect(checkNickname(raw)).toMatchObject({ ok: false });
  });
});

describe('formatRoomCode', () => {
  it('groups six digits in threes', () => {
    expect(formatRoomCode('123456')).toBe('123 456');
    expect(formatRoomCode('12')).toBe('12');
  });
});
