import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  createPodroomClient,
  ok,
  podroomHttp,
  type PodroomClient,
  type RevealView,
} from '../libs/contracts/src/index.js';
import type { BenchTarget, RunningServer } from './load-generator.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

type StudentQuestion = { type: string; options?: { id: string }[] };

/** A well-formed answer of the question's type (right or wrong does not matter for load). */
function someAnswer(question: StudentQuestion): unknown {
  const ids = (question.options ?? []).map((option) => option.id);
  switch (question.type) {
    case 'multi':
      return ids.slice(0, 1);
    case 'ordering':
      return ids;
    case 'true-false':
      return true;
    case 'numeric':
      return 0;
    default:
      return ids[0];
  }
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Starts `dist/apps/server/src/main.js` and waits for the line with its address. */
function startServer(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const main = path.join(ROOT, 'dist/apps/server/src/main.js');
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /podroom is running at (http:\/\/\S+)/.exec(output);
      if (!match) return;
      resolve({
        url: match[1]!,
        pid: child.pid!,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`podroom exited with ${code}:\n${output}`)));
  });
}

/**
 * podroom itself: `processes` server processes on one fresh PostgreSQL database (and, for more than
 * one, Redis), students spread over them round-robin, the host on the first, the built-in
 * pod-to-pod lesson. Builds the server first (`npm run build`; not with BENCH_SKIP_BUILD=1).
 */
export function podroomTarget(processes: number): BenchTarget {
  const database = `podroom_bench_${randomBytes(4).toString('hex')}`;
  return {
    name: processes === 1 ? 'podroom' : `podroom ×${processes} (Redis)`,
    async start() {
      // BENCH_SKIP_BUILD=1 runs the dist/ already built (e.g. several runs in a row).
      if (!process.env.BENCH_SKIP_BUILD)
        execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
      await admin(`CREATE DATABASE "${database}"`);
      const env = {
        DATABASE_URL: databaseUrl(database),
        JWT_SECRET: randomBytes(32).toString('hex'),
        // Every simulated student joins from 127.0.0.1 as fast as it can: lift the join limits so
        // that results stay comparable with runs made before they existed (docs/benchmarks.md).
        JOIN_RATE_PER_CODE: '1000000',
        JOIN_RATE_PER_IP: '1000000',
        ...(processes > 1 && { REDIS_URL, REDIS_KEY_PREFIX: database }),
      };
      const first = await startServer(env); // migrates the database
      const rest = await Promise.all(Array.from({ length: processes - 1 }, () => startServer(env)));
      const servers = [first, ...rest];
      const stopAll = servers.map((server) => server.stop);
      servers.forEach((server, i) => {
        server.stop = async () => {
          await stopAll[i]!();
          if (i === 0) await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        };
      });
      return servers;
    },
    async openRoom(servers) {
      const http = podroomHttp(servers[0]!.url);
      const { token } = await http.signUp({
        email: `bench-${randomBytes(4).toString('hex')}@example.com`,
        password: randomBytes(12).toString('hex'),
        displayName: 'Bench',
      });
      const room = await http.createRoom(token, { lessonKey: 'pod-to-pod' });
      const host = await createPodroomClient(servers[0]!.url, { timeoutMs: 60_000 });
      const { snapshot } = ok(await host.attachHost(token, room.roomId));
      let version = snapshot.version;
      let closed: Promise<RevealView & { version: number }> | undefined;
      const clients: PodroomClient[] = [host];
      return {
        async addStudent(index) {
          const url = servers[index % servers.length]!.url;
          const client = await createPodroomClient(url, { timeoutMs: 60_000, reconnection: false });
          clients.push(client);
          ok(await client.join(room.code, `s${index}`));
          return {
            onceQuestion: (handler) => {
              const off = client.on('question:opened', (opened) => {
                off();
                handler(opened.questionId, someAnswer(opened.question as StudentQuestion));
              });
            },
            answer: async (questionId, value) =>
              (await client.answer(questionId, value as never)).ok,
            close: () => client.close(),
          };
        },
        async open(round) {
          const question = snapshot.questions[round];
          if (!question)
            throw new Error(`the lesson has only ${snapshot.questions.length} questions`);
          closed = host.waitFor('question:closed', undefined, 300_000);
          version = ok(
            await host.openQuestion({ version, questionKey: question.key, timeLimitSec: 240 }),
          ).version;
        },
        async afterRound() {
          version = (await closed!).version; // closes by itself once everyone answered
        },
        async storedAnswers() {
          const client = new pg.Client({ connectionString: databaseUrl(database) });
          await client.connect();
          try {
            const { rows } = await client.query<{ n: number }>(
              'SELECT count(*)::int AS n FROM "Answer" WHERE "sessionId" = $1',
              [room.roomId],
            );
            return rows[0]!.n;
          } finally {
            await client.end();
          }
        },
        close: async () => clients.forEach((client) => client.close()),
      };
    },
  };
}
