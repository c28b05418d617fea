import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seriousViolations } from './support/axe.js';
import {
  collectPageErrors,
  horizontalOverflow,
  LAPTOP,
  launchBrowser,
  PHONE,
  PROJECTOR,
  screenshot,
} from './support/browser.js';
import { ensureWebClient } from './support/web-client.js';

// The projector view of a built-in scenario, stepped locally with the keyboard (#/demo/<name>).

describe('projector demo', () => {
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

  /** Opens a page; reduced motion puts the packet at once where a step leaves it. */
  async function open(
    hash: string,
    options = PROJECTOR,
    reducedMotion: 'reduce' | 'no-preference' = 'reduce',
  ) {
    context = await browser.newContext({ ...options, reducedMotion });
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto(`${t.url}/${hash}`);
    await page.locator('svg.topology').waitFor();
  }
  afterEach(async () => {
    await context?.close();
    expect(errors).toEqual([]);
  });

  const rows = () => page.locator('.process-table tbody tr:not(.process-table__empty)');
  const tracked = (name: string) =>
    page.locator('.tracker__item', { has: page.locator('dt', { hasText: name }) }).locator('dd');
  const packet = () => page.locator('svg .packet');
  async function packetCentre() {
    const box = await packet().locator('.packet__body').boundingBox();
    return { x: Math.round(box!.x + box!.width / 2), y: Math.round(box!.y + box!.height / 2) };
  }

  it('draws the pod-to-pod cluster: nodes, pods with IPs, Services, cni0 and VXLAN', async () => {
    await open('#/demo/pod-to-pod');
    const svg = page.locator('svg.topology');
    await expect(svg.getAttribute('aria-labelledby')).resolves.toBe('topology-title');
    const text = (await svg.textContent()) ?? '';
    for (const expected of [
      'node-1',
      'node-2',
      'Pod A',
      '10.244.0.4',
      'Pod B',
      '10.244.1.2',
      'svc pod-b',
      '10.96.116.142:80',
      'svc kube-dns',
      'bridge cni0 · 10.244.0.1',
      'bridge cni0 · 10.244.1.1',
      'flannel.1',
      'VXLAN · VNI 1',
      'eth0 192.168.49.2',
      'eth0 192.168.49.3',
    ]) {
      expect(text).toContain(expected);
    }
    await expect(page.locator('h1').textContent()).resolves.toBe(
      '$ kubectl exec pod-a -- curl http://pod-b:80',
    );
    expect(await rows().count()).toBe(0);
    expect(await packet().count()).toBe(0);
    await expect(tracked('Request Status').textContent()).resolves.toBe('Not sent');
  });

  it('fills the table row by row and moves the packet along the path as the steps advance', async () => {
    await open('#/demo/pod-to-pod');
    await page.keyboard.press('ArrowRight');
    expect(await rows().count()).toBe(1);
    await expect(rows().nth(0).textContent()).resolves.toContain('Pod A initiates HTTP request');
    await expect(tracked('Request Status').textContent()).resolves.toMatch(/^Sent/);
    await expect(page.locator('.tracker__item.is-changed dt').allTextContents()).resolves.toEqual([
      'Request Status',
      'Response Status',
    ]);
    await expect(packet().getAttribute('data-at')).resolves.toBe('node/node-1');
    const first = await packetCentre();

    await page.keyboard.press('ArrowRight');
    expect(await rows().count()).toBe(2);
    await expect(rows().nth(1).getAttribute('aria-current')).resolves.toBe('step');
    await expect(packet().getAttribute('data-at')).resolves.toBe('veth/default/pod-b');
    const second = await packetCentre();
    expect(second.x).toBeGreaterThan(first.x + 100); // node-2 is to the right of node-1
    await expect(page.locator('.packet-card').textContent()).resolves.toContain(
      'TCP 10.244.0.4:44166 → 10.244.1.2:80',
    );
    await screenshot(page, 'projector-pod-to-pod-step-2-1080p');

    await page.keyboard.press('ArrowRight');
    await expect(tracked('Request Status').textContent()).resolves.toMatch(/^Received by Pod B/);
    await expect(page.locator('.projector__step').textContent()).resolves.toBe('Step 3 of 7');

    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    expect(await rows().count()).toBe(7);
    await expect(tracked('Request Status').textContent()).resolves.toMatch(/^Closed/);
    await expect(tracked('Response Status').textContent()).resolves.toMatch(/^Received/);
    await expect(page.locator('.terminal').textContent()).resolves.toContain('Welcome to nginx!');
    await screenshot(page, 'projector-pod-to-pod-done-1080p');

    await page.keyboard.press('ArrowLeft');
    expect(await rows().count()).toBe(6);
    expect(await page.locator('.terminal').count()).toBe(0);
  });

  it('shows every hop at the hops level, with the packet VXLAN-encapsulated between nodes', async () => {
    await open('#/demo/pod-to-pod', LAPTOP);
    await page.keyboard.press('d');
    await page.waitForURL(/detail=hops/);
    await expect(page.locator('.projector__step').textContent()).resolves.toBe('Step 0 of 25');
    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
    await expect(rows().nth(8).textContent()).resolves.toContain('Encapsulate in VXLAN');
    await expect(packet().getAttribute('data-at')).resolves.toBe('vxlan/node-1');
    await expect(packet().textContent()).resolves.toBe('TCPVXLAN');
    await expect(page.locator('.packet-card__outer').textContent()).resolves.toContain(
      'VXLAN outer 192.168.49.2:8472 → 192.168.49.3:8472 · VNI 1',
    );
    await expect(
      page.locator('svg [data-id="vxlan/node-1"]').getAttribute('class'),
    ).resolves.toMatch(/is-current/);
    await screenshot(page, 'projector-pod-to-pod-hop-9-720p');
  });

  it('marks where the packet is dropped when the network plugin fails', async () => {
    await open('#/demo/pod-to-pod');
    await page.keyboard.press('End');
    await expect(page.locator('h1').textContent()).resolves.toContain('--max-time 5');
    await expect(packet().getAttribute('data-state')).resolves.toBe('dropped');
    await expect(tracked('Request Status').textContent()).resolves.toMatch(/^Lost/);
    await expect(page.locator('.process-table tr.is-failed').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.terminal').textContent()).resolves.toContain('Timeout was reached');
    await screenshot(page, 'projector-pod-to-pod-dropped-1080p');
  });

  it('animates the packet along the hop unless reduced motion is asked for', async () => {
    await open('#/demo/pod-to-pod', PROJECTOR, 'no-preference');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const running = await page.evaluate(
      () => document.querySelector('svg .packet')!.getAnimations().length,
    );
    expect(running).toBe(1);
  });

  it('fits a phone without sideways scrolling, and has no serious accessibility problems', async () => {
    await open('#/demo/pod-to-pod', PHONE);
    await page.locator('button', { hasText: 'Next' }).tap();
    await page.locator('button', { hasText: 'Next' }).tap();
    expect(await rows().count()).toBe(2);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'projector-pod-to-pod-phone');
  });

  it('has no serious accessibility problems on the projector', async () => {
    await open('#/demo/pod-to-pod');
    await page.keyboard.press('ArrowRight');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lists the built-in scenarios and draws each of them', async () => {
    context = await browser.newContext({ ...PROJECTOR, reducedMotion: 'reduce' });
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.goto(`${t.url}/#/demo`);
    const links = page.locator('.scenario-list a');
    await links.first().waitFor();
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs).toEqual([
      '#/demo/pod-to-pod',
      '#/demo/service-dns',
      '#/demo/service-types',
      '#/demo/nginx-deployment',
    ]);
    for (const href of hrefs.slice(1)) {
      await page.goto(`${t.url}/${href}`);
      await page.locator('svg.topology').waitFor();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await screenshot(page, `projector-${href.split('/').pop()}-1080p`);
    }
  });
});
