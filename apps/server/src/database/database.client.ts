import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import {
  applyMigrations,
  defaultMigrationsDir,
  readMigrations,
  type Migration,
} from './migrator.js';
import { pgConnection, pgliteConnection } from './sql-connections.js';

/** Where the data lives: a PostgreSQL server, or the embedded database (PGlite) in a folder. */
export type DatabaseTarget =
  { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };

/** An open database: the Prisma client plus what it takes to migrate and close it. */
export interface DatabaseClient {
  readonly target: DatabaseTarget;
  readonly prisma: PrismaClient;
  /** Applies pending migrations; returns their names. */
  migrate(migrations?: Migration[]): Promise<string[]>;
  close(): Promise<void>;
}

/** `memory://` keeps the embedded database in memory (tests); anything else is a folder. */
export const IN_MEMORY = 'memory://';

/**
 * How long a query waits for a pool connection (a new one while the server is unreachable, or a
 * free one when all are busy) before it fails: with the database down a request gets an error in
 * bounded time, never a hang.
 */
export const CONNECT_TIMEOUT_MS = 5_000;

export interface DatabaseOptions {
  /**
   * Errors of idle pooled connections (the server restarted or closed them). They are handled here
   * (the pool drops the connection and opens a new one when needed); this only reports them.
   */
  onConnectionError?: (error: Error) => void;
}

export async function openDatabase(
  target: DatabaseTarget,
  options: DatabaseOptions = {},
): Promise<DatabaseClient> {
  return target.kind === 'postgres' ? openPostgres(target, options) : openEmbedded(target);
}

function openPostgres(
  target: { kind: 'postgres'; url: string },
  options: DatabaseOptions,
): DatabaseClient {
  const pool = new pg.Pool({
    connectionString: target.url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // Without a listener, an idle connection's error (PostgreSQL restarting) would crash the process.
  const report = (error: Error) => options.onConnectionError?.(error);
  pool.on('error', report);
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { onConnectionError: report, disposeExternalPool: true }),
  });
  return {
    target,
    prisma,
    async migrate(migrations = readMigrations(defaultMigrationsDir())) {
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        return await applyMigrations(pgConnection(client), migrations);
      } finally {
        await client.end();
      }
    },
    async close() {
      await prisma.$disconnect();
      if (!pool.ending) await pool.end(); // the adapter ends it only if it was ever connected
    },
  };
}

async function openEmbedded(target: {
  kind: 'embedded';
  dataDir: string;
}): Promise<DatabaseClient> {
  let location = IN_MEMORY;
  if (target.dataDir !== IN_MEMORY) {
    location = path.resolve(target.dataDir, 'db');
    mkdirSync(location, { recursive: true }); // PGlite does not create parent folders
  }
  const pglite = await PGlite.create(location);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    target,
    prisma,
    migrate: (migrations = readMigrations(defaultMigrationsDir())) =>
      applyMigrations(pgliteConnection(pglite), migrations),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
