import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { collectPageErrors, LAPTOP, launchBrowser } from './support/browser.js';
import { textOf } from './support/classroom.js';
import { ensureWebClient } from './support/web-client.js';

// The instructor screens outlive the 15-minute access token: a refused token is refreshed and
// the call retried, an expiring one is refreshed before `host:attach`, and signing out ends the
// sign-in on the server.

interface Saved {
  token: string;
  refreshToken: string;
  expiresAt: number;
}

describe('instructor sign-in over time', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  const saved = () =>
    page.evaluate(() =>
      JSON.parse(localStorage.getItem('podroom.instructor') ?? 'null'),
    ) as Promise<Saved | null>;
  /** Replaces the saved access token, as if it had expired on the server. */
  const spoil = (expiresAt: number) =>
    page.evaluate((at) => {
      const auth = JSON.parse(localStorage.getItem('podroom.instructor')!) as Saved;
      localStorage.setItem(
        'podroom.instructor',
        JSON.stringify({ ...auth, token: 'expired.access.token', expiresAt: at }),
      );
    }, expiresAt);

  beforeAll(async () => {
    await ensureWebClient();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ ...LAPTOP, reducedMotion: 'reduce' });
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  afterEach(async () => {
    await context.close();
    // The refused token's 401 is an expected console message of the browser, nothing else.
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
  });

  it('refreshes refused and expiring tokens, and signs out on the server', async () => {
    await page.goto(`${t.url}/#/teach`);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Your name').fill('Katherine');
    await page.getByLabel('E-mail').fill('katherine@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Start a session' }).waitFor();
    const first = (await saved())!;
    expect(first.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.expiresAt - Date.now()).toBeGreaterThan(800_000);

    // The server refuses the token the page believes valid: refresh, retry, carry on.
    await spoil(Date.now() + 600_000);
    await page
      .getByRole('button', { name: /^Start session: / })
      .first()
      .click();
    await page.waitForURL(/#\/teach\/[^/]+\/console$/);
    await page.locator('.join-card__code').waitFor();
    const second = (await saved())!;
    expect(second.token).not.toBe('expired.access.token');
    expect(second.refreshToken).not.toBe(first.refreshToken);

    // An expiring token is refreshed before the console re-attaches after a reload.
    await spoil(Date.now() + 10_000);
    await page.reload();
    await page.locator('.join-card__code').waitFor();
    const third = (await saved())!;
    expect(third.token).not.toBe('expired.access.token');
    expect(third.refreshToken).not.toBe(second.refreshToken);
    await expect(textOf(page, 'h1, h2')).resolves.not.toContain('cannot open');

    // Signing out ends the sign-in: its refresh token no longer works.
    await page.goto(`${t.url}/#/teach`);
    const signOut = page.waitForResponse((r) => r.url().endsWith('/auth/sign-out'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to teach' }).waitFor();
    expect((await signOut).status()).toBe(204);
    expect(await saved()).toBeNull();
    const refused = await request(t.url)
      .post('/auth/refresh')
      .send({ refreshToken: third.refreshToken })
      .expect(401);
    expect(refused.body.error.code).toBe('INVALID_TOKEN');
  });
});
