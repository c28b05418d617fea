import { podroomHttp, type AuthResult } from '@podroom/contracts';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
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
import { openPhone, unexpectedErrors } from './support/classroom.js';
import { ensureWebClient } from './support/web-client.js';

// The instructor's classes on the teach screen: create one, upload a roster (a bad file lists its
// lines and changes nothing; a good one shows), rename, start a session for the class (a student
// is asked for the student id and gets in with it), the class's sessions, delete; the lists page
// with "Show more"; all on a laptop and on a phone.

const BAD_ROSTER = [
  'student_id,display_name',
  'S-01,Ada Lovelace',
  ',Nobody',
  's-01,Ada Again',
  'S-02,Bob Kahn',
].join('\n');
const GOOD_ROSTER = [
  'student_id,display_name,email',
  'S-01,Ada Lovelace,ada@example.com',
  'S-02,Bob Kahn,bob@example.com',
  '"S-03","Cy Young, Jr.",cy@example.com',
].join('\r\n');

let serial = 0;

describe('classes on the teach screen', () => {
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

  const signUp = () =>
    podroomHttp(t.url).signUp({
      email: `classes.page.${++serial}.${Date.now()}@example.com`,
      password: 'a long enough password',
      displayName: 'Class Teacher',
    });

  /** A page of a new context, signed in as `auth` (as the teach screens leave it). */
  async function openSignedIn(auth: AuthResult, options: BrowserContextOptions, hash: string) {
    const context = await browser.newContext({ ...options, reducedMotion: 'reduce' });
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
    return { context, page, errors };
  }

  const rosterRows = (page: Page) =>
    page
      .locator('#roster-table tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [
          r.querySelector('[data-col="student-id"]')?.textContent ?? '',
          r.querySelector('[data-col="name"]')?.textContent ?? '',
        ]),
      );

  const chooseFile = (page: Page, name: string, text: string) =>
    page
      .getByLabel('Roster file (CSV)')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

  it('creates a class, uploads its roster, and starts a session students join with their id', async () => {
    const auth = await signUp();
    const http = podroomHttp(t.url);
    const { context, page, errors } = await openSignedIn(auth, LAPTOP, '#/teach');
    await page.getByRole('heading', { name: 'Your classes' }).waitFor();
    await page.getByText('No class yet.').waitFor();

    // A blank name is refused before anything is sent.
    await page.getByRole('button', { name: 'Create class' }).click();
    await page.getByRole('alert').filter({ hasText: 'Enter a name for the class.' }).waitFor();
    await page.getByLabel('New class name').fill('Networking 101');
    await page.getByRole('button', { name: 'Create class' }).click();
    await page.waitForURL(/#\/teach\/classes\/[0-9a-f-]{36}$/);
    const classId = decodeURIComponent(new URL(page.url()).hash.split('/')[3]!);
    await page.getByRole('heading', { level: 1, name: 'Networking 101' }).waitFor();
    expect(await page.title()).toBe('Class · podroom');
    await page.getByText('No roster yet.').waitFor();

    // A bad file: the server's line-numbered problems show next to the upload; nothing changes.
    const refused = await http
      .uploadRoster(auth.token, classId, BAD_ROSTER)
      .then(() => undefined)
      .catch((e: { code: string }) => e.code);
    expect(refused).toBe('INVALID_ROSTER');
    const details = await fetch(`${t.url}/classes/${classId}/roster`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'text/csv' },
      body: BAD_ROSTER,
    }).then(async (r) => ((await r.json()) as { error: { details: string[] } }).error.details);
    expect(details).toEqual([
      expect.stringMatching(/^line 3: /),
      expect.stringMatching(/^line 4: /),
    ]);

    await chooseFile(page, 'bad.csv', BAD_ROSTER);
    await page.getByRole('button', { name: 'Upload roster' }).click();
    const problems = page.locator('#roster-problems');
    await problems.waitFor();
    await expect(problems.getAttribute('role')).resolves.toBe('alert');
    await expect(problems.locator('li').allTextContents()).resolves.toEqual(details);
    await expect(problems.locator('p').textContent()).resolves.toMatch(/not changed/);
    await page.getByText('No roster yet.').waitFor();
    expect((await http.classReport(auth.token, classId)).class.rosterSize).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'class-roster-problems-720p');

    // A file over the server's limit is refused before it is sent.
    await chooseFile(page, 'huge.csv', `student_id,display_name\n${'S-1,x\n'.repeat(60_000)}`);
    await page.getByRole('button', { name: 'Upload roster' }).click();
    await expect(problems.locator('p').textContent()).resolves.toMatch(/too large: .* 256 KiB/);
    await expect(problems.locator('li').count()).resolves.toBe(0);

    // A good file replaces the roster: the table shows it, sorted by student id.
    await chooseFile(page, 'roster.csv', GOOD_ROSTER);
    await expect(problems.count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Upload roster' }).click();
    await page.getByRole('status').filter({ hasText: 'Roster replaced: 3 students.' }).waitFor();
    await expect(rosterRows(page)).resolves.toEqual([
      ['S-01', 'Ada Lovelace'],
      ['S-02', 'Bob Kahn'],
      ['S-03', 'Cy Young, Jr.'],
    ]);
    await expect(page.locator('.class-page__meta').textContent()).resolves.toMatch(
      /^3 students · 0 sessions/,
    );
    // It is the server's roster: a reload shows the same.
    await page.reload();
    await page.locator('#roster-table').waitFor();
    await expect(rosterRows(page)).resolves.toHaveLength(3);

    // Rename.
    await page.getByLabel('Class name').fill('Networking 101, Tuesday');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('heading', { level: 1, name: 'Networking 101, Tuesday' }).waitFor();
    expect((await http.classReport(auth.token, classId)).class.name).toBe(
      'Networking 101, Tuesday',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'class-page-720p');

    // Back on the teach screen: the class is listed; start a session for it.
    await page.getByRole('link', { name: 'Your lessons and classes' }).click();
    await page.getByRole('heading', { name: 'Start a session' }).waitFor();
    const listed = page.locator(`.classes__item[data-class-id="${classId}"]`);
    await expect(listed.textContent()).resolves.toContain('3 students · 0 sessions');
    await page.getByText('join with their student ID').waitFor();
    await page.locator('#teach-class option', { hasText: 'Networking 101, Tuesday' }).waitFor({
      state: 'attached',
    });
    await page
      .getByLabel('Class', { exact: true })
      .selectOption({ label: 'Networking 101, Tuesday' });
    expect(await seriousViolations(page)).toEqual([]);
    await page
      .getByRole('button', { name: /^Start session: / })
      .first()
      .click();
    await page.waitForURL(/#\/teach\/[^/]+\/console$/);
    const roomId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
    const code = ((await page.locator('.join-card__code').textContent()) ?? '').replace(/\s/g, '');
    const sessions = await http.sessions(auth.token, { classId });
    expect(sessions.items.map((s) => [s.id, s.classId])).toEqual([[roomId, classId]]);

    // A student's phone: asked for the student id, refused a wrong one, in with the right one.
    const phone = await openPhone(browser);
    await phone.page.goto(`${t.url}/#/join/${code}`);
    await phone.page.getByLabel('Nickname').fill('Ada');
    await phone.page.getByRole('button', { name: 'Join' }).tap();
    const studentId = phone.page.getByLabel('Student ID');
    await studentId.waitFor();
    await phone.page.getByText('This class needs your student ID.').waitFor();
    await studentId.fill('S-99');
    await phone.page.getByRole('button', { name: 'Join' }).tap();
    await phone.page
      .getByText('This student ID is not on the class list.', { exact: false })
      .waitFor();
    await studentId.fill('s-01');
    await phone.page.getByRole('button', { name: 'Join' }).tap();
    await phone.page.waitForURL(/#\/play$/);
    await page.locator('.roster__name', { hasText: 'Ada' }).waitFor();
    const report = await http.report(auth.token, roomId);
    // Kept as the roster spells it.
    expect(report.participants.map((p) => [p.nickname, p.rosterId])).toEqual([['Ada', 'S-01']]);
    await phone.context.close();
    expect(unexpectedErrors(phone)).toEqual([]);

    // The session is listed, on the teach screen and on the class page, with its links.
    await page.goto(`${t.url}/#/teach`);
    const item = page.locator(`#sessions-title ~ * [data-session-id="${roomId}"]`);
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('Networking 101, Tuesday');
    await expect(item.getByRole('link', { name: /^Console: / }).getAttribute('href')).resolves.toBe(
      `#/teach/${roomId}/console`,
    );
    await item.getByRole('link', { name: /^Report: / }).click();
    await page.waitForURL(new RegExp(`#/teach/${roomId}/report$`));
    await page.getByRole('heading', { name: 'Participants' }).waitFor();

    await page.goto(`${t.url}/#/teach/classes/${classId}`);
    await page
      .locator(`#class-sessions-title ~ * [data-session-id="${roomId}"]`)
      .getByRole('link', { name: /^Report: / })
      .waitFor();
    await expect(page.locator('.class-page__meta').textContent()).resolves.toMatch(
      /^3 students · 1 session /,
    );
    await expect(
      page.getByRole('link', { name: 'Class report' }).getAttribute('href'),
    ).resolves.toBe(`#/teach/classes/${classId}/report`);

    await context.close();
    // The browser logs the refused upload itself.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  }, 90_000);

  it('deletes a class after asking, keeping its sessions', async () => {
    const auth = await signUp();
    const http = podroomHttp(t.url);
    const doomed = await http.createClass(auth.token, 'Old group');
    const room = await http.createRoom(auth.token, { lessonKey: 'pod-to-pod', classId: doomed.id });
    const { context, page, errors } = await openSignedIn(
      auth,
      LAPTOP,
      `#/teach/classes/${doomed.id}`,
    );
    await page.getByRole('heading', { level: 1, name: 'Old group' }).waitFor();
    await page.getByRole('button', { name: 'Delete class…' }).click();
    await page.getByText('Its sessions and their reports stay.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Keep it' }).click();
    await page.getByRole('button', { name: 'Delete class…' }).click();
    await page.getByRole('button', { name: 'Yes, delete the class' }).click();
    await page.waitForURL(/#\/teach$/);
    await page.getByText('No class yet.').waitFor();
    // The session stays, with no class.
    const sessions = await http.sessions(auth.token);
    expect(sessions.items.map((s) => [s.id, s.classId])).toEqual([[room.roomId, null]]);
    await page.locator(`[data-session-id="${room.roomId}"]`).waitFor();

    // Its page now says there is no such class.
    await page.goto(`${t.url}/#/teach/classes/${doomed.id}`);
    await page.getByRole('heading', { name: 'No such class' }).waitFor();
    await context.close();
    // The browser logs the refused request itself.
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
  }, 60_000);

  it('pages classes and sessions with "Show more", and reads on a phone', async () => {
    const auth = await signUp();
    const http = podroomHttp(t.url);
    for (let i = 1; i <= 12; i++) {
      await http.createClass(auth.token, `Group ${String(i).padStart(2, '0')}`);
    }
    const first = await http.createClass(auth.token, 'Group with roster');
    await http.uploadRoster(auth.token, first.id, GOOD_ROSTER);
    for (let i = 0; i < 11; i++) await http.createRoom(auth.token, { lessonKey: 'pod-to-pod' });
    const allClasses = await fetch(`${t.url}/classes?limit=100`, {
      headers: { authorization: `Bearer ${auth.token}` },
    }).then(async (r) => ((await r.json()) as { items: { name: string }[] }).items);
    const allSessions = (await http.sessions(auth.token, { limit: 100 })).items;

    for (const [size, name] of [
      [LAPTOP, '720p'],
      [PHONE, 'phone'],
    ] as const) {
      const { context, page, errors } = await openSignedIn(auth, size, '#/teach');
      const names = () => page.locator('.classes__name').allTextContents();
      await page.locator('.classes__name').first().waitFor();
      await expect(names()).resolves.toEqual(allClasses.slice(0, 10).map((c) => c.name));
      await page.getByRole('button', { name: 'Show more classes' }).click();
      await page.locator('.classes__name').nth(12).waitFor();
      await expect(names()).resolves.toEqual(allClasses.map((c) => c.name));
      await expect(page.getByRole('button', { name: 'Show more classes' }).count()).resolves.toBe(
        0,
      );
      // Every class is offered when starting a session.
      await expect(page.locator('#teach-class option').allTextContents()).resolves.toEqual([
        'No class',
        ...allClasses.map((c) => c.name),
      ]);

      const ids = () =>
        page
          .locator('.sessions__item')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-session-id')));
      await expect(ids()).resolves.toEqual(allSessions.slice(0, 10).map((s) => s.id));
      await page.getByRole('button', { name: 'Show more sessions' }).click();
      await page.locator('.sessions__item').nth(10).waitFor();
      await expect(ids()).resolves.toEqual(allSessions.map((s) => s.id));

      expect(await horizontalOverflow(page)).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `teach-classes-${name}`);

      await page.locator('.classes__name a', { hasText: 'Group with roster' }).click();
      await page.locator('#roster-table').waitFor();
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `class-page-${name}`);
      await context.close();
      expect(errors).toEqual([]);
    }
  }, 90_000);
});
