import type { INestApplication } from '@nestjs/common';
import {
  createPodroomClient,
  ok,
  podroomHttp,
  type AuthResult,
  type HostSnapshot,
  type PodroomClient,
  type StudentSnapshot,
} from '@podroom/contracts';
import { createApp } from '../apps/server/src/app.factory.js';
import { loadEnv } from '../apps/server/src/config/config.loader.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { TEST_JWT_SECRET } from './support/test-app.js';

/**
 * A host console outlives its access token: after a reconnection the server could not recover
 * (here: a server restart on the same address), the client re-attaches with the token its
 * `hostToken` callback gives, not with the expired one it attached with.
 */
describe('host re-attach after the access token expired', () => {
  const TTL_SEC = 5;
  let db: TestDatabase;
  let app: INestApplication | undefined;
  let port = 0;
  const clients: PodroomClient[] = [];

  const start = async () => {
    const env = loadEnv({
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      ACCESS_TOKEN_TTL_SEC: String(TTL_SEC),
      ...db.env,
    });
    app = await createApp(env);
    await app.listen(port, '127.0.0.1');
    port = (app.getHttpServer().address() as { port: number }).port;
    return `http://127.0.0.1:${port}`;
  };
  /** The next snapshot handed to `onSnapshot`, or undefined after `ms`. */
  const nextSnapshot = (list: (StudentSnapshot | HostSnapshot)[], ms: number) =>
    new Promise<StudentSnapshot | HostSnapshot | undefined>((resolve) => {
      const seen = list.length;
      const started = Date.now();
      const timer = setInterval(() => {
        if (list.length > seen || Date.now() - started > ms) {
          clearInterval(timer);
          resolve(list[seen]);
        }
      }, 50);
    });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await app?.close();
    await db.drop();
  });

  it('asks for a current token when re-attaching', async () => {
    const url = await start();
    const http = podroomHttp(url);
    let auth: AuthResult = await http.signUp({
      email: 'mary@example.com',
      password: 'a long enough password',
      displayName: 'Mary',
    });
    const room = await http.createRoom(auth.token, { lessonKey: 'pod-to-pod' });

    let asked = 0;
    const withCallback: (StudentSnapshot | HostSnapshot)[] = [];
    const withoutCallback: (StudentSnapshot | HostSnapshot)[] = [];
    const host = await createPodroomClient(url, {
      onSnapshot: (s) => withCallback.push(s),
      hostToken: async () => {
        asked++;
        auth = await http.refresh(auth.refreshToken);
        return auth.token;
      },
    });
    const stale = await createPodroomClient(url, { onSnapshot: (s) => withoutCallback.push(s) });
    clients.push(host, stale);
    ok(await host.attachHost(auth.token, room.roomId));
    ok(await stale.attachHost(auth.token, room.roomId));

    // The access token expires; then the server restarts on the same address.
    await new Promise((resolve) => setTimeout(resolve, (TTL_SEC + 1) * 1000));
    await app!.close();
    await start();

    const reattached = await nextSnapshot(withCallback, 10_000);
    expect(asked).toBe(1);
    expect(reattached).toMatchObject({ role: 'host', roomId: room.roomId });
    // The host can run the room again.
    const version = (reattached as HostSnapshot).version;
    expect(ok(await host.next(version)).version).toBeGreaterThan(version);
    // A client without the callback re-attached with its expired token, and was refused.
    expect(await nextSnapshot(withoutCallback, 1_000)).toBeUndefined();
  }, 40_000);
});
