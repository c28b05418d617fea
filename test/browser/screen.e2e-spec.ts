import { ok, podroomHttp, type AuthResult, type CreatedRoom } from '@podroom/contracts';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { connect, joinAs, type RecordingClient, type Student } from '../support/rooms.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seriousViolations } from './support/axe.js';
import {
  collectPageErrors,
  horizontalOverflow,
  launchBrowser,
  PHONE,
  PROJECTOR,
  screenshot,
} from './support/browser.js';
import { textOf } from './support/classroom.js';
import { ensureWebClient } from './support/web-client.js';

// The projector follows a live room: the host (a socket, as the console is) moves a step, opens a
// question and closes it; a 1080p screen and a phone-sized window both follow — the join code
// in the lobby, the step, the question without its key, the answer count, then the reveal.

describe('the projector screen of a live room', () => {
  let t: TestApp;
  let browser: Browser;
  let auth: AuthResult;
  let room: CreatedRoom;
  let host: RecordingClient;
  const students: Student[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureWebClient();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const http = podroomHttp(t.url);
    auth = await http.signUp({
      email: 'screen.page@example.com',
      password: 'a long enough password',
      displayName: 'Screen',
    });
    room = await http.createRoom(auth.token, { lessonKey: 'pod-to-pod' });
    host = await connect(t.url);
  }, 60_000);
  afterAll(async () => {
    students.forEach((s) => s.client.close());
    host?.client.close();
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  /** A page signed in as the instructor (as the teach screens leave it), at `hash`. */
  async function open(options: BrowserContextOptions, hash: string) {
    const context = await browser.newContext({ ...options, reducedMotion: 'reduce' });
    contexts.push(context);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
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
    await page.goto(`${t.url}/${hash}`);
    return { page, errors };
  }

  const onBoth = (pages: Page[], check: (page: Page) => Promise<unknown>) =>
    Promise.all(pages.map(check));

  it('follows the step, the question (never its key) and the reveal, on a projector and a phone', async () => {
    const attached = ok(await host.client.attachHost(auth.token, room.roomId)).snapshot;
    const { questions } = attached;
    let { version } = attached;
    const screen = `#/teach/${room.roomId}/screen`;
    const big = await open(PROJECTOR, screen);
    const small = await open(PHONE, screen);
    const pages = [big.page, small.page];

    // The lobby: how to join, a QR code drawn here (this browser did not create the room).
    await onBoth(pages, async (page) => {
      expect((await textOf(page, '.screen__code')).replace(/\s/g, '')).toBe(room.code);
      expect(await textOf(page, '.screen__url')).toBe(room.joinUrl);
      await expect(page.locator('img.screen__qr').getAttribute('src')).resolves.toMatch(
        /^data:image\/svg\+xml/,
      );
      expect(await page.title()).toBe('Projector · podroom');
    });
    students.push(await joinAs(t.url, room.code, 'Ada'), await joinAs(t.url, room.code, 'Bob'));
    await onBoth(pages, (page) =>
      page.locator('.screen__count', { hasText: '2 students have joined' }).waitFor(),
    );
    await screenshot(big.page, 'screen-lobby-1080p');

    // A step forward: the step number, the command, the row and where the packet is.
    const moved = ok(await host.client.next(version));
    version = moved.version;
    const { step } = moved;
    await onBoth(pages, async (page) => {
      await page.locator(`main.screen[data-step="${step.index}"]`).waitFor();
      await page.getByText(`Step ${step.index + 1} of ${step.total}`).waitFor();
      expect(await textOf(page, '.projector__command')).toBe(`$ ${step.action.command}`);
      expect(await textOf(page, '.screen__caption')).toContain(step.row.result);
      if (step.packetAt !== null) {
        await expect(page.locator('.packet').getAttribute('data-at')).resolves.toBe(step.packetAt);
      }
    });

    // A question: its prompt, a countdown and the answer count — and nothing of its key.
    const pick =
      questions.find((q) => q.atStep === step.index && q.type === 'single') ??
      questions.find((q) => q.type === 'single')!;
    const seen = Promise.all(students.map((s) => s.client.waitFor('question:opened')));
    const opened = ok(
      await host.client.openQuestion({ version, questionKey: pick.key, readingDelayMs: 0 }),
    );
    const { question, answer, questionId } = opened.question;
    await onBoth(pages, async (page) => {
      expect(await textOf(page, '.screen__prompt')).toBe(question.prompt);
      await page.locator('.screen__timer', { hasText: /^\d+ s$/ }).waitFor();
      const options = await page.locator('.screen__options li').allTextContents();
      expect(options).toEqual(question.options!.map((o) => o.text));
      await page.locator('.screen__answered', { hasText: 'Answers: 0 of 2' }).waitFor();
      // No key, no "right", no explanation: the options look all alike.
      expect(await page.locator('.screen__key, .screen__reveal').count()).toBe(0);
      const classes = await page
        .locator('.screen__options li')
        .evaluateAll((els) => els.map((e) => e.className));
      expect(new Set(classes).size).toBe(1);
      expect(await page.locator('.screen__panel').innerText()).not.toMatch(
        /the answer|\d+ of \d+ right/i,
      );
    });
    expect(await seriousViolations(big.page)).toEqual([]);
    await screenshot(big.page, 'screen-question-1080p');
    await screenshot(small.page, 'screen-question-phone');

    await seen;
    const [ada, bob] = students as [Student, Student];
    ok(await ada.client.answer(questionId, answer as never));
    await onBoth(pages, (page) =>
      page.locator('.screen__answered', { hasText: 'Answers: 1 of 2' }).waitFor(),
    );
    const wrong = question.options!.find((o) => o.id !== answer)!.id;
    ok(await bob.client.answer(questionId, wrong));

    // Everyone answered: the question closes and the screen reveals the key and the scores.
    const right = question.options!.find((o) => o.id === answer)!.text;
    await onBoth(pages, async (page) => {
      await page
        .getByRole('heading', { name: `Question ${opened.question.ordinal}: the answer` })
        .waitFor();
      expect(await textOf(page, '.screen__key')).toBe(right);
      expect(await textOf(page, '.screen__right')).toBe('1 of 2 right');
      const board = await page.locator('.screen__leaderboard li').allTextContents();
      expect(board[0]).toMatch(/^#1 Ada \d+ pts$/);
      expect(await horizontalOverflow(page)).toBe(0);
    });
    await screenshot(big.page, 'screen-reveal-1080p');
    await screenshot(small.page, 'screen-reveal-phone');

    // The console links here and to the report.
    const desk = await open(PROJECTOR, `#/teach/${room.roomId}/console`);
    const projectorLink = desk.page.getByRole('link', { name: 'Open projector' });
    await projectorLink.waitFor();
    expect(await projectorLink.getAttribute('href')).toBe(screen);
    expect(await desk.page.getByRole('link', { name: 'Report' }).getAttribute('href')).toBe(
      `#/teach/${room.roomId}/report`,
    );

    // The end: the podium.
    const now = ok(await host.client.attachHost(auth.token, room.roomId)).snapshot.version;
    ok(await host.client.end(now));
    await onBoth(pages, (page) => page.getByRole('heading', { name: 'Class over' }).waitFor());

    for (const { errors } of [big, small, desk]) expect(errors).toEqual([]);
  }, 120_000);
});
