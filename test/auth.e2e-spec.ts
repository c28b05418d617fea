import { createHash, randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { createPodroomClient, ok, podroomHttp, type AuthResult } from '@podroom/contracts';
import request from 'supertest';
import type { DatabaseClient } from '../apps/server/src/database/database.client.js';
import { DATABASE } from '../apps/server/src/database/database.module.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';

/**
 * Instructor accounts over HTTP: sign-up and sign-in, short-lived access tokens, refresh-token
 * rotation with reuse detection, sign-out, and the sign-in rate limit (429 + Retry-After).
 */

const PASSWORD = 'correct horse battery';
const newEmail = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.com`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
/** The claims of a JWT, unchecked (the server checks them). */
const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, number>;

describe('instructor accounts', () => {
  let app: TestApp;
  let db: DatabaseClient;

  const signUp = async (name: string, email = newEmail(name)): Promise<AuthResult> =>
    (
      await request(app.url)
        .post('/auth/sign-up')
        .send({ email, password: PASSWORD, displayName: name })
        .expect(201)
    ).body as AuthResult;
  const signIn = (email: string, password = PASSWORD) =>
    request(app.url).post('/auth/sign-in').send({ email, password });
  const refresh = (refreshToken: string) =>
    request(app.url).post('/auth/refresh').send({ refreshToken });
  const me = (token: string) =>
    request(app.url).get('/auth/me').set('authorization', `Bearer ${token}`);

  beforeAll(async () => {
    app = await startTestApp();
    db = app.app.get<DatabaseClient>(DATABASE);
  });
  afterAll(() => app.close());

  it('signs up: an access token (15 minutes), a refresh token and the account', async () => {
    const email = newEmail('ada');
    const result = await signUp('Ada', email.toUpperCase());
    expect(result).toEqual({
      token: expect.any(String),
      expiresIn: 900,
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      instructor: { id: expect.any(String), email, displayName: 'Ada' },
    });
    const claims = claimsOf(result.token);
    expect(claims.exp! - claims.iat!).toBe(900);
    expect((await me(result.token).expect(200)).body).toEqual(result.instructor);
    // Only the refresh token's SHA-256 is stored.
    const stored = await db.prisma.refreshToken.findMany({
      where: { instructorId: result.instructor.id },
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(sha256(result.refreshToken));
    expect(stored[0]!.expiresAt.getTime() - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const email = newEmail('grace');
    await signUp('Grace', email);
    const response = await request(app.url)
      .post('/auth/sign-up')
      .send({ email: email.toUpperCase(), password: PASSWORD, displayName: 'G' })
      .expect(409);
    expect(response.body.error.code).toBe('EMAIL_TAKEN');
  });

  it('rejects invalid sign-up input with field details', async () => {
    const response = await request(app.url)
      .post('/auth/sign-up')
      .send({ email: 'not-an-email', password: 'short', displayName: '' })
      .expect(400);
    expect(response.body.error.code).toBe('INVALID_PAYLOAD');
    expect(response.body.error.details.join(' ')).toMatch(/email/);
    expect(response.body.error.details.join(' ')).toMatch(/password/);
  });

  it('signs in with the right password only', async () => {
    const email = newEmail('linus');
    const account = await signUp('Linus', email);
    const good = (await signIn(email).expect(200)).body as AuthResult;
    expect(good.instructor).toEqual(account.instructor);
    expect(good.refreshToken).not.toBe(account.refreshToken);
    expect((await me(good.token).expect(200)).body.id).toBe(account.instructor.id);

    const wrong = await signIn(email, 'wrong password').expect(401);
    expect(wrong.body.error.code).toBe('BAD_CREDENTIALS');
    const unknown = await signIn(newEmail('nobody')).expect(401);
    expect(unknown.body.error).toEqual(wrong.body.error); // no hint that the account exists
  });

  it('takes as long for an unknown email as for a wrong password (no timing hint)', async () => {
    const email = newEmail('hedy');
    await signUp('Hedy', email);
    const median = async (attempt: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 4; i++) {
        const started = performance.now();
        await attempt();
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[2]!;
    };
    const wrong = await median(() => signIn(email, 'wrong password').expect(401));
    const unknown = await median(() => signIn(newEmail('nobody')).expect(401));
    // Without the stand-in hash an unknown email answers in a few ms; argon2 takes tens.
    expect(unknown).toBeGreaterThan(wrong * 0.5);
  });

  it('refuses /auth/me without a token, with a forged one and with an expired one', async () => {
    const { token, instructor } = await signUp('Barbara');
    expect((await request(app.url).get('/auth/me').expect(401)).body.error.code).toBe(
      'UNAUTHORIZED',
    );
    const forged = new JwtService({ secret: 'x'.repeat(40) }).sign({
      typ: 'instructor',
      sub: instructor.id,
    });
    expect((await me(forged).expect(401)).body.error.code).toBe('INVALID_TOKEN');
    const now = Math.floor(Date.now() / 1000);
    const expired = new JwtService({ secret: TEST_JWT_SECRET }).sign({
      typ: 'instructor',
      sub: instructor.id,
      iat: now - 901,
      exp: now - 1,
    });
    expect((await me(expired).expect(401)).body.error.code).toBe('INVALID_TOKEN');
    // The same claims, not expired, pass: it is the expiry that was refused.
    const fresh = new JwtService({ secret: TEST_JWT_SECRET }).sign({
      typ: 'instructor',
      sub: instructor.id,
      exp: now + 60,
    });
    await me(fresh).expect(200);
    await me(token).expect(200);
  });

  it('rotates refresh tokens: each works once, and gives a new pair of the same sign-in', async () => {
    const first = await signUp('Edsger');
    const second = (await refresh(first.refreshToken).expect(200)).body as AuthResult;
    expect(second.instructor).toEqual(first.instructor);
    expect(second.expiresIn).toBe(900);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await me(second.token).expect(200);
    const third = (await refresh(second.refreshToken).expect(200)).body as AuthResult;
    await me(third.token).expect(200);

    const rows = await db.prisma.refreshToken.findMany({
      where: { instructorId: first.instructor.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(rows.map((r) => r.tokenHash)).toEqual(
      [first, second, third].map((r) => sha256(r.refreshToken)),
    );
    expect(new Set(rows.map((r) => r.familyId)).size).toBe(1);
    expect(rows.map((r) => r.usedAt !== null)).toEqual([true, true, false]);
    expect(rows.every((r) => r.revokedAt === null)).toBe(true);
  });

  it('treats a reused refresh token as stolen: the whole sign-in is revoked', async () => {
    const first = await signUp('Frances');
    const second = (await refresh(first.refreshToken).expect(200)).body as AuthResult;
    // Another sign-in of the same account is a different family and survives.
    const elsewhere = (await signIn(first.instructor.email).expect(200)).body as AuthResult;

    const reuse = await refresh(first.refreshToken).expect(401);
    expect(reuse.body.error.code).toBe('INVALID_TOKEN');
    // The newer token of that family stops working too.
    expect((await refresh(second.refreshToken).expect(401)).body.error.code).toBe('INVALID_TOKEN');
    await refresh(elsewhere.refreshToken).expect(200);
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const first = await signUp('Tony');
    const [a, b] = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
    // The loser presented a used token: the family, including the winner's new token, is gone.
    const winner = (a.status === 200 ? a : b).body as AuthResult;
    await refresh(winner.refreshToken).expect(401);
  });

  it('refuses unknown and malformed refresh tokens', async () => {
    const unknown = await refresh(randomBytes(32).toString('base64url')).expect(401);
    expect(unknown.body.error.code).toBe('INVALID_TOKEN');
    const malformed = await request(app.url).post('/auth/refresh').send({}).expect(400);
    expect(malformed.body.error.code).toBe('INVALID_PAYLOAD');
  });

  it('signs out: the refresh token and its family stop working; twice is fine', async () => {
    const first = await signUp('Alan');
    const second = (await refresh(first.refreshToken).expect(200)).body as AuthResult;
    await request(app.url)
      .post('/auth/sign-out')
      .send({ refreshToken: second.refreshToken })
      .expect(204);
    await request(app.url)
      .post('/auth/sign-out')
      .send({ refreshToken: second.refreshToken })
      .expect(204);
    await request(app.url)
      .post('/auth/sign-out')
      .send({ refreshToken: randomBytes(32).toString('base64url') })
      .expect(204);
    expect((await refresh(second.refreshToken).expect(401)).body.error.code).toBe('INVALID_TOKEN');
    // Signing in again starts afresh.
    const again = (await signIn(first.instructor.email).expect(200)).body as AuthResult;
    await refresh(again.refreshToken).expect(200);
  });

  it('attaches a host socket with a refreshed access token (typed client)', async () => {
    const first = await signUp('Host');
    const room = await request(app.url)
      .post('/rooms')
      .set('authorization', `Bearer ${first.token}`)
      .send({ lessonKey: 'pod-to-pod' })
      .expect(201);
    const http = podroomHttp(app.url);
    const second = await http.refresh(first.refreshToken);
    const host = await createPodroomClient(app.url, { reconnection: false });
    try {
      const { snapshot } = ok(await host.attachHost(second.token, room.body.roomId as string));
      expect(snapshot.role).toBe('host');
    } finally {
      host.close();
    }
    await expect(http.signOut(second.refreshToken)).resolves.toBeUndefined();
    await expect(http.refresh(second.refreshToken)).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
      status: 401,
    });
  });

  it('documents the auth endpoints and their DTOs in OpenAPI', async () => {
    const doc = (await request(app.url).get('/docs-json').expect(200)).body as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    for (const path of ['/auth/sign-up', '/auth/sign-in', '/auth/refresh', '/auth/sign-out'])
      expect(doc.paths[path]).toBeDefined();
    expect(Object.keys(doc.components.schemas.SignUpDto!.properties).sort()).toEqual([
      'displayName',
      'email',
      'password',
    ]);
    expect(Object.keys(doc.components.schemas.RefreshTokenDto!.properties)).toEqual([
      'refreshToken',
    ]);
  });
});

describe('sign-in rate limit', () => {
  const LIMITS = {
    SIGN_IN_MAX_FAILURES: '3',
    SIGN_IN_WINDOW_SEC: '600',
    SIGN_IN_MAX_FAILURES_PER_IP: '6',
    SIGN_IN_IP_WINDOW_SEC: '1200',
    ACCESS_TOKEN_TTL_SEC: '60',
  };
  let app: TestApp;
  const signIn = (email: string, password: string) =>
    request(app.url).post('/auth/sign-in').send({ email, password });
  const signUp = async (email: string) =>
    request(app.url)
      .post('/auth/sign-up')
      .send({ email, password: PASSWORD, displayName: 'Someone' })
      .expect(201);

  beforeAll(async () => {
    app = await startTestApp({ env: LIMITS });
  });
  afterAll(() => app.close());

  it('blocks an email from an IP after the allowed failures, then lets others through', async () => {
    const ada = newEmail('ada');
    const bob = newEmail('bob');
    await signUp(ada);
    await signUp(bob);
    const tokens = (await signIn(ada, PASSWORD).expect(200)).body as AuthResult;
    expect(tokens.expiresIn).toBe(60); // ACCESS_TOKEN_TTL_SEC
    expect(claimsOf(tokens.token).exp! - claimsOf(tokens.token).iat!).toBe(60);

    // A success resets the email+IP counter: 2 failures, a success, 2 more are still allowed.
    for (let i = 0; i < 2; i++) await signIn(ada, 'wrong password').expect(401);
    await signIn(ada, PASSWORD).expect(200);
    for (let i = 0; i < 2; i++) await signIn(ada, 'wrong password').expect(401);
    await signIn(ada, 'wrong password').expect(401); // the 3rd consecutive failure

    // Blocked now, even with the right password (which is not even checked).
    const blocked = await signIn(ada, PASSWORD).expect(429);
    expect(blocked.body.error).toEqual({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many failed sign-ins; try again in 10 minutes$/),
      retryAfterMs: expect.any(Number),
    });
    expect(blocked.body.error.retryAfterMs).toBeGreaterThan(590_000);
    expect(blocked.body.error.retryAfterMs).toBeLessThanOrEqual(600_000);
    expect(Number(blocked.headers['retry-after'])).toBe(
      Math.ceil(blocked.body.error.retryAfterMs / 1000),
    );
    // The email is matched whatever its case.
    await signIn(ada.toUpperCase(), PASSWORD).expect(429);

    // Another email from the same IP is not blocked by ada's failures (5 from this IP so far).
    await signIn(bob, PASSWORD).expect(200);
    // One more failure reaches this IP's ceiling of 6: every email from it is blocked now.
    await signIn(bob, 'wrong password').expect(401);
    const ipBlocked = await signIn(bob, PASSWORD).expect(429);
    expect(ipBlocked.body.error.retryAfterMs).toBeGreaterThan(1_190_000);
    expect(Number(ipBlocked.headers['retry-after'])).toBeGreaterThan(1190);
    await signIn(newEmail('carol'), PASSWORD).expect(429);
  });
});
