import { checkNickname, nicknameKey, normalizeNickname } from './nickname.rules.js';

describe('nickname rules', () => {
  it('trims and collapses whitespace', () => {
    expect(normalizeNickname('  Ada   Lovelace \n')).toBe('Ada Lovelace');
    expect(checkNickname('  Ada  ')).toEqual({ ok: true, nickname: 'Ada' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['x'.repeat(21), 'at most 20'],
    ['bad\u0007bell', 'cannot be shown'],
    [42, 'text'],
  ])('refuses %j (%s)', (raw, reason) => {
    const checked = checkNickname(raw);
    expect(checked.ok).toBe(false);
    expect(checked.ok === false && checked.reason).toMatch(new RegExp(reason));
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkNickname('😀'.repeat(20)).ok).toBe(true);
    expect(checkNickname('😀'.repeat(21)).ok).toBe(false);
  });

  it.each(['fuck', 'FuCk', 'f u c k', 'sh1t', 'Big B1tch', 'asshole99', 'n1gger'])(
    'filters profanity: %j',
    (raw) => expect(checkNickname(raw)).toEqual({ ok: false, reason: expect.any(String) }),
  );

  it.each(['Scunthorpe', 'Dickens', 'Cockburn Ada', 'Hancock', 'Grape', 'Bassem'])(
    'lets ordinary names through: %j',
    (raw) => expect(checkNickname(raw).ok).toBe(true),
  );

  it('keys nicknames without case or accents, for uniqueness in a room', () => {
    expect(nicknameKey(' José ')).toBe(nicknameKey('jose'));
    expect(nicknameKey('ADA')).toBe(nicknameKey('ada'));
  });
});
