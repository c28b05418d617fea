import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectPageErrors, PHONE } from './browser.js';

/** A student's phone: its own browser context (own storage, own network switch). */
export interface Phone {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** Errors a page may log while its network is deliberately down (the socket's reconnect tries). */
const EXPECTED_OFFLINE = /ERR_INTERNET_DISCONNECTED|WebSocket connection .* failed/;

export async function openPhone(browser: Browser, options = PHONE): Promise<Phone> {
  const context = await browser.newContext({ ...options, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  return { context, page, errors };
}

/** The page errors, without those a deliberately offline phone logs. */
export function unexpectedErrors(phone: Phone): string[] {
  return phone.errors.filter((e) => !EXPECTED_OFFLINE.test(e));
}

/** Opens the join link on `phone`, types the nickname and joins; waits for the room screen. */
export async function joinOnPhone(
  phone: Phone,
  url: string,
  code: string,
  nickname: string,
): Promise<void> {
  const { page } = phone;
  await page.goto(`${url}/#/join/${code}`);
  await page.getByLabel('Nickname').fill(nickname);
  await page.getByRole('button', { name: 'Join' }).tap();
  await page.waitForURL(/#\/play$/);
  await page.locator('.play__bar').waitFor();
}

/** The text of the first element matching `selector`, once it exists. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const locator = page.locator(selector).first();
  await locator.waitFor();
  return (await locator.textContent()) ?? '';
}
