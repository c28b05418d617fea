import { ok, type HostQuestionView } from '@podroom/contracts';
import type { Browser, Page } from 'playwright-core';
import {
  hostRoom,
  newInstructor,
  type HostedRoom,
  type Instructor,
} from '../support/rooms.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seriousViolations } from './support/axe.js';
import { horizontalOverflow, launchBrowser, screenshot } from './support/browser.js';
import {
  joinOnPhone,
  openPhone,
  textOf,
  unexpectedErrors,
  type Phone,
} from './support/classroom.js';
import { ensureWebClient } from './support/web-client.js';

// The student's room on a phone (360×640), driven by a host console speaking the protocol from
// the test: lobby, steps, every question type, the countdown, results, reconnection, the end.

describe('student room on a phone', () => {
  let t: TestApp;
  let browser: Browser;
  let instructor: Instructor;
  let host: HostedRoom;
  let version: number;
  const phones: Phone[] = [];

  beforeAll(async () => {
    await ensureWebClient();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    instructor = await newInstructor(t.url);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    host = await hostRoom(t.url, instructor);
    version = host.snapshot.version;
    host.client.on('step:changed', (c) => (version = Math.max(version, c.version)));
    host.client.on('question:closed', (r) => (version = Math.max(version, r.version)));
  });
  afterEach(async () => {
    host.client.close();
    for (const phone of phones.splice(0)) {
      await phone.context.close();
      expect(unexpectedErrors(phone)).toEqual([]);
    }
  });

  async function phone(nickname: string): Promise<Page> {
    const p = await openPhone(browser);
    phones.push(p);
    await joinOnPhone(p, t.url, host.room.code, nickname);
    return p.page;
  }

  async function next() {
    version = ok(await host.client.next(version)).version;
  }

  async function open(
    questionKey: string,
    extra: { timeLimitSec?: number; readingDelayMs?: number } = {},
  ) {
    const reply = ok(await host.client.openQuestion({ version, questionKey, ...extra }));
    version = reply.version;
    return reply.question;
  }

  /** Picks the key's answer on the page the way a student would, for any question type. */
  async function answerRight(page: Page, q: HostQuestionView) {
    const options = q.question.options ?? [];
    const textOfId = (id: string) => options.find((o) => o.id === id)!.text;
    switch (q.question.type) {
      case 'single':
      case 'hotspot':
        await page.getByRole('radio', { name: textOfId(q.answer as string), exact: true }).check();
        break;
      case 'multi':
        for (const id of q.answer as string[]) {
          await page.getByRole('checkbox', { name: textOfId(id), exact: true }).check();
        }
        break;
      case 'true-false':
        await page.getByRole('radio', { name: q.answer ? 'True' : 'False', exact: true }).check();
        break;
      case 'numeric':
        await page.getByLabel(/Your answer/).fill(String(q.answer));
        break;
      case 'ordering': {
        // Tap the arrows until the list reads in the key's order.
        const key = (q.answer as string[]).map(textOfId);
        for (let target = 0; target < key.length; target++) {
          const items = await page.locator('.ordering__text').allTextContents();
          for (let at = items.indexOf(key[target]!); at > target; at--) {
            await page.getByRole('button', { name: `Move “${key[target]}” up` }).tap();
          }
        }
        expect(await page.locator('.ordering__text').allTextContents()).toEqual(key);
        break;
      }
    }
    await page.getByRole('button', { name: 'Send answer' }).tap();
    // "Answer received" — unless the reveal came first (the last answer closes the question).
    await page
      .locator('.received, .reveal')
      .filter({ hasText: /Answer received|Right answer/ })
      .first()
      .waitFor();
  }

  it('goes from the lobby to the current step, and shows the step caption', async () => {
    const page = await phone('Ada');
    await page.getByRole('heading', { name: "You're in, Ada!" }).waitFor();
    await expect(textOf(page, '.play__bar')).resolves.toContain('Ada');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'student-lobby-phone');

    await next();
    await page.getByRole('heading', { name: 'Watch the screen' }).waitFor();
    const caption = await textOf(page, '.step-caption');
    expect(caption).toMatch(/^Step 2 of \d+: /);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'student-step-phone');
  });

  it('answers every question type, gets "answer received" and then the result with points and rank', async () => {
    const ada = await phone('Ada');
    await next();
    const keys = [
      'a3-receive-step', // single
      'a3-address-rewriters', // multi
      'a3-reply-source', // true-false
      'exchange-length', // numeric
      'a3-order-steps', // ordering
      'a3-where-is-packet', // hotspot
    ];
    let total = 0;
    for (const key of keys) {
      const q = await open(key);
      const type = q.question.type;
      await ada.getByRole('heading', { name: q.question.prompt }).waitFor();
      // The countdown is announced once at the start, not every second.
      await expect(textOf(ada, '.question [aria-live]')).resolves.toMatch(/\d+ seconds to answer/);
      expect(await horizontalOverflow(ada)).toBe(0);
      expect(await seriousViolations(ada)).toEqual([]);
      await screenshot(ada, `student-question-${type}-phone`);
      const closed = host.client.waitFor('question:closed', (r) => r.questionId === q.questionId);
      await answerRight(ada, q);
      await closed; // the only student answered: it closes by itself
      await ada.locator('.verdict').filter({ hasText: 'Correct!' }).waitFor();
      const score = await textOf(ada, '.reveal__score');
      const points = Number(/\+(\d+) points/.exec(score)![1]);
      expect(points).toBeGreaterThan(500);
      total += points;
      expect(score).toContain(`total ${total}`);
      expect(score).toMatch(/rank 1\b/);
      await expect(textOf(ada, '.play__points')).resolves.toContain(String(total));
      expect(await seriousViolations(ada)).toEqual([]);
      await screenshot(ada, `student-reveal-${type}-phone`);
    }
    // The report agrees with what the phone showed.
    const report = await instructor.http.report(instructor.token, host.room.roomId);
    expect(report.participants).toEqual([
      expect.objectContaining({ nickname: 'Ada', points: total, correct: keys.length }),
    ]);
  });

  it('shows a wrong answer as such, and the rank among several students', async () => {
    const ada = await phone('Ada');
    const bob = await phone('Bob');
    const q = await open('a3-reply-source');
    await answerRight(ada, q);
    await bob.getByRole('radio', { name: q.answer ? 'False' : 'True', exact: true }).check();
    await bob.getByRole('button', { name: 'Send answer' }).tap();
    await bob.locator('.verdict').filter({ hasText: 'Not quite' }).waitFor();
    await expect(textOf(bob, '.reveal__score')).resolves.toMatch(/\+0 points · total 0 · rank 2/);
    await expect(textOf(bob, '.reveal__key')).resolves.toContain(q.answer ? 'True' : 'False');
    await bob.locator('.leaderboard').waitFor();
    await expect(textOf(bob, '.leaderboard__list')).resolves.toMatch(/1\s*Ada/);
    await ada.locator('.verdict').filter({ hasText: 'Correct!' }).waitFor();
    await screenshot(bob, 'student-reveal-wrong-phone');
  });

  it('counts down with a reading delay first, and locks the answer when time is up', async () => {
    const ada = await phone('Ada');
    await phone('Bob'); // never answers: the question runs to its deadline
    const q = await open('a3-reply-source', { timeLimitSec: 5, readingDelayMs: 1500 });
    await ada.getByRole('heading', { name: q.question.prompt }).waitFor();
    await ada.getByRole('button', { name: 'Get ready…' }).waitFor();
    await expect(textOf(ada, '.question [aria-live]')).resolves.toContain('Read the question');
    await ada.getByRole('button', { name: 'Send answer' }).waitFor({ timeout: 5_000 });
    await expect(textOf(ada, '.question [aria-live]')).resolves.toBe('5 seconds to answer.');
    const seconds = Number(await textOf(ada, '.timer__number'));
    expect(seconds).toBeGreaterThanOrEqual(3);
    expect(seconds).toBeLessThanOrEqual(5);
    await ada.locator('.received--late').waitFor({ timeout: 8_000 });
    await expect(textOf(ada, '.question [aria-live]')).resolves.toBe("Time's up.");
    await ada.locator('.verdict').filter({ hasText: 'No answer' }).waitFor({ timeout: 5_000 });
  });

  it('explains an answer the server refuses and lets the student answer again', async () => {
    const p = await openPhone(browser);
    phones.push(p);
    // Between page and server, garble the first answer so that the server refuses it.
    let garbled = 0;
    await p.page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const text = String(message);
        if (garbled === 0 && text.includes('"answer:submit"')) {
          garbled += 1;
          return server.send(text.replace(/"value":"[^"]*"/, '"value":"no-such-option"'));
        }
        server.send(message);
      });
      server.onMessage((message) => ws.send(message));
    });
    await joinOnPhone(p, t.url, host.room.code, 'Ada');
    const q = await open('a3-receive-step');
    const page = p.page;
    await page.getByRole('heading', { name: q.question.prompt }).waitFor();
    const right = q.question.options!.find((o) => o.id === q.answer)!.text;
    await page.getByRole('radio', { name: right, exact: true }).check();
    await page.getByRole('button', { name: 'Send answer' }).tap();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('This answer does not fit the question');
    expect(garbled).toBe(1);
    await screenshot(page, 'student-answer-refused-phone');
    // Nothing was recorded: the student sends again and is scored.
    await page.getByRole('button', { name: 'Send answer' }).tap();
    await page.locator('.verdict').filter({ hasText: 'Correct!' }).waitFor();
  });

  it('shows "reconnecting…" while offline, keeps an answer given offline and sends it when back', async () => {
    const p = await openPhone(browser);
    phones.push(p);
    await joinOnPhone(p, t.url, host.room.code, 'Ada');
    await phone('Bob'); // keeps the question open while Ada is away
    const page = p.page;
    const q = await open('a3-reply-source', { timeLimitSec: 60 });
    await page.getByRole('heading', { name: q.question.prompt }).waitFor();

    await p.context.setOffline(true);
    await page.locator('.banner').filter({ hasText: 'Reconnecting…' }).waitFor();
    await page.getByRole('radio', { name: q.answer ? 'True' : 'False', exact: true }).check();
    await page.getByRole('button', { name: 'Send answer' }).tap();
    await page.locator('.banner').filter({ hasText: 'Not sent yet' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'student-offline-phone');
    const progress = host.client.waitFor('host:progress', (pr) => pr.answered === 1, 15_000);

    await p.context.setOffline(false);
    await page
      .locator('.received')
      .filter({ hasText: 'Answer received' })
      .waitFor({ timeout: 15_000 });
    await expect(page.locator('.play__connection .banner').count()).resolves.toBe(0);
    await progress;
    ok(await host.client.closeQuestion(q.questionId));
    await page.locator('.verdict').filter({ hasText: 'Correct!' }).waitFor();
  });

  it('resumes after a reload: same seat, the open question and the answer already given', async () => {
    const ada = await phone('Ada');
    await phone('Bob');
    const q = await open('exchange-length', { timeLimitSec: 60 });
    await ada.getByLabel(/Your answer/).fill('7');
    await ada.getByRole('button', { name: 'Send answer' }).tap();
    await ada.locator('.received').waitFor();
    await ada.reload();
    await ada.getByRole('heading', { name: q.question.prompt }).waitFor();
    await expect(textOf(ada, '.received')).resolves.toContain('Answer received: 7 steps');
    await expect(textOf(ada, '.play__bar')).resolves.toContain('Ada');
    ok(await host.client.closeQuestion(q.questionId));
    await ada.locator('.verdict').filter({ hasText: 'Correct!' }).waitFor();
    // The reload resumed Ada's seat rather than joining again.
    const { roster } = ok(
      await host.client.attachHost(instructor.token, host.room.roomId),
    ).snapshot;
    expect(roster.map((r) => [r.nickname, r.connected])).toEqual(
      expect.arrayContaining([
        ['Ada', true],
        ['Bob', true],
      ]),
    );
    expect(roster).toHaveLength(2);
    await ada.reload();
    await ada.locator('.reveal').waitFor();
    await expect(textOf(ada, '.reveal__key')).resolves.toContain('7 steps');
  });

  it('tells a kicked student, and everyone when the class ends', async () => {
    const ada = await phone('Ada');
    const bob = await phone('Bob');
    const roster = ok(await host.client.attachHost(instructor.token, host.room.roomId)).snapshot
      .roster;
    ok(await host.client.kick(roster.find((r) => r.nickname === 'Bob')!.participantId));
    await bob.getByRole('heading', { name: 'Removed from the class' }).waitFor();
    await bob.reload();
    await bob.getByRole('heading', { name: 'Removed from the class' }).waitFor();
    expect(await seriousViolations(bob)).toEqual([]);
    await screenshot(bob, 'student-kicked-phone');

    const v = ok(await host.client.attachHost(instructor.token, host.room.roomId)).snapshot.version;
    ok(await host.client.end(v));
    await ada.getByRole('heading', { name: /Class over/ }).waitFor();
    expect(await seriousViolations(ada)).toEqual([]);
    await screenshot(ada, 'student-ended-phone');
  });
});
