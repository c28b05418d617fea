import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { AppGateway } from '../apps/server/src/gateway/app.gateway.js';
import { TestRedis } from './support/redis-server.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Two server processes (two Nest apps on one database) joined by the socket.io Redis streams
// adapter, over a private redis-server that the tests can kill and restart.

function connect(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const client = io(url, { transports: ['websocket'], reconnection: false });
    client.once('connect', () => resolve(client));
    client.once('connect_error', reject);
  });
}

function next<T>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${event} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

describe('several server processes over Redis', () => {
  let redis: TestRedis;
  let one: TestApp;
  let two: TestApp;
  const clients: Socket[] = [];
  const server = (app: TestApp) => app.app.get(AppGateway).server;

  beforeAll(async () => {
    redis = await TestRedis.start();
    const env = {
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    };
    one = await startTestApp({ env });
    two = await startTestApp({ db: one.db, env });
  });
  afterEach(() => clients.splice(0).forEach((client) => client.disconnect()));
  afterAll(async () => {
    await two?.stop();
    await one?.close();
    await redis?.down();
  });

  it('delivers a broadcast made on one process to clients of the other', async () => {
    const onTwo = await connect(two.url);
    const onOne = await connect(one.url);
    clients.push(onOne, onTwo);
    const received = Promise.all([next(onOne, 'hello'), next(onTwo, 'hello')]);
    server(one).emit('hello', { from: 'one' });
    expect(await received).toEqual([{ from: 'one' }, { from: 'one' }]);
  });

  it('shares room membership: a room joined on one process is reached from the other', async () => {
    const student = await connect(two.url);
    const outsider = await connect(two.url);
    clients.push(student, outsider);
    server(one).in(student.id!).socketsJoin('room-1');
    for (let tries = 0; (await server(one).in('room-1').fetchSockets()).length === 0; tries++) {
      if (tries > 50) throw new Error('membership never reached process one');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    let outsiderGotIt = false;
    outsider.on('step', () => (outsiderGotIt = true));
    const received = next(student, 'step');
    server(one).to('room-1').emit('step', { index: 2 });
    expect(await received).toEqual({ index: 2 });
    expect(outsiderGotIt).toBe(false);
  });

  it('resumes broadcasts after Redis restarts', async () => {
    const onTwo = await connect(two.url);
    clients.push(onTwo);
    await redis.down();
    await redis.up();
    // node-redis reconnects with back-off; broadcasts made after that must arrive again.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const received = next<{ n: number }>(onTwo, 'after-restart', 500).catch(() => undefined);
      server(one).emit('after-restart', { n: 1 });
      if (await received) break;
      if (Date.now() > deadline) throw new Error('broadcasts did not resume within 15 s');
    }
    expect(onTwo.connected).toBe(true);
  });
});
