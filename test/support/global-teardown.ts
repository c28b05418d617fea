import pg from 'pg';

/** Drops this run's template and any database a test file failed to drop (self-contained: see global-setup.ts). */
export default async function globalTeardown(): Promise<void> {
  const mode = JSON.parse(process.env.PODROOM_TEST_DATABASE ?? '{}') as {
    kind?: string;
    adminUrl?: string;
    prefix?: string;
  };
  if (mode.kind !== 'postgres' || !mode.adminUrl || !mode.prefix) return;
  const client = new pg.Client({ connectionString: mode.adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [mode.prefix],
    );
    for (const { datname } of rows)
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
