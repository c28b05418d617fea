import { ErrorCode } from '@podroom/contracts';
import type { Browser } from 'playwright-core';
import { connect, hostRoom, newInstructor, type HostedRoom } from '../support/rooms.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchBrowser } from './support/browser.js';
import { openPhone, unexpectedErrors, type Phone } from './support/classroom.js';
import { ensureWebClient } from './support/web-client.js';

// A crowd joining one room faster than its join limit: a phone that is told to wait says so and
// gets in by itself, without the student tapping Join again.

describe('joining a room while a crowd joins', () => {
  let t: TestApp;
  let browser: Browser;
  let host: HostedRoom;
  let phone: Phone | undefined;
  const closers: { close(): void }[] = [];

  beforeAll(async () => {
    await ensureWebClient();
    // One join per second to a code (plus a burst of five within ten seconds).
    [t, browser] = await Promise.all([
      startTestApp({ env: { JOIN_RATE_PER_CODE: '1', JOIN_RATE_PER_IP: '1000' } }),
      launchBrowser(),
    ]);
    host = await hostRoom(t.url, await newInstructor(t.url));
    closers.push(host.client);
  });
  afterAll(async () => {
    closers.forEach((c) => c.close());
    await phone?.context.close();
    await browser?.close();
    await t?.close();
  });

  it('shows that it is waiting its turn, then joins by itself', async () => {
    // Others keep using up the room's join rate while the phone joins.
    const { client } = await connect(t.url);
    closers.push(client);
    const crowd: string[] = [];
    let flooding = true;
    const flood = (async () => {
      for (let i = 0; flooding; i++) {
        const reply = await client.join(host.room.code, `Crowd ${i}`);
        crowd.push(reply.ok ? 'joined' : reply.error.code);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    phone = await openPhone(browser);
    const { page } = phone;
    await page.goto(`${t.url}/#/join/${host.room.code}`);
    await page.getByLabel('Nickname').fill('Patient');
    await page.getByRole('button', { name: 'Join' }).tap();
    await page.getByText('Lots of people are joining — getting you in…').waitFor();
    flooding = false;
    await flood;
    expect(crowd).toContain(ErrorCode.RATE_LIMITED);
    // Nobody taps again: the phone gets in once the rate allows.
    await page.waitForURL(/#\/play$/, { timeout: 20_000 });
    await page.getByText('Patient').first().waitFor();
    expect(unexpectedErrors(phone)).toEqual([]);
  });
});
