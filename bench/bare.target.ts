import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import type { BenchTarget, RunningServer } from './load-generator.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** ~300 bytes, the size of a podroom question as students receive it. */
const PROMPT =
  'After kube-proxy rewrites the destination, which address does the packet carry? '.repeat(2);

/** Starts a bench server script (`node --import tsx <script>`) that prints `{"port":N}` when listening. */
export function startScript(script: string, env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{"port"'));
      if (!line) return;
      const { port } = JSON.parse(line) as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        pid: child.pid!,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** The bare socket.io baseline (bench/bare-server.ts). */
export const bareTarget: BenchTarget = {
  name: 'bare socket.io',
  start: async () => [await startScript(path.join(HERE, 'bare-server.ts'))],
  async openRoom([server]) {
    const url = server!.url;
    const host = io(url, { transports: ['websocket'], reconnection: false });
    await new Promise((resolve) => host.once('connect', () => resolve(undefined)));
    return {
      async addStudent() {
        const socket = io(url, { transports: ['websocket'], reconnection: false, timeout: 60_000 });
        await new Promise((resolve, reject) => {
          socket.once('connect', () => resolve(undefined));
          socket.once('connect_error', reject);
        });
        await socket.emitWithAck('join', {});
        return {
          onceQuestion: (handler) =>
            socket.once('question', (question: { id: string; options: { id: string }[] }) =>
              handler(question.id, question.options[1]!.id),
            ),
          answer: async (questionId, value) => {
            const reply = (await socket
              .timeout(30_000)
              .emitWithAck('answer', { questionId, value })) as { ok: boolean };
            return reply.ok;
          },
          close: () => void socket.disconnect(),
        };
      },
      open: async (round) =>
        void (await host.emitWithAck('open', {
          id: `q${round}`,
          type: 'single',
          prompt: PROMPT,
          options: ['10.96.0.10', '10.244.1.5', '10.244.2.7', '192.168.1.10'].map((text, i) => ({
            id: `o${i}`,
            text,
          })),
          timeLimitSec: 30,
        })),
      close: async () => void host.disconnect(),
    };
  },
};
