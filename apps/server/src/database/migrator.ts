import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The little SQL access the migrator needs; implemented over `pg` and over PGlite. */
export interface SqlConnection {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a whole script (several statements) as one query. */
  exec(script: string): Promise<void>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Prisma's own advisory lock id, so `prisma migrate deploy` and podroom never migrate at once. */
const PRISMA_MIGRATE_LOCK = 72707369;

// The table exactly as Prisma Migrate creates it, so its CLI reads our rows and vice versa.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Finds `prisma/migrations` above this file, whether it runs from source or from dist/. */
export function defaultMigrationsDir(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir)
      throw new MigrationError(`No prisma/migrations folder above ${from}`);
  }
}

/** Reads `<dir>/<name>/migration.sql` in name order, with Prisma's checksum (sha256 of the file). */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, 'migration.sql'));
      return {
        name,
        sql: bytes.toString('utf8'),
        checksum: createHash('sha256').update(bytes).digest('hex'),
      };
    });
}

/**
 * Applies pending migrations the way `prisma migrate deploy` does, so the Prisma CLI sees them as
 * applied — and works where the CLI cannot reach: an in-process embedded database. Each migration
 * runs in its own transaction together with its `_prisma_migrations` row. Refuses to run when an
 * applied migration's file was edited afterwards or an earlier run left one half-applied.
 *
 * @returns the names of the migrations it applied.
 */
export async function applyMigrations(
  db: SqlConnection,
  migrations: Migration[],
): Promise<string[]> {
  await db.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
  try {
    await db.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await db.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row]));
    const done: string[] = [];
    for (const migration of migrations) {
      const row = applied.get(migration.name);
      if (row && row.finished_at === null) {
        throw new MigrationError(
          `Migration ${migration.name} failed earlier and is half-applied; fix the database, then run ` +
            `\`npx prisma migrate resolve --rolled-back ${migration.name}\``,
        );
      }
      if (row && row.checksum !== migration.checksum) {
        throw new MigrationError(
          `Migration ${migration.name} was edited after it was applied; add a new migration instead`,
        );
      }
      if (row) continue;
      await db.exec('BEGIN');
      try {
        await db.exec(migration.sql);
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await db.exec('COMMIT');
      } catch (error) {
        await db.exec('ROLLBACK');
        throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]);
  }
}
