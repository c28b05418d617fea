import { Injectable } from '@nestjs/common';
import type { Env } from './env.dto.js';

/** Typed, read-only access to the validated configuration. */
@Injectable()
export class AppConfig {
  constructor(
    private readonly env: Env,
    /** Signs tokens: JWT_SECRET, or the one generated in DATA_DIR (signing-secret.ts). */
    readonly signingSecret: string,
  ) {}

  get<K extends keyof Env>(key: K): Env[K] {
    return this.env[key];
  }

  /** True when no DATABASE_URL is set and the embedded database is used. */
  get embedded(): boolean {
    return this.env.DATABASE_URL === undefined;
  }
}
