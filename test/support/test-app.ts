import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../apps/server/src/app.factory.js';
import { loadEnv } from '../../apps/server/src/config/config.loader.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_JWT_SECRET = 'podroom-test-secret-0123456789abcdef';

export interface TestApp {
  app: INestApplication;
  /** e.g. http://127.0.0.1:43121 */
  url: string;
  db: TestDatabase;
  /** Stops the app (as SIGTERM would) and keeps the database. */
  stop(): Promise<void>;
  /** Stops the app and drops its database. */
  close(): Promise<void>;
}

/**
 * Starts the real app on an ephemeral port (`listen(0)`) over its own test database. Pass `db` to
 * start a second app over the same database, as after a restart.
 */
export async function startTestApp(
  options: { db?: TestDatabase; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const env = loadEnv({
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    ...db.env,
    ...options.env,
  });
  const app = await createApp(env);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const stop = () => app.close();
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    db,
    stop,
    async close() {
      await stop();
      await db.drop();
    },
  };
}
