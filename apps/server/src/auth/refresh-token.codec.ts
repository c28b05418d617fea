import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: guessing one is hopeless, so a fast hash is enough to store it. */
const TOKEN_BYTES = 32;

/** A new opaque refresh token: 32 random bytes, base64url (43 characters). */
export function newRefreshToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * What the database keeps of a refresh token: its SHA-256, base64url. A leaked table gives nobody
 * a usable token, and a lookup by hash stays an index lookup (no per-row salt needed: the token
 * itself is random).
 */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
