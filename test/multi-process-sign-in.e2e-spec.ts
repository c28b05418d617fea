import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { TestRedis } from './support/redis-server.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Sign-in limits with REDIS_URL: the failure counters live in Redis, so two server processes
 * behind one proxy allow the configured number of failures in total, not each; the client IP
 * comes from X-Forwarded-For (TRUST_PROXY=1); and without Redis, sign-in still works.
 */
describe('sign-in limits shared over Redis', () => {
  let redis: TestRedis;
  let one: TestApp;
  let two: TestApp;
  const email = `ada-${randomBytes(4).toString('hex')}@example.com`;
  const attempt = (app: TestApp, ip: string, password = 'wrong password') =>
    request(app.url)
      .post('/auth/sign-in')
      .set('x-forwarded-for', ip)
      .send({ email, password })
      .timeout(5_000);

  beforeAll(async () => {
    redis = await TestRedis.start();
    const env = {
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}`,
      TRUST_PROXY: '1',
      SIGN_IN_MAX_FAILURES: '4',
    };
    // Separate databases: the limit does not depend on the database, only on Redis.
    one = await startTestApp({ env });
    two = await startTestApp({ env });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await redis?.down();
  });

  it('counts failures on either process towards one limit, per forwarded client IP', async () => {
    await attempt(one, '203.0.113.5').expect(401);
    await attempt(two, '203.0.113.5').expect(401);
    await attempt(one, '203.0.113.5').expect(401);
    await attempt(two, '203.0.113.5').expect(401);
    const blocked = await attempt(one, '203.0.113.5').expect(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(890);
    await attempt(two, '203.0.113.5').expect(429);
    // The same email from another client address is not blocked.
    await attempt(two, '198.51.100.7').expect(401);
  });

  it('keeps answering sign-ins while Redis is down (per-process counters meanwhile)', async () => {
    await redis.down();
    try {
      const started = Date.now();
      const response = await attempt(one, '192.0.2.1').expect(401);
      expect(response.body.error.code).toBe('BAD_CREDENTIALS');
      expect(Date.now() - started).toBeLessThan(3_000);
      for (let i = 0; i < 3; i++) await attempt(one, '192.0.2.1').expect(401);
      await attempt(one, '192.0.2.1').expect(429);
    } finally {
      await redis.up(); // the rest of the app (socket.io adapter, room leases) needs it to stop
    }
  });
});
