import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seriousViolations } from './support/axe.js';
import { collectPageErrors, LAPTOP, launchBrowser, screenshot } from './support/browser.js';
import {
  joinOnPhone,
  openPhone,
  textOf,
  unexpectedErrors,
  type Phone,
} from './support/classroom.js';
import { ensureWebClient } from './support/web-client.js';

// The instructor on a laptop: sign up, start a session from a built-in lesson, see how students
// join, watch them arrive, lock the room, remove one, and step the class with the keyboard.

describe('instructor console', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const phones: Phone[] = [];

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
    for (const phone of phones.splice(0)) {
      await phone.context.close();
      expect(unexpectedErrors(phone)).toEqual([]);
    }
    expect(errors).toEqual([]);
  });

  it('signs up, starts a session, and runs the room from the console', async () => {
    await page.goto(`${t.url}/`);
    await page.getByRole('link', { name: 'Teach a class' }).click();
    await page.getByRole('heading', { name: 'Sign in to teach' }).waitFor();
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Your name').fill('Grace');
    await page.getByLabel('E-mail').fill('grace@example.com');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(textOf(page, '[role=alert]')).resolves.toContain('at least 8 characters');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Start a session' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'instructor-lessons-720p');

    await page
      .getByRole('button', { name: /^Start session: / })
      .first()
      .click();
    await page.waitForURL(/#\/teach\/[^/]+\/console$/);
    const code = (await textOf(page, '.join-card__code')).replace(/\s/g, '');
    expect(code).toMatch(/^\d{6}$/);
    await expect(textOf(page, '.join-card__url')).resolves.toContain(`/join/${code}`);
    const qr = page.getByRole('img', { name: /QR code/ });
    await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/svg\+xml/);
    expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(250);

    // Two students arrive; the roster shows them.
    const ada = await openPhone(browser);
    const bob = await openPhone(browser);
    phones.push(ada, bob);
    await joinOnPhone(ada, t.url, code, 'Ada');
    await joinOnPhone(bob, t.url, code, 'Bob');
    await page.locator('.roster__name', { hasText: 'Ada' }).waitFor();
    await page.locator('.roster__name', { hasText: 'Bob' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'instructor-console-720p');

    // Lock: a third student is refused.
    await page.getByLabel(/Lock the room/).check();
    const late = await openPhone(browser);
    phones.push(late);
    await late.page.goto(`${t.url}/#/join/${code}`);
    await late.page.getByLabel('Nickname').fill('Late');
    await late.page.getByRole('button', { name: 'Join' }).tap();
    await expect(textOf(late.page, '#join-code-error')).resolves.toContain(
      'closed to new students',
    );

    // Remove Bob.
    await page.getByRole('button', { name: 'Remove Bob' }).click();
    await bob.page.getByRole('heading', { name: 'Removed from the class' }).waitFor();
    await page.locator('.roster__name', { hasText: 'Bob' }).waitFor({ state: 'detached' });

    // → moves the class on; ← back. The phone follows.
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: /^Step 2 of \d+$/ }).waitFor();
    await ada.page.locator('.step-caption', { hasText: /^Step 2 of/ }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: /^Step 3 of \d+$/ }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('heading', { name: /^Step 2 of \d+$/ }).waitFor();
    await ada.page.locator('.step-caption', { hasText: /^Step 2 of/ }).waitFor();

    // A reload re-attaches to the same room, at the same step.
    await page.reload();
    await page.getByRole('heading', { name: /^Step 2 of \d+$/ }).waitFor();
    await page.locator('.roster__name', { hasText: 'Ada' }).waitFor();

    // Space opens the question suggested at this step; the phone gets it; Ada answers.
    await page.keyboard.press('Space');
    await page.getByRole('heading', { name: 'Question 1 is open' }).waitFor();
    await expect(textOf(page, '.console__answered')).resolves.toMatch(/Answered: 0 of 1/);
    await ada.page.locator('.question__prompt').waitFor();
    await ada.page.locator('.choice').first().tap();
    await ada.page.getByRole('button', { name: 'Send answer' }).tap();
    // Everyone answered: it closes by itself; the console shows the results.
    await page.getByRole('heading', { name: 'Results of question 1' }).waitFor();
    await expect(textOf(page, '.console__reveal')).resolves.toMatch(/[01] of 1 right/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'instructor-reveal-720p');

    // Open another with its button, close it with Space: nobody answered it.
    await page
      .getByRole('button', { name: /^Open: / })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Question 2 is open' }).waitFor();
    await screenshot(page, 'instructor-question-open-720p');
    await page.locator('body').press('Space');
    await page.getByRole('heading', { name: 'Results of question 2' }).waitFor();
    await ada.page.locator('.verdict', { hasText: 'No answer' }).waitFor();

    await page.getByRole('button', { name: 'End session' }).click();
    await page.getByRole('button', { name: 'Yes, end it' }).click();
    await page.getByRole('heading', { name: 'Session ended' }).waitFor();
    await ada.page.getByRole('heading', { name: /Class over/ }).waitFor();
  });
});
