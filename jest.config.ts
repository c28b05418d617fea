import type { Config } from 'jest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const LOCAL_POSTGRES = 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * The run's PostgreSQL: TEST_DATABASE_URL, then DATABASE_URL, then one answering on 127.0.0.1:5432;
 * none (the embedded database) when TEST_DATABASE=embedded or nothing answers. Decided here, once,
 * because it also decides which tests can run; test/support/prepare-database.ts reads the result.
 */
async function findPostgres(): Promise<string | undefined> {
  if (process.env.TEST_DATABASE === 'embedded') return undefined;
  const configured = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (configured) return configured;
  const client = new pg.Client({ connectionString: LOCAL_POSTGRES, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return LOCAL_POSTGRES;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// ESM + ts-jest (Nest 12 is ESM-only): run through `npm test`, which starts Node with
// --experimental-vm-modules. Type-checking is a separate step (`npm run typecheck`).
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@podroom/(simulation|quiz|contracts)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true }],
  },
  testEnvironment: 'node',
} satisfies Config;

/** Whether a redis-server binary is on PATH (the multi-process tests start a private one). */
const hasRedisServer = (process.env.PATH ?? '')
  .split(path.delimiter)
  .some((dir) => dir && existsSync(path.join(dir, 'redis-server')));

export default async function config(): Promise<Config> {
  const postgres = await findPostgres();
  process.env.PODROOM_TEST_POSTGRES_URL = postgres ?? '';
  return {
    // Once per run, for every project: choose the database and migrate the template (test/support).
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    // e2e tests boot the app (and, without PostgreSQL, an embedded database: ~5 s on first boot).
    testTimeout: 60_000,
    // On 2 cores Jest runs the files in its own process; once, after an embedded-database run had
    // passed and printed its results, that process went on working for minutes ("Jest did not
    // exit") and CI's time limit would have failed it. Results are final at that point, so exit.
    // What lingered is not found yet: it does not happen on every run.
    forceExit: true,
    projects: [
      {
        ...shared,
        displayName: 'unit',
        testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
      },
      {
        ...shared,
        displayName: 'db',
        testMatch: ['<rootDir>/apps/**/*.db-spec.ts'],
      },
      {
        ...shared,
        displayName: 'e2e',
        testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
        testPathIgnorePatterns: [
          // The Prisma CLI drives a real PostgreSQL server; it cannot reach the embedded database.
          // Nor can several server processes share one embedded database (it is a single process's
          // files): the rooms-across-processes and takeover tests need PostgreSQL too.
          ...(postgres
            ? []
            : [
                '<rootDir>/test/prisma-cli.e2e-spec.ts',
                '<rootDir>/test/multi-process-rooms',
                '<rootDir>/test/takeover',
                // It starts and stops a PostgreSQL server of its own.
                '<rootDir>/test/faults-database',
              ]),
          // Several processes over Redis need a redis-server to start (README: running the tests).
          ...(hasRedisServer ? [] : ['<rootDir>/test/multi-process', '<rootDir>/test/takeover']),
          // A forced embedded run (CI's second pass) re-checks the database paths only; the browser
          // tests exercise the client and already ran against PostgreSQL.
          ...(process.env.TEST_DATABASE === 'embedded' ? ['<rootDir>/test/browser/'] : []),
        ],
      },
    ],
  };
}
