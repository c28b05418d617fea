import 'reflect-metadata';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// Reads the raw string: implicit conversion would already have turned "false" into true.
const toBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }): unknown => {
  const raw = obj[key];
  if (raw === undefined || typeof raw === 'boolean') return raw;
  return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
};

/** The environment podroom reads, validated once at boot. README.md documents each variable. */
export class Env {
  @Min(0)
  @Max(65535)
  @IsInt() // listed last so that its message is the one reported for "abc"
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  /** PostgreSQL connection string; unset → the embedded database under DATA_DIR. */
  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  /** Where the embedded database and generated secrets live; `memory://` keeps nothing. */
  @IsString()
  DATA_DIR: string = './data';

  /** Redis, for running several server processes. */
  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL?: string;

  /** Prefix of podroom's Redis keys, so that several deployments can share one Redis. */
  @IsString()
  @Matches(/^[\w.-]{1,64}$/)
  REDIS_KEY_PREFIX: string = 'podroom';

  /** Secret that signs tokens; unset → one generated and kept in DATA_DIR. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  /** The address people use to reach this server (join links, QR codes). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  /** Lifetime of an instructor access token, seconds (refresh tokens renew it). */
  @Min(5)
  @Max(86400)
  @IsInt()
  ACCESS_TOKEN_TTL_SEC: number = 900;

  /** Lifetime of a refresh token, days; each refresh issues a new one. */
  @Min(1)
  @Max(365)
  @IsInt()
  REFRESH_TOKEN_TTL_DAYS: number = 30;

  /** Failed sign-ins allowed per (email, IP) within SIGN_IN_WINDOW_SEC before a block. */
  @Min(1)
  @Max(1000)
  @IsInt()
  SIGN_IN_MAX_FAILURES: number = 5;

  /** Window of SIGN_IN_MAX_FAILURES, and how long the block then lasts, seconds. */
  @Min(1)
  @Max(86400)
  @IsInt()
  SIGN_IN_WINDOW_SEC: number = 900;

  /** Failed sign-ins allowed per IP (any email) within SIGN_IN_IP_WINDOW_SEC. */
  @Min(1)
  @Max(100000)
  @IsInt()
  SIGN_IN_MAX_FAILURES_PER_IP: number = 100;

  /** Window of SIGN_IN_MAX_FAILURES_PER_IP, and how long the block then lasts, seconds. */
  @Min(1)
  @Max(604800)
  @IsInt()
  SIGN_IN_IP_WINDOW_SEC: number = 3600;

  /**
   * `room:join` attempts per second to one join code (every process together with REDIS_URL), on
   * top of which a burst of 5 × this many more is allowed within any 10 s. Bounds how fast one
   * room fills and how hard a flood at one code can hit the database.
   */
  @Min(1)
  @Max(1_000_000)
  @IsInt()
  JOIN_RATE_PER_CODE: number = 200;

  /**
   * `room:join` attempts per second from one client IP, any code, plus the same 5 × burst within
   * 10 s. Generous: a whole classroom often shares one NAT address.
   */
  @Min(1)
  @Max(1_000_000)
  @IsInt()
  JOIN_RATE_PER_IP: number = 50;

  /**
   * Express `trust proxy`: which proxies' X-Forwarded-For to believe for the client IP (sign-in
   * limits are per IP). A hop count (`1` behind one nginx), `loopback`, or addresses/subnets.
   */
  @IsOptional()
  @IsString()
  @Matches(/^[\w.:/, -]{1,200}$/)
  TRUST_PROXY?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Apply pending migrations at boot (under an advisory lock, safe with several processes). */
  @Transform(toBoolean)
  @IsIn([true, false])
  MIGRATE_ON_BOOT: boolean = true;
}
