import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * Migration authoring works offline: the real Prisma CLI runs against its own scratch database
 * through the schema engine shim (prisma/engine/schema-engine.mjs, picked up via prisma.config.ts).
 * Self-contained: it creates and drops its database and needs no global setup.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PRISMA_CLI = path.join(ROOT, 'node_modules', 'prisma', 'build', 'index.js');
const MIGRATIONS = path.join(ROOT, 'prisma', 'migrations');
const SCHEMA = path.join(ROOT, 'prisma', 'schema.prisma');
// The run's PostgreSQL (jest.config.ts); this file is left out of runs on the embedded database.
const ADMIN_URL =
  process.env.PODROOM_TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const CLI_TIMEOUT_MS = 120_000;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the Prisma CLI from the repository root against `databaseUrl`; never throws. */
function prisma(databaseUrl: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [PRISMA_CLI, ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: CLI_TIMEOUT_MS },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('the Prisma CLI, offline', () => {
  const database = `podroom_prisma_cli_${randomBytes(6).toString('hex')}`;
  const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();
  let initMigration: string;
  let tempDir: string | undefined;

  beforeAll(async () => {
    const entries = await readdir(MIGRATIONS, { withFileTypes: true });
    const init = entries.find((entry) => entry.isDirectory() && entry.name.endsWith('_init'));
    if (!init) throw new Error(`no *_init migration in ${MIGRATIONS}`);
    initMigration = init.name;
    await withAdmin((client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`));
  }, 30_000);

  afterAll(async () => {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    await withAdmin((client) =>
      client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`),
    );
  }, 30_000);

  it(
    '`migrate deploy` applies the init migration',
    async () => {
      const result = await prisma(databaseUrl, 'migrate', 'deploy');

      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toContain(initMigration);
      expect(result.stdout).toContain('All migrations have been successfully applied.');
    },
    CLI_TIMEOUT_MS,
  );

  it('records it as finished in _prisma_migrations, with the sha256 of its SQL', async () => {
    const sql = await readFile(path.join(MIGRATIONS, initMigration, 'migration.sql'));
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT checksum, finished_at, rolled_back_at, applied_steps_count, logs
           FROM _prisma_migrations WHERE migration_name = $1`,
        [initMigration],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        checksum: createHash('sha256').update(sql).digest('hex'),
        finished_at: expect.any(Date),
        rolled_back_at: null,
        applied_steps_count: 1,
        logs: null,
      });
    } finally {
      await client.end();
    }
  });

  it(
    '`migrate status` reports the database up to date',
    async () => {
      const result = await prisma(databaseUrl, 'migrate', 'status');

      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toContain('Database schema is up to date');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    '`migrate diff` finds no difference between the migrations and the schema',
    async () => {
      const result = await prisma(
        databaseUrl,
        ...['migrate', 'diff', '--from-migrations', MIGRATIONS, '--to-schema', SCHEMA],
        '--exit-code',
      );

      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toContain('No difference detected');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    '`migrate diff --script` writes the SQL for a model added to the schema',
    async () => {
      tempDir = await mkdtemp(path.join(os.tmpdir(), 'podroom-prisma-cli-'));
      const schema = path.join(tempDir, 'schema.prisma');
      const added = '\nmodel PrismaCliCheck {\n  id   Int    @id\n  note String\n}\n';
      await writeFile(schema, (await readFile(SCHEMA, 'utf8')) + added);

      const result = await prisma(
        databaseUrl,
        ...['migrate', 'diff', '--from-migrations', MIGRATIONS, '--to-schema', schema],
        '--script',
      );

      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toContain('CREATE TABLE "PrismaCliCheck"');
    },
    CLI_TIMEOUT_MS,
  );
});
