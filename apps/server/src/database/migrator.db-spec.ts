import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { adminQuery, databaseUrl, readMode } from '../../../../test/support/test-database.js';
import {
  applyMigrations,
  defaultMigrationsDir,
  MigrationError,
  readMigrations,
  type Migration,
  type SqlConnection,
} from './migrator.js';
import { pgConnection, pgliteConnection } from './sql-connections.js';

const migration = (name: string, sql: string): Migration => ({
  name,
  sql,
  checksum: createHash('sha256').update(sql).digest('hex'),
});

const first = migration('20260101000000_first', 'CREATE TABLE a (id int PRIMARY KEY);');
const second = migration(
  '20260102000000_second',
  // A $$ body with semicolons inside: the script must run as one query, not split on ";".
  `CREATE TABLE b (id int);
   CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.id := NEW.id + 1; RETURN NEW; END; $$ LANGUAGE plpgsql;`,
);

interface Target {
  connect(): Promise<{ db: SqlConnection; close(): Promise<void> }>;
  drop(): Promise<void>;
}

/** An empty database of the run's kind: a fresh PostgreSQL database, or an in-memory PGlite. */
async function emptyDatabase(): Promise<Target> {
  const mode = readMode();
  if (mode.kind === 'embedded') {
    const pglite = await PGlite.create('memory://');
    return {
      connect: async () => ({ db: pgliteConnection(pglite), close: async () => undefined }),
      drop: () => pglite.close(),
    };
  }
  const name = `${mode.prefix}mig_${Math.floor(Math.random() * 1e9)}`;
  await adminQuery(mode.adminUrl, `CREATE DATABASE "${name}"`);
  return {
    async connect() {
      const client = new pg.Client({ connectionString: databaseUrl(mode.adminUrl, name) });
      await client.connect();
      return { db: pgConnection(client), close: () => client.end() };
    },
    drop: async () =>
      void (await adminQuery(mode.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

describe('applyMigrations', () => {
  let target: Target;
  let conn: { db: SqlConnection; close(): Promise<void> };

  beforeEach(async () => {
    target = await emptyDatabase();
    conn = await target.connect();
  });
  afterEach(async () => {
    await conn.close();
    await target.drop();
  });

  const rows = () =>
    conn.db.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );

  it('applies pending migrations in order and records them as Prisma does', async () => {
    expect(await applyMigrations(conn.db, [first, second])).toEqual([first.name, second.name]);
    const recorded = await rows();
    expect(recorded.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual([
      [first.name, first.checksum, 1],
      [second.name, second.checksum, 1],
    ]);
    expect(recorded.every((r) => r.finished_at !== null)).toBe(true);
    await conn.db.exec('INSERT INTO b VALUES (1)');
  });

  it('applies nothing twice', async () => {
    await applyMigrations(conn.db, [first]);
    expect(await applyMigrations(conn.db, [first, second])).toEqual([second.name]);
    expect(await applyMigrations(conn.db, [first, second])).toEqual([]);
    expect(await rows()).toHaveLength(2);
  });

  it('refuses a migration edited after it was applied', async () => {
    await applyMigrations(conn.db, [first]);
    const edited = { ...migration(first.name, 'CREATE TABLE a (id bigint);') };
    await expect(applyMigrations(conn.db, [edited])).rejects.toThrow(
      /was edited after it was applied/,
    );
  });

  it('rolls a failing migration back whole, leaving no row and no partial schema', async () => {
    const broken = migration(
      '20260103000000_broken',
      'CREATE TABLE c (id int); SELECT * FROM no_such_table;',
    );
    await expect(applyMigrations(conn.db, [first, broken])).rejects.toThrow(MigrationError);
    expect((await rows()).map((r) => r.migration_name)).toEqual([first.name]);
    const tables = await conn.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'c'",
    );
    expect(tables[0]!.n).toBe(0);
  });

  it("applies the project's own migrations", async () => {
    const own = readMigrations(defaultMigrationsDir());
    expect(own.length).toBeGreaterThan(0);
    expect(await applyMigrations(conn.db, own)).toEqual(own.map((m) => m.name));
    const tables = await conn.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['Session', 'Answer', 'Participant']),
    );
  });
});

// Only PostgreSQL has several connections; the embedded database belongs to one process.
if (readMode().kind === 'postgres') {
  describe('applyMigrations from several connections at once', () => {
    it('applies each migration exactly once', async () => {
      const target = await emptyDatabase();
      const conns = await Promise.all([target.connect(), target.connect(), target.connect()]);
      try {
        const results = await Promise.all(conns.map((c) => applyMigrations(c.db, [first, second])));
        expect(results.flat().sort()).toEqual([first.name, second.name]);
      } finally {
        await Promise.all(conns.map((c) => c.close()));
        await target.drop();
      }
    });
  });
}
