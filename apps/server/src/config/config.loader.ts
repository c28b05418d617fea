import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Env } from './env.dto.js';

/** A configuration problem; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const KEYS = Object.keys(new Env()) as (keyof Env)[];
const OPTIONAL_KEYS: (keyof Env)[] = [
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'PUBLIC_URL',
  'TRUST_PROXY',
];

/**
 * Parses and validates the environment. Empty strings count as unset, so `DATABASE_URL=` in a
 * compose file means "embedded database" rather than an error.
 */
export function loadEnv(source: Record<string, string | undefined>): Env {
  const raw: Record<string, string> = {};
  for (const key of [...KEYS, ...OPTIONAL_KEYS]) {
    const value = source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const env = plainToInstance(Env, raw, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const [first] = validateSync(env, { forbidUnknownValues: true });
  if (first) {
    const problem = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const shown = OPTIONAL_KEYS.includes(first.property as keyof Env)
      ? ''
      : ` (got "${raw[first.property]}")`;
    throw new ConfigError(`Invalid configuration: ${first.property}: ${problem}${shown}`);
  }
  return env;
}
