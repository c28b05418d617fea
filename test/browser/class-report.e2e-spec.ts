import { readFile } from 'node:fs/promises';
import {
  ok,
  podroomHttp,
  type AuthResult,
  type ClassReport,
  type OpenQuestionView,
} from '@podroom/contracts';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { CLASS_CSV_HEADER } from '../../apps/server/src/reports/report-csv.builder.js';
import { connect, type RecordingClient } from '../support/rooms.fixtures.js';
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

// Two short sessions of one class played over real sockets, students joining with their roster
// ids; between them the roster changes (Cy leaves the class, so Cy's first session is unlinked;
// Dee never comes). Then the class report page: its numbers are the API's, the charts say the
// same, the CSV downloads with the instructor's token; it reads on a laptop and on a phone.

/** A number in a cell's text (`16.7 %`, `1500`, `2 of 3`: the first), or null for the dash. */
const numberIn = (text: string): number | null => {
  const match = /-?\d+(?:\.\d+)?/.exec(text);
  return match ? Number(match[0]) : null;
};
const oneDecimal = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

const ROSTER_BEFORE = 'student_id,display_name\nS-01,Ada Lovelace\nS-02,Bob Kahn\nS-03,Cy Young\n';
const ROSTER_AFTER =
  'student_id,display_name\nS-01,Ada Lovelace\nS-02,Bob Kahn\nS-04,Dee Ritchie\n';

interface Seat extends RecordingClient {
  name: string;
}

describe('the class report page', () => {
  let t: TestApp;
  let browser: Browser;
  let auth: AuthResult;
  let classId: string;
  let report: ClassReport;

  /** One session of the class: `plan` gives each student's pick per question, in order. */
  async function playSession(
    students: [string, string][],
    plan: ((q: OpenQuestionView, right: unknown) => unknown)[][],
  ): Promise<void> {
    const http = podroomHttp(t.url);
    const room = await http.createRoom(auth.token, { lessonKey: 'pod-to-pod', classId });
    const host = await connect(t.url);
    const attached = ok(await host.client.attachHost(auth.token, room.roomId)).snapshot;
    let { version } = attached;
    const seats: Seat[] = [];
    for (const [name, rosterId] of students) {
      const seat = { ...(await connect(t.url)), name };
      ok(await seat.client.join(room.code, name, rosterId));
      seats.push(seat);
    }
    // A single-choice question (wrong options), then the lesson's numeric question: the one of
    // the built-in lesson with a concept tag ("request lifecycle").
    const single = attached.questions.find((q) => q.type === 'single')!.key;
    const keys = [single, 'exchange-length'];
    expect(attached.questions.map((q) => q.key)).toContain('exchange-length');
    for (const [i, picks] of plan.entries()) {
      const seen = Promise.all(seats.map((s) => s.client.waitFor('question:opened')));
      const opened = ok(
        await host.client.openQuestion({ version, questionKey: keys[i]!, readingDelayMs: 0 }),
      );
      const { questionId, answer } = opened.question;
      const closed = host.client.waitFor('question:closed', (r) => r.questionId === questionId);
      const views = await seen;
      for (const [j, pick] of picks.entries()) {
        const value = pick(views[j]!, answer);
        if (value !== undefined) ok(await seats[j]!.client.answer(questionId, value as never));
      }
      await host.client.closeQuestion(questionId);
      version = (await closed).version;
    }
    ok(await host.client.end(version));
    for (const s of seats) s.client.close();
    host.client.close();
  }

  const right = (_q: OpenQuestionView, r: unknown) => r;
  const wrong = (q: OpenQuestionView, r: unknown) =>
    typeof r === 'number' ? r + 2 : (q.question.options?.find((o) => o.id !== r)?.id ?? !r);
  const skip = () => undefined;

  beforeAll(async () => {
    await ensureWebClient();
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    const http = podroomHttp(t.url);
    auth = await http.signUp({
      email: 'class.report@example.com',
      password: 'a long enough password',
      displayName: 'Reporter',
    });
    classId = (await http.createClass(auth.token, 'Networking 101')).id;
    await http.uploadRoster(auth.token, classId, ROSTER_BEFORE);
    await playSession(
      [
        ['Ada', 'S-01'],
        ['Bob', 's-02'],
        ['Cy', 'S-03'],
      ],
      [
        [right, wrong, wrong],
        [right, right, skip],
      ],
    );
    await http.uploadRoster(auth.token, classId, ROSTER_AFTER);
    await playSession(
      [
        ['Ada', 'S-01'],
        ['Bobby', 'S-02'],
      ],
      [
        [wrong, right],
        [wrong, right],
      ],
    );
    report = await http.classReport(auth.token, classId);
  }, 90_000);
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

  /** Each row's `data-*` id and its cells by `data-col`. */
  const rows = (page: Page, selector: string, idAttribute: string) =>
    page.locator(selector).evaluateAll(
      (els, attr) =>
        els.map((row) => ({
          id: row.getAttribute(attr),
          cells: Object.fromEntries(
            [...row.querySelectorAll('[data-col]')].map((c) => [
              c.getAttribute('data-col'),
              c.textContent ?? '',
            ]),
          ),
        })),
      idAttribute,
    );

  it('shows the numbers of the API, draws them, and downloads the CSV', async () => {
    // What was played: the report agrees with it before the page is looked at.
    expect(report.sessions).toHaveLength(2);
    expect(report.students.map((s) => [s.rosterId, s.sessionsAttended])).toEqual([
      ['S-01', 2],
      ['S-02', 2],
      ['S-04', 0],
    ]);
    expect(report.unlinked.map((u) => [u.nickname, u.rosterId])).toEqual([['Cy', 'S-03']]);
    expect(report.concepts.map((c) => [c.concept, c.trend.length])).toContainEqual([
      'request lifecycle',
      2,
    ]);
    expect(report.wrongOptions.length).toBeGreaterThan(0);

    const { context, page, errors } = await openSignedIn(
      LAPTOP,
      `#/teach/classes/${classId}/report`,
    );
    await page.getByRole('heading', { name: 'Students' }).waitFor();
    expect(await page.title()).toBe('Class report · podroom');
    await expect(page.locator('.report__title').textContent()).resolves.toBe('Networking 101');
    const stat = async (name: string) =>
      numberIn((await page.locator(`[data-stat="${name}"] dd`).textContent()) ?? '');
    expect(await stat('sessions')).toBe(2);
    expect(await stat('roster')).toBe(report.class.rosterSize);
    expect(await stat('attended')).toBe(2);
    const asked = report.students.reduce((s, x) => s + x.questions, 0);
    const right = report.students.reduce((s, x) => s + x.correct, 0);
    expect(await stat('accuracy')).toBe(oneDecimal((100 * right) / asked));

    // Sessions, oldest first, and their chart.
    const sessions = await rows(page, '#sessions-table tbody tr', 'data-room-id');
    expect(sessions.map((s) => s.id)).toEqual(report.sessions.map((s) => s.roomId));
    for (const [i, row] of sessions.entries()) {
      const s = report.sessions[i]!;
      expect(numberIn(row.cells.participants!)).toBe(s.participants);
      expect(numberIn(row.cells['roster-participants']!)).toBe(s.rosterParticipants);
      expect(numberIn(row.cells.questions!)).toBe(s.questions);
      expect(numberIn(row.cells.accuracy!)).toBe(oneDecimal(s.accuracyPercent));
    }
    const sessionChart = page.getByRole('img', { name: /^Accuracy per session: / });
    await expect(
      sessionChart
        .locator('.session-bars__bar')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-percent'))),
    ).resolves.toEqual(report.sessions.map((s) => String(s.accuracyPercent ?? '')));

    // Every roster student, with the points of each session (or absent) and a sparkline.
    const students = await rows(page, '#students-table tbody tr', 'data-roster-id');
    expect(students.map((s) => s.id)).toEqual(report.students.map((s) => s.rosterId));
    for (const [i, row] of students.entries()) {
      const s = report.students[i]!;
      expect(row.cells.name).toBe(s.displayName);
      expect(row.cells.attended).toBe(`${s.sessionsAttended} of 2`);
      expect(numberIn(row.cells.points!)).toBe(s.points);
      expect(row.cells.correct).toBe(`${s.correct} of ${s.questions}`);
      expect(numberIn(row.cells.accuracy!)).toBe(oneDecimal(s.accuracyPercent));
      const perSession = s.trend.map((x) => (x.attended ? String(x.points) : 'absent'));
      expect([row.cells['points-S1'], row.cells['points-S2']]).toEqual(perSession);
      await page
        .getByRole('img', {
          name: `Points per session, ${s.displayName}: S1 ${perSession[0]}; S2 ${perSession[1]}.`,
          exact: true,
        })
        .waitFor();
    }
    // Ada answered in both sessions: her line has two dots; Dee, never there, has none.
    const dots = (id: string) =>
      page.locator(`#students-table tr[data-roster-id="${id}"] .sparkline__dot`).count();
    expect(await dots('S-01')).toBe(2);
    expect(await dots('S-04')).toBe(0);

    // Concepts: a chart and a table per concept, each session that asked about it.
    for (const c of report.concepts) {
      const block = page.locator(`.class-report__concept[data-concept="${c.concept}"]`);
      const table = await rows(
        page,
        `.class-report__concept[data-concept="${c.concept}"] tbody tr`,
        'data-room-id',
      );
      expect(table.map((r) => r.id)).toEqual(c.trend.map((x) => x.roomId));
      for (const [i, row] of table.entries()) {
        const x = c.trend[i]!;
        expect(numberIn(row.cells.opportunities!)).toBe(x.opportunities);
        expect(numberIn(row.cells.correct!)).toBe(x.correct);
        expect(numberIn(row.cells.accuracy!)).toBe(oneDecimal(x.accuracyPercent));
      }
      await expect(
        block
          .getByRole('img', { name: new RegExp(`^Accuracy on ${c.concept} per session: `) })
          .locator('.session-bars__bar')
          .count(),
      ).resolves.toBe(c.trend.length);
    }

    // Wrong options, most picked first, with their notes.
    const wrongRows = await rows(page, '#wrong-table tbody tr', 'data-x');
    expect(wrongRows.map((r) => r.cells.option)).toEqual(
      report.wrongOptions.map((w) => w.optionText),
    );
    for (const [i, row] of wrongRows.entries()) {
      const w = report.wrongOptions[i]!;
      expect(row.cells.count).toBe(`${w.count} of ${w.answered}`);
      expect(numberIn(row.cells.percent!)).toBe(oneDecimal(w.percentOfAnswers));
      expect(numberIn(row.cells.sessions!)).toBe(w.sessions);
      expect(row.cells.note).toBe(w.note ?? '–');
    }

    // Participants not on the roster.
    const unlinked = await rows(page, '#unlinked-table tbody tr', 'data-participant-id');
    expect(
      unlinked.map((u) => [
        u.id,
        u.cells.session,
        u.cells.nickname,
        u.cells['roster-id'],
        numberIn(u.cells.points!),
      ]),
    ).toEqual(
      report.unlinked.map((u) => [u.participantId, 'S1', u.nickname, u.rosterId, u.points]),
    );

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'class-report-720p');

    // The CSV, fetched with the token and handed over as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^podroom-class-.+\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(CLASS_CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + report.students.length * report.sessions.length);

    // A session's number leads to its own report.
    await page
      .locator('#sessions-table tbody tr')
      .first()
      .getByRole('link', { name: 'S1' })
      .click();
    await page.waitForURL(new RegExp(`#/teach/${report.sessions[0]!.roomId}/report$`));
    await page.getByRole('heading', { name: 'Questions, hardest first' }).waitFor();
    // Its score distribution: every participant counted once, in the range holding their points.
    const first = await podroomHttp(t.url).report(auth.token, report.sessions[0]!.roomId);
    const ranges = await rows(page, '#scores-table tbody tr', 'data-range');
    const counted = ranges.map((r) => {
      const [from, to = from] = r.id!.split('–').map(Number) as [number, number?];
      return [
        numberIn(r.cells.count!),
        first.participants.filter((p) => p.points >= from && p.points <= to!).length,
      ];
    });
    expect(counted.map(([shown]) => shown)).toEqual(counted.map(([, expected]) => expected));
    expect(counted.reduce((n, [shown]) => n + shown!, 0)).toBe(first.participants.length);
    await expect(
      page
        .getByRole('img', { name: /^Participants by score: / })
        .locator('.score-histogram__bar')
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count')))),
    ).resolves.toEqual(counted.map(([shown]) => shown));

    await context.close();
    expect(errors).toEqual([]);
  }, 60_000);

  it('is linked from the class page, and reads on a phone', async () => {
    const { context, page, errors } = await openSignedIn(PHONE, `#/teach/classes/${classId}`);
    await page.getByRole('link', { name: 'Class report' }).tap();
    await page.waitForURL(new RegExp(`#/teach/classes/${classId}/report$`));
    await page.getByRole('heading', { name: 'Most chosen wrong answers' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'class-report-phone');
    await context.close();
    expect(errors).toEqual([]);
  }, 60_000);

  it('sends a signed-out reader to sign in, and says when there is no such class', async () => {
    const out = await openSignedIn(LAPTOP, `#/teach/classes/${classId}/report`, false);
    await out.page.getByRole('heading', { name: 'Sign in to see this report' }).waitFor();
    await out.page.getByRole('link', { name: 'Sign in' }).click();
    await out.page.getByRole('heading', { name: 'Sign in to teach' }).waitFor();
    await out.context.close();
    expect(out.errors).toEqual([]);

    const missing = await openSignedIn(
      LAPTOP,
      '#/teach/classes/00000000-0000-4000-8000-000000000000/report',
    );
    await missing.page.getByRole('heading', { name: 'No such class' }).waitFor();
    await missing.context.close();
    // The browser logs the refused request itself.
    expect(missing.errors.filter((e) => !/404/.test(e))).toEqual([]);
  }, 60_000);

  it('says when the server cannot be reached, and tries again', async () => {
    let refuse = true;
    const { context, page, errors } = await openSignedIn(
      LAPTOP,
      `#/teach/classes/${classId}/report`,
      true,
      async (p) => {
        await p.route('**/classes/*/report', (route) =>
          refuse ? route.abort('internetdisconnected') : route.continue(),
        );
      },
    );
    await page.getByRole('alert').filter({ hasText: 'cannot be reached' }).waitFor();
    refuse = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Students' }).waitFor();
    await context.close();
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  }, 60_000);
});
