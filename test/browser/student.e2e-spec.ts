import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newInstructor } from '../support/rooms.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seriousViolations } from './support/axe.js';
import {
  collectPageErrors,
  horizontalOverflow,
  launchBrowser,
  PHONE,
  screenshot,
} from './support/browser.js';
import { ensureWebClient } from './support/web-client.js';

// A student's phone (360×640): the start page and the join form.

describe('student on a phone', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    await ensureWebClient();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext(PHONE);
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  afterEach(async () => {
    await context.close();
    expect(errors).toEqual([]);
  });

  /** Every control's tap area, in CSS pixels. */
  async function smallTouchTargets() {
    return page.locator('a, button, input').evaluateAll((elements) =>
      elements
        .map((e) => ({ e: e.outerHTML.slice(0, 60), box: e.getBoundingClientRect() }))
        .filter(({ box }) => box.height < 44 || box.width < 44)
        .map(({ e, box }) => `${e} ${box.width}×${box.height}`),
    );
  }

  it('opens the start page at / and gets to the join form', async () => {
    await page.goto(`${t.url}/`);
    await page.getByRole('heading', { name: 'podroom' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await smallTouchTargets()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'student-home-phone');
    await page.getByRole('link', { name: 'Join a class' }).tap();
    await page.getByRole('heading', { name: 'Join a class' }).waitFor();
    expect(page.url()).toMatch(/#\/join$/);
  });

  it('checks the code and nickname, says what is wrong next to each field, and focuses it', async () => {
    await page.goto(`${t.url}/#/join`);
    const code = page.getByLabel('Room code');
    const nickname = page.getByLabel('Nickname');
    await code.waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await smallTouchTargets()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'student-join-phone');

    await page.getByRole('button', { name: 'Join' }).tap();
    await expect(code.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#join-code-error').textContent()).resolves.toContain(
      'Enter the room code shown on the screen.',
    );
    await expect(code.evaluate((e) => e === document.activeElement)).resolves.toBe(true);
    // The error is announced with the field.
    await expect(code.getAttribute('aria-describedby')).resolves.toBe(
      'join-code-hint join-code-error',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'student-join-errors-phone');

    await code.fill('123 45');
    await nickname.fill('   ');
    await page.getByRole('button', { name: 'Join' }).tap();
    await expect(page.locator('#join-code-error').textContent()).resolves.toContain('6 digits');
    await code.fill('123 456');
    await page.getByRole('button', { name: 'Join' }).tap();
    await expect(code.getAttribute('aria-invalid')).resolves.toBe('false');
    await expect(nickname.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(nickname.evaluate((e) => e === document.activeElement)).resolves.toBe(true);

    await nickname.fill('  Ada   Lovelace ');
    await page.getByRole('button', { name: 'Join' }).tap();
    await expect(nickname.getAttribute('aria-invalid')).resolves.toBe('false');
  });

  it('sends a well-formed join through the room protocol and explains a refusal', async () => {
    await page.goto(`${t.url}/#/join/000000`);
    await page.getByLabel('Nickname').fill('Ada');
    await page.getByRole('button', { name: 'Join' }).tap();
    // No room has this code: the server says so (ROOM_NOT_FOUND, on the code field), or, while
    // the rooms gateway is not there to answer, the client gives up after its timeout.
    const said = page.locator('#join-code-error, .form__problem');
    await said.waitFor({ timeout: 15_000 });
    await expect(said.textContent()).resolves.toMatch(/No class has this code|cannot be reached/);
    await expect(page.getByRole('button', { name: 'Join' }).textContent()).resolves.toBe('Join');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('asks for the student ID when the class has a roster, and joins with it', async () => {
    const teacher = await newInstructor(t.url);
    const klass = await teacher.http.createClass(teacher.token, 'Period 3');
    await teacher.http.uploadRoster(teacher.token, klass.id, 'student_id,name\nS-17,Ada L.\n');
    const room = await teacher.http.createRoom(teacher.token, {
      lessonKey: 'pod-to-pod',
      classId: klass.id,
    });
    await page.goto(`${t.url}/#/join/${room.code}`);
    await expect(page.getByLabel('Student ID').count()).resolves.toBe(0);
    await page.getByLabel('Nickname').fill('Ada');
    await page.getByRole('button', { name: 'Join' }).tap();
    const studentId = page.getByLabel('Student ID');
    await studentId.waitFor();
    await expect(page.locator('#join-roster-id-error').textContent()).resolves.toMatch(
      /needs your student ID/,
    );
    await page.waitForFunction(() => document.activeElement?.id === 'join-roster-id');
    await studentId.fill('S-99');
    await page.getByRole('button', { name: 'Join' }).tap();
    await page.getByText('not on the class list').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await studentId.fill('s-17');
    await page.getByRole('button', { name: 'Join' }).tap();
    await page.waitForURL(/#\/play$/);
    const report = await teacher.http.report(teacher.token, room.roomId);
    expect(report.participants.map((p) => [p.nickname, p.rosterId])).toEqual([['Ada', 'S-17']]);
  });

  it('takes the room code from a join link', async () => {
    await page.goto(`${t.url}/join/654321`);
    await expect(page.getByLabel('Room code').inputValue()).resolves.toBe('654321');
    await page.goto(`${t.url}/#/join/111222`);
    await expect(page.getByLabel('Room code').inputValue()).resolves.toBe('111222');
  });

  it('offers a numeric keypad for the code and a big Join button', async () => {
    await page.goto(`${t.url}/#/join`);
    const code = page.getByLabel('Room code');
    await expect(code.getAttribute('inputmode')).resolves.toBe('numeric');
    const join = await page.getByRole('button', { name: 'Join' }).boundingBox();
    expect(join!.height).toBeGreaterThanOrEqual(48);
    expect(join!.width).toBeGreaterThan(300);
  });
});
