import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';

// The server as a user runs it: `npm start` builds and starts dist/, configured only by the
// environment. These tests own their environment (no DATABASE_URL: the embedded database).

const run = promisify(execFile);
const MAIN = 'dist/apps/server/src/main.js';
const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    PORT: '0',
    HOST: '127.0.0.1',
  };
  delete env.DATABASE_URL;
  delete env.JWT_SECRET;
  return env;
};

/** Starts a command and waits for the line that says where it serves. */
interface Served {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function serve(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Served> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /podroom is running at (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`exited with ${code} before serving:\n${output}`)),
    );
  });
}

/** SIGTERM the process group (as a terminal or an orchestrator does) and wait for it to exit. */
async function stop({ child }: Served): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  process.kill(-child.pid!, 'SIGTERM');
  return exited;
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition();) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('starting the server', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'podroom-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('`npm start` builds, serves /health on the embedded database, and stops cleanly on SIGTERM', async () => {
    const served = await serve('npm', ['start', '--silent'], {
      ...baseEnv(),
      DATA_DIR: path.join(dataDir, 'npm-start'),
    });
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await request(served.url).get('/health').expect(200);
    await request(served.url).get('/health/ready').expect(200);
    await stop(served); // npm dies of the signal at once; its child, the server, closes and says so
    await waitFor(() => /SIGTERM received, stopping\s+podroom: stopped/.test(served.output()));
  });

  it('keeps serving the same embedded database after a restart', async () => {
    const env = { ...baseEnv(), DATA_DIR: dataDir };
    const first = await serve(process.execPath, [MAIN], env);
    expect(await stop(first)).toBe(0);
    const second = await serve(process.execPath, [MAIN], env);
    try {
      const ready = await request(second.url).get('/health/ready').expect(200);
      expect(ready.body.info.database.status).toBe('up');
    } finally {
      expect(await stop(second)).toBe(0);
    }
  });

  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'not-a-url'],
    ['DATABASE_URL', 'mysql://localhost/podroom'],
    ['LOG_LEVEL', 'loud'],
  ])('exits non-zero with one line naming %s when it is %j', async (name, value) => {
    const failure = await run(process.execPath, [MAIN], {
      env: { ...baseEnv(), DATA_DIR: dataDir, [name]: value },
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    const lines = failure!.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^podroom: Invalid configuration: ${name}: `));
  });
});
