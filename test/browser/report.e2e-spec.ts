import { readFile } from 'node:fs/promises';
import {
  ok,
  podroomHttp,
  type AuthResult,
  type OpenQuestionView,
  type RoomReport,
} from '@podroom/contracts';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { SESSION_CSV_HEADER } from '../../apps/server/src/reports/report-csv.builder.js';
import { connect, joinAs, type Student } from '../support/rooms.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seriousViolations } from './support/axe.js';
import {
  collectPageErrors,
  horizontalOverflow,
  LAPTOP,
  launchBrowser,
  PHONE,
  screenshot,
} from './support/browser.js';
import { ensureWebClient } from './support/web-client.js';

// A short session played over real sockets (three students, two questions, one left unanswered
// by one student), then its report page: the numbers shown are the API's, the CSV downloads with
// the instructor's token, and the page reads on a laptop and on a phone.

/** A number in a cell's text (`16.7 %`, `4.2 s`, `1500`), or null for the dash. */
const numberIn = (text: string): number | null => {
  const match = /-?\d+(?:\.\d+)?/.exec(text);
  return match ? Number(match[0]) : null;
};
const oneDecimal = (n: number) => Math.round(n * 10) / 10;
/** Milliseconds as the page shows seconds (one decimal). */
const seconds = (ms: number) => Math.round(ms / 100) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the session report page', () => {
  let t: TestApp;
  let browser: Browser;
  let auth: AuthResult;
  let roomId: string;
  let report: RoomReport;

  beforeAll(async () => {
    await ensureWebClient();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const http = podroomHttp(t.url);
    auth = await http.signUp({
      email: 'report.page@example.com',
      password: 'a long enough password',
      displayName: 'Reporter',
    });
    const room = await http.createRoom(auth.token, { lessonKey: 'pod-to-pod' });
    roomId = room.roomId;
    const host = await connect(t.url);
    const attached = ok(await host.client.attachHost(auth.token, roomId)).snapshot;
    const { questions } = attached;
    let { version } = attached;
    const students: Student[] = [];
    for (const name of ['Ada', 'Bob', 'Cy']) students.push(await joinAs(t.url, room.code, name));
    const [ada, bob, cy] = students as [Student, Student, Student];

    /** Opens the lesson's next unasked question; `answers` picks each student's value. */
    const ask = async (
      key: string,
      answers: [Student, (q: OpenQuestionView, right: unknown) => unknown][],
    ) => {
      const seen = Promise.all(answers.map(([s]) => s.client.waitFor('question:opened')));
      const opened = ok(
        await host.client.openQuestion({ version, questionKey: key, readingDelayMs: 0 }),
      );
      const { questionId, answer } = opened.question;
      const closed = host.client.waitFor('question:closed', (r) => r.questionId === questionId);
      const views = await seen;
      for (const [i, [student, pick]] of answers.entries()) {
        await sleep(150 + 200 * i); // response times that differ, a few tenths of a second
        ok(await student.client.answer(questionId, pick(views[i]!, answer) as never));
      }
      // Closes by itself once everyone connected has answered.
      await host.client.closeQuestion(questionId);
      version = (await closed).version;
    };
    const wrong = (q: OpenQuestionView, right: unknown) =>
      q.question.options?.find((o) => o.id !== right)?.id ?? !right;
    const [first, second] = questions.filter((q) =>
      ['single', 'true-false', 'hotspot'].includes(q.type),
    );
    await ask(first!.key, [
      [ada, (_q, right) => right],
      [bob, (_q, right) => right],
      [cy, wrong],
    ]);
    // Cy does not answer the second question.
    await ask(second!.key, [
      [ada, (_q, right) => right],
      [bob, wrong],
    ]);
    ok(await host.client.end(version));
    for (const s of [ada, bob, cy]) s.client.close();
    host.client.close();
    report = await http.report(auth.token, roomId);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A page of a new context, signed in as the instructor (as the teach screens leave it). */
  async function openSignedIn(
    options: BrowserContextOptions,
    hash: string,
    signedIn = true,
    before?: (page: Page) => Promise<void>,
  ) {
    const context = await browser.newContext({ ...options, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await before?.(page);
    if (signedIn) {
      await context.addInitScript((a) => {
        localStorage.setItem(
          'podroom.instructor',
          JSON.stringify({
            token: a.token,
            refreshToken: a.refreshToken,
            expiresAt: Date.now() + a.expiresIn * 1000,
            instructor: a.instructor,
          }),
        );
      }, auth);
    }
    await page.goto(`${t.url}/${hash}`);
    return { context, page, errors };
  }

  const cells = (page: Page, selector: string) =>
    page.locator(selector).evaluateAll((rows) =>
      rows.map((row) => ({
        id: row.getAttribute('data-question-id') ?? row.getAttribute('data-participant-id'),
        cells: Object.fromEntries(
          [...row.querySelectorAll('[data-col]')].map((c) => [
            c.getAttribute('data-col'),
            c.textContent ?? '',
          ]),
        ),
      })),
    );

  it('shows the numbers of the API, hardest first, and downloads the CSV', async () => {
    // The session that was played: the report agrees with it before the page is looked at.
    expect(report.participants).toHaveLength(3);
    expect(report.questions.map((q) => [q.answered, q.correct])).toEqual([
      [3, 2],
      [2, 1],
    ]);

    const { context, page, errors } = await openSignedIn(LAPTOP, `#/teach/${roomId}/report`);
    await page.getByRole('heading', { name: 'Questions, hardest first' }).waitFor();
    expect(await page.title()).toBe('Report · podroom');
    await expect(page.locator('.report__title').textContent()).resolves.toBe(
      report.room.lessonTitle,
    );

    // Summary.
    const stat = async (name: string) =>
      numberIn((await page.locator(`[data-stat="${name}"] dd`).textContent()) ?? '');
    const people = report.participants;
    const totalCorrect = people.reduce((s, p) => s + p.correct, 0);
    expect(await stat('participants')).toBe(people.length);
    expect(await stat('questions')).toBe(report.questions.length);
    expect(await stat('average-points')).toBe(
      oneDecimal(people.reduce((s, p) => s + p.points, 0) / people.length),
    );
    expect(await stat('accuracy')).toBe(
      oneDecimal((100 * totalCorrect) / (people.length * report.questions.length)),
    );

    // Questions: the server's hardest-first order, its accuracy and mean response time.
    const questions = await cells(page, '#questions-table tbody tr');
    expect(questions.map((q) => q.id)).toEqual(report.hardestFirst);
    for (const row of questions) {
      const q = report.questions.find((x) => x.questionId === row.id)!;
      expect(numberIn(row.cells.correct!)).toBe(q.correct);
      expect(numberIn(row.cells.accuracy!)).toBe(oneDecimal(q.correctPercent!));
      expect(numberIn(row.cells.response!)).toBe(seconds(q.averageResponseMs!));
      expect(numberIn(row.cells.unanswered!)).toBe(q.unanswered);
    }
    // The chart: a bar per question in the same order, as wide as its accuracy, described.
    const chart = page.getByRole('img', { name: /^Accuracy per question, hardest first/ });
    const bars = await chart
      .locator('.accuracy-chart__bar')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-percent'))));
    const hardest = report.hardestFirst.map((id) =>
      report.questions.find((q) => q.questionId === id)!,
    );
    expect(bars).toEqual(hardest.map((q) => q.correctPercent));
    const label = (await chart.getAttribute('aria-label'))!;
    for (const q of hardest)
      expect(label).toContain(`Q${q.ordinal} ${oneDecimal(q.correctPercent!)} %`);

    // Participants, ranked.
    const participants = await cells(page, '#participants-table tbody tr');
    expect(participants.map((p) => p.id)).toEqual(people.map((p) => p.participantId));
    for (const row of participants) {
      const p = people.find((x) => x.participantId === row.id)!;
      expect(row.cells.nickname).toBe(p.nickname);
      expect(numberIn(row.cells.rank!)).toBe(p.rank);
      expect(numberIn(row.cells.points!)).toBe(p.points);
      expect(numberIn(row.cells.correct!)).toBe(p.correct);
      expect(numberIn(row.cells.response!)).toBe(
        p.averageResponseMs === null ? null : seconds(p.averageResponseMs),
      );
    }

    // Cy's answers, opened: one wrong, one not given.
    const cy = people.find((p) => p.nickname === 'Cy')!;
    const drill = page.locator(`details[data-participant-id="${cy.participantId}"]`);
    await drill.locator('summary').click();
    const statuses = await drill
      .locator('.report__answer')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses).toEqual(cy.answers.map((a) => a.status));
    expect(statuses).toEqual(['wrong', 'unanswered']);
    await expect(drill.locator('.report__answer').first().textContent()).resolves.toMatch(
      /Right answer: /,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'report-720p');

    // The CSV, fetched with the token and handed over as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^podroom-session-\d{6}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(SESSION_CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + people.length * report.questions.length);

    await context.close();
    expect(errors).toEqual([]);
  }, 60_000);

  it('reads on a phone: nothing wider than the screen', async () => {
    const { context, page, errors } = await openSignedIn(PHONE, `#/teach/${roomId}/report`);
    await page.getByRole('heading', { name: 'Participants' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await page.locator('details.report__person summary').first().tap();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'report-phone');
    await context.close();
    expect(errors).toEqual([]);
  }, 60_000);

  it('sends a signed-out reader to sign in, and says when there is no such session', async () => {
    const out = await openSignedIn(LAPTOP, `#/teach/${roomId}/report`, false);
    await out.page.getByRole('heading', { name: 'Sign in to see this report' }).waitFor();
    await out.page.getByRole('link', { name: 'Sign in' }).click();
    await out.page.getByRole('heading', { name: 'Sign in to teach' }).waitFor();
    expect(new URL(out.page.url()).hash).toBe('#/teach');
    await out.context.close();
    expect(out.errors).toEqual([]);

    const missing = await openSignedIn(
      LAPTOP,
      '#/teach/00000000-0000-4000-8000-000000000000/report',
    );
    await missing.page.getByRole('heading', { name: 'No such session' }).waitFor();
    await missing.context.close();
    // The browser logs the refused request itself.
    expect(missing.errors.filter((e) => !/404/.test(e))).toEqual([]);
  }, 60_000);

  it('says when the server cannot be reached, and tries again', async () => {
    let refuse = true;
    const { context, page, errors } = await openSignedIn(
      LAPTOP,
      `#/teach/${roomId}/report`,
      true,
      async (p) => {
        await p.route('**/rooms/*/report', (route) =>
          refuse ? route.abort('internetdisconnected') : route.continue(),
        );
      },
    );
    await page.getByRole('alert').filter({ hasText: 'cannot be reached' }).waitFor();
    refuse = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Questions, hardest first' }).waitFor();
    await context.close();
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  }, 60_000);
});
