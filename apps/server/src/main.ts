import type { INestApplication } from '@nestjs/common';
import { ConfigError, loadEnv } from './config/config.loader.js';
import { createApp } from './app.factory.js';

let app: INestApplication | undefined;
let stopping = false;

/** Graceful stop on SIGTERM/SIGINT, even mid-start: close sockets, timers and the database, exit 0. */
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return; // a second signal while closing changes nothing
  stopping = true;
  console.log(`podroom: ${signal} received, stopping`);
  await app?.close();
  console.log('podroom: stopped');
  process.exit(0);
}

async function main(): Promise<void> {
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
  const env = loadEnv(process.env);
  app = await createApp(env);
  await app.listen(env.PORT, env.HOST);
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const url =
    env.PUBLIC_URL ?? `http://${host}:${(app.getHttpServer().address() as { port: number }).port}`;
  console.log(`podroom is running at ${url}`);
}

main().catch((error: unknown) => {
  // Configuration and start-up problems: one line naming the cause, non-zero exit.
  const message =
    error instanceof ConfigError ? error.message : `Failed to start: ${(error as Error).message}`;
  console.error(`podroom: ${message}`);
  process.exit(1);
});
