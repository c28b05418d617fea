import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from './env.dto.js';

const FILE = 'signing-secret';

/**
 * The secret that signs tokens: JWT_SECRET when set; otherwise one generated on first start and
 * kept in DATA_DIR (mode 0600), so tokens survive restarts of a self-hosted server with no setup.
 * Several processes must share JWT_SECRET (README).
 */
export function resolveSigningSecret(env: Pick<Env, 'JWT_SECRET' | 'DATA_DIR'>): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (env.DATA_DIR === 'memory://') return randomBytes(32).toString('base64url');
  const file = path.resolve(env.DATA_DIR, FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(env.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
