/**
 * Nickname rules, shared by the server (which enforces them) and clients (which can check before
 * sending): trimmed, inner whitespace collapsed, 1–20 characters, no control characters, and not
 * caught by a basic profanity filter.
 */
export const NICKNAME_MAX_LENGTH = 20;

/** A short list of words no nickname may be made of (matched on a normalised form, see below). */
const BLOCKED_WORDS = [
  'fuck',
  'shit',
  'cunt',
  'bitch',
  'bastard',
  'asshole',
  'dick',
  'cock',
  'pussy',
  'whore',
  'slut',
  'nigger',
  'nigga',
  'faggot',
  'retard',
  'wanker',
  'twat',
  'rape',
  'nazi',
  'hitler',
];

/** Look-alike characters people use to get round filters. */
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  '4': 'a',
  '@': 'a',
  '5': 's',
  $: 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

/** Trim, collapse inner whitespace and apply Unicode NFC. */
export function normalizeNickname(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** The key under which nicknames are unique in a room: case- and accent-insensitive. */
export function nicknameKey(nickname: string): string {
  return normalizeNickname(nickname).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A blocked word, alone or with a common ending ("…s", "…ing", "…face", …). */
const BLOCKED = new RegExp(`^(${BLOCKED_WORDS.join('|')})(s|es|er|ers|ing|ed|y|face|head|hole)?$`);

/**
 * The words of a nickname, with look-alikes read as letters and, separately, with digits dropped
 * ("sh1t", "jerk99"), plus all its letters run together ("f u c k").
 */
function words(nickname: string): string[] {
  const key = nicknameKey(nickname);
  return [[...key].map((c) => LEET[c] ?? c).join(''), key.replace(/[0-9]+/g, '')].flatMap(
    (text) => {
      const parts = text.split(/[^a-z]+/).filter((w) => w !== '');
      return [...parts, parts.join('')];
    },
  );
}

/** The normalised nickname, or why it is refused. */
export type NicknameCheck = { ok: true; nickname: string } | { ok: false; reason: string };

/** Check a nickname against the rules above. Never throws. */
export function checkNickname(raw: unknown): NicknameCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'Nickname must be text' };
  const nickname = normalizeNickname(raw);
  const length = [...nickname].length;
  if (length === 0) return { ok: false, reason: 'Nickname must not be empty' };
  if (length > NICKNAME_MAX_LENGTH) {
    return { ok: false, reason: `Nickname must be at most ${NICKNAME_MAX_LENGTH} characters` };
  }
  if (/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/u.test(nickname)) {
    return { ok: false, reason: 'Nickname contains characters that cannot be shown' };
  }
  // Whole words only, so that "Scunthorpe" or "Dickens" pass.
  if (words(nickname).some((word) => BLOCKED.test(word))) {
    return { ok: false, reason: 'Please choose another nickname' };
  }
  return { ok: true, nickname };
}
