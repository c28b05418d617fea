import pg from 'pg';
import {
  applyMigrations,
  defaultMigrationsDir,
  readMigrations,
} from '../../apps/server/src/database/migrator.js';
import { pgConnection } from '../../apps/server/src/database/sql-connections.js';
import { adminQuery, databaseUrl, type TestDatabaseMode } from './test-database.js';

/**
 * Picks the test database and, for PostgreSQL, migrates a template database that each test file
 * copies with `CREATE DATABASE … TEMPLATE` (fast, and no file cleans up after another). Run by
 * global-setup.ts in a child process; prints the chosen mode as JSON on its last line.
 */
async function prepare(): Promise<TestDatabaseMode> {
  const adminUrl = process.env.PODROOM_TEST_POSTGRES_URL; // chosen by jest.config.ts
  if (!adminUrl) {
    console.error(
      '[podroom tests] Using the embedded database (TEST_DATABASE=embedded, or no PostgreSQL answered).',
    );
    return { kind: 'embedded' };
  }
  const prefix = `podroom_t${process.ppid}_`;
  const template = `${prefix}template`;
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await adminQuery(adminUrl, `CREATE DATABASE "${template}"`);
  const client = new pg.Client({ connectionString: databaseUrl(adminUrl, template) });
  await client.connect();
  try {
    await applyMigrations(pgConnection(client), readMigrations(defaultMigrationsDir()));
  } finally {
    await client.end();
  }
  console.error(
    `[podroom tests] PostgreSQL at ${new URL(adminUrl).host}, template database ${template}.`,
  );
  return { kind: 'postgres', adminUrl, template, prefix };
}

console.log(JSON.stringify(await prepare()));
