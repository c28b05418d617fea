import { podroomHttp } from '@podroom/contracts';
import type { Browser, Page } from 'playwright-core';
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

// A whole class: an instructor's laptop and three phones play the pod-to-pod lesson (two
// questions); one phone drops off the network mid-question and answers while offline. The
// stored report agrees with what every phone was shown.

describe('a full class in the browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebClient();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Taps the `nth` choice and sends it. */
  async function answer(page: Page, nth: number) {
    await page.locator('.question__prompt').waitFor();
    await page.locator('.choice').nth(nth).tap();
    await page.getByRole('button', { name: 'Send answer' }).tap();
  }

  /** What the phone's reveal says: right or not, points for this question, total. */
  async function result(page: Page) {
    const verdict = await textOf(page, '.verdict');
    const score = await textOf(page, '.reveal__score');
    const [, points, total] = /\+(\d+) points · total (\d+)/.exec(score)!;
    return { correct: verdict.includes('Correct'), points: Number(points), total: Number(total) };
  }

  it('plays the lesson end to end, with one phone offline mid-question, and the report matches', async () => {
    const context = await browser.newContext({ ...LAPTOP, reducedMotion: 'reduce' });
    const teacher = await context.newPage();
    const teacherErrors = collectPageErrors(teacher);
    await teacher.goto(`${t.url}/#/teach`);
    await teacher.getByRole('button', { name: 'Create an account' }).click();
    await teacher.getByLabel('Your name').fill('Grace');
    await teacher.getByLabel('E-mail').fill('grace.class@example.com');
    await teacher.getByLabel('Password').fill('a long enough password');
    await teacher.getByRole('button', { name: 'Create account' }).click();
    await teacher.getByRole('heading', { name: 'Start a session' }).waitFor({ timeout: 60_000 });
    await teacher
      .getByRole('button', { name: 'Start session: Pod-to-Pod communication in Kubernetes' })
      .click();
    await teacher.waitForURL(/#\/teach\/([^/]+)\/console$/);
    const roomId = decodeURIComponent(/#\/teach\/([^/]+)\/console$/.exec(teacher.url())![1]!);
    const code = (await textOf(teacher, '.join-card__code')).replace(/\s/g, '');

    const names = ['Ada', 'Bob', 'Cy'];
    const phones: Phone[] = [];
    for (const name of names) {
      const phone = await openPhone(browser);
      phones.push(phone);
      await joinOnPhone(phone, t.url, code, name);
    }
    const [ada, bob, cy] = phones.map((p) => p.page) as [Page, Page, Page];
    await teacher.getByRole('heading', { name: 'Students (3)' }).waitFor();

    // Question 1, at the first step. Cy loses the network, answers anyway, and comes back.
    await teacher.keyboard.press('Space');
    await teacher.getByRole('heading', { name: 'Question 1 is open' }).waitFor();
    await cy.locator('.question__prompt').waitFor();
    await phones[2]!.context.setOffline(true);
    await cy.locator('.banner', { hasText: 'Reconnecting…' }).waitFor();
    await answer(cy, 1);
    await cy.locator('.banner', { hasText: 'Not sent yet' }).waitFor();
    await answer(ada, 0);
    await teacher.locator('.console__answered', { hasText: /Answered: 1 of 2/ }).waitFor();
    await screenshot(cy, 'class-offline-phone');
    await phones[2]!.context.setOffline(false);
    await cy.locator('.received', { hasText: 'Answer received' }).waitFor({ timeout: 15_000 });
    await teacher.locator('.console__answered', { hasText: /Answered: 2 of 3/ }).waitFor();
    await answer(bob, 1);
    await teacher.getByRole('heading', { name: 'Results of question 1' }).waitFor();
    const first = await Promise.all([ada, bob, cy].map(result));
    await screenshot(teacher, 'class-console-reveal-720p');

    // Question 2, a step later.
    await teacher.keyboard.press('ArrowRight');
    await teacher.getByRole('heading', { name: /^Step 2 of/ }).waitFor();
    await teacher.keyboard.press('Space');
    await teacher.getByRole('heading', { name: 'Question 2 is open' }).waitFor();
    await Promise.all([answer(ada, 0), answer(bob, 1), answer(cy, 2)]);
    await teacher.getByRole('heading', { name: 'Results of question 2' }).waitFor();
    const second = await Promise.all([ada, bob, cy].map(result));
    expect(await seriousViolations(teacher)).toEqual([]);
    for (const page of [ada, bob, cy]) expect(await seriousViolations(page)).toEqual([]);

    await teacher.getByRole('button', { name: 'End session' }).click();
    await teacher.getByRole('button', { name: 'Yes, end it' }).click();
    await Promise.all(
      [ada, bob, cy].map((p) => p.getByRole('heading', { name: /Class over/ }).waitFor()),
    );

    // The report, with the instructor's own token, from the stored answers.
    const token = await teacher.evaluate(
      () => (JSON.parse(localStorage.getItem('podroom.instructor')!) as { token: string }).token,
    );
    const report = await podroomHttp(t.url).report(token, roomId);
    expect(report.questions.map((q) => q.answered)).toEqual([3, 3]);
    expect(report.questions.map((q) => q.correct)).toEqual([
      first.filter((r) => r.correct).length,
      second.filter((r) => r.correct).length,
    ]);
    for (const [i, name] of names.entries()) {
      const row = report.participants.find((p) => p.nickname === name)!;
      expect(row).toMatchObject({ answered: 2, points: second[i]!.total });
      expect(second[i]!.total).toBe(first[i]!.points + second[i]!.points);
      expect(row.correct).toBe(Number(first[i]!.correct) + Number(second[i]!.correct));
    }
    // Cy's offline answer counts like the others.
    const cyId = report.participants.find((p) => p.nickname === 'Cy')!.participantId;
    expect(report.answers.filter((a) => a.participantId === cyId)).toHaveLength(2);

    await context.close();
    for (const phone of phones) {
      await phone.context.close();
      expect(unexpectedErrors(phone)).toEqual([]);
    }
    expect(teacherErrors).toEqual([]);
  }, 150_000); // four browser contexts on a shared two-core machine
});
