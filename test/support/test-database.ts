import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  openDatabase,
  type DatabaseClient,
} from '../../apps/server/src/database/database.client.js';

/**
 * How this test run reaches a database, decided once by global-setup.ts and handed to every test
 * worker through the environment:
 * - `postgres`: a real PostgreSQL; a template database migrated once, copied per test file;
 * - `embedded`: no PostgreSQL reachable — each test file gets its own embedded database folder.
 */
export type TestDatabaseMode =
  { kind: 'postgres'; adminUrl: string; template: string; prefix: string } | { kind: 'embedded' };

const MODE_VARIABLE = 'PODROOM_TEST_DATABASE'; // set by global-setup.ts

export function writeMode(mode: TestDatabaseMode): void {
  process.env[MODE_VARIABLE] = JSON.stringify(mode);
}

export function readMode(): TestDatabaseMode {
  const raw = process.env[MODE_VARIABLE];
  if (!raw)
    throw new Error(`${MODE_VARIABLE} is unset: run tests through \`npm test\` (global-setup.ts)`);
  return JSON.parse(raw) as TestDatabaseMode;
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A database of one's own for one test file: what the app needs in its env, and how to drop it. */
export interface TestDatabase {
  /** Variables to hand to `loadEnv`: DATABASE_URL, or DATA_DIR for the embedded database. */
  env: { DATABASE_URL?: string; DATA_DIR: string };
  /** Opens a client on it (migrated already). Close it yourself. */
  open(): Promise<DatabaseClient>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const mode = readMode();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'podroom-test-'));
  if (mode.kind === 'embedded') {
    return {
      env: { DATA_DIR: dataDir },
      async open() {
        const db = await openDatabase({ kind: 'embedded', dataDir });
        await db.migrate();
        return db;
      },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `${mode.prefix}${randomBytes(6).toString('hex')}`;
  await adminQuery(mode.adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${mode.template}"`);
  const url = databaseUrl(mode.adminUrl, name);
  return {
    env: { DATABASE_URL: url, DATA_DIR: dataDir },
    open: () => openDatabase({ kind: 'postgres', url }),
    async drop() {
      await adminQuery(mode.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function adminQuery(adminUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}
