import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { DATABASE } from '../apps/server/src/database/database.module.js';
import type { DatabaseClient } from '../apps/server/src/database/database.client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the app', () => {
  let app: TestApp;
  let socket: Socket | undefined;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterEach(() => socket?.disconnect());
  afterAll(() => app.close());

  const connect = () =>
    new Promise<Socket>((resolve, reject) => {
      const client = io(app.url, { transports: ['websocket'], reconnection: false });
      client.once('connect', () => resolve(client));
      client.once('connect_error', reject);
    });

  it('GET /health answers 200 while the process lives', async () => {
    const response = await request(app.url).get('/health').expect(200);
    expect(response.body.status).toBe('ok');
  });

  it('GET /health/ready checks the database', async () => {
    const response = await request(app.url).get('/health/ready').expect(200);
    expect(response.body.info.database.status).toBe('up');
  });

  it('answers unknown routes with the common error body', async () => {
    const response = await request(app.url).get('/no/such/route').expect(404);
    expect(response.body).toEqual({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('/no/such/route') },
    });
  });

  it('rejects malformed JSON with INVALID_PAYLOAD, not a crash', async () => {
    const response = await request(app.url)
      .post('/health')
      .set('content-type', 'application/json')
      .send('{"a":');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.error.code).toMatch(/INVALID_PAYLOAD|NOT_FOUND/);
  });

  it('serves the OpenAPI document at /docs', async () => {
    const response = await request(app.url).get('/docs-json').expect(200);
    expect(response.body.paths).toHaveProperty('/health/ready');
  });

  it('accepts socket.io connections and acknowledges ping', async () => {
    socket = await connect();
    const before = Date.now();
    const reply = await socket.timeout(2000).emitWithAck('ping', {});
    expect(reply).toEqual({ ok: true, serverTime: expect.any(Number) });
    expect(reply.serverTime).toBeGreaterThanOrEqual(before - 1000);
  });

  it('drops a socket that sends an oversized payload, and keeps serving others', async () => {
    socket = await connect();
    const closed = new Promise<string>((resolve) => socket!.once('disconnect', resolve));
    socket.emit('ping', { blob: 'x'.repeat(64 * 1024) });
    expect(await closed).toMatch(/transport (close|error)/);
    const other = await connect();
    try {
      expect(await other.timeout(2000).emitWithAck('ping', {})).toMatchObject({ ok: true });
    } finally {
      other.disconnect();
    }
  });

  it('uses the migrated database', async () => {
    const db = app.app.get<DatabaseClient>(DATABASE);
    const rows = await db.prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    expect(rows[0]!.n).toBeGreaterThan(0);
  });
});

describe('the embedded database', () => {
  it('keeps its data when the server stops and starts again', async () => {
    const first = await startTestApp({ env: { DATABASE_URL: '' } });
    expect(first.app.get<DatabaseClient>(DATABASE).target.kind).toBe('embedded');
    try {
      await first.app.get<DatabaseClient>(DATABASE).prisma.instructor.create({
        data: { email: 'keep@example.com', passwordHash: 'x', displayName: 'Keep' },
      });
      await first.stop();
      const second = await startTestApp({ db: first.db, env: { DATABASE_URL: '' } });
      try {
        const found = await second.app
          .get<DatabaseClient>(DATABASE)
          .prisma.instructor.findUnique({ where: { email: 'keep@example.com' } });
        expect(found?.displayName).toBe('Keep');
        await request(second.url).get('/health/ready').expect(200);
      } finally {
        await second.stop();
      }
    } finally {
      await first.db.drop();
    }
  });
});
