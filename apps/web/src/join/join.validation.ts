/**
 * Checks a student makes before joining. The server enforces the real rules; these catch typing
 * mistakes early. Room codes are six digits (people type them with spaces, as read off a
 * projector: `123 456`); nicknames are trimmed, inner spaces collapsed, 1–20 characters.
 */
export const ROOM_CODE_LENGTH = 6;
export const NICKNAME_MAX_LENGTH = 20;

export type Checked = { ok: true; value: string } | { ok: false; error: string };

/** The code as digits only, or why it is not a room code. */
export function checkRoomCode(raw: string): Checked {
  const value = raw.replace(/[\s-]/g, '');
  if (value === '') return { ok: false, error: 'Enter the room code shown on the screen.' };
  if (!/^\d+$/.test(value)) return { ok: false, error: 'The room code has digits only.' };
  if (value.length !== ROOM_CODE_LENGTH) {
    return { ok: false, error: `The room code has ${ROOM_CODE_LENGTH} digits.` };
  }
  return { ok: true, value };
}

/** The nickname as it will be shown, or why it cannot be used. */
export function checkNickname(raw: string): Checked {
  const value = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (value === '') return { ok: false, error: 'Choose a nickname.' };
  if ([...value].length > NICKNAME_MAX_LENGTH) {
    return { ok: false, error: `Use at most ${NICKNAME_MAX_LENGTH} characters.` };
  }
  if (/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/u.test(value)) {
    return { ok: false, error: 'Use letters, digits, spaces or emoji.' };
  }
  return { ok: true, value };
}

/** Groups a code for display: `123456` → `123 456`. */
export function formatRoomCode(code: string): string {
  const digits = code.replace(/\D/g, '').slice(0, ROOM_CODE_LENGTH);
  return digits.length > 3 ? `${digits.slice(0, 3)} ${digits.slice(3)}` : digits;
}
