import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export { startServer, type SpawnedServer } from '../server/src/test/spawn';

const root = path.resolve(import.meta.dirname, '..');
export const screenshotsDir = path.join(root, 'e2e', 'screenshots');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=ru-RU', // native controls (date pickers) in Russian, as a citizen's browser shows them
];

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 800 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export async function newContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  // bypassCSP lets the tests inject axe-core; the app's own scripts still run under its CSP.
  return browser.newContext({
    bypassCSP: true,
    viewport,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
  });
}

const axeSource = readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; fails on any serious or critical violation (WCAG 2.1 AA rules). */
export async function expectAccessible(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

/** No horizontal scrolling anywhere (DESIGN.md, phone width). */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** The whole page; `fullPage: false` for what the viewport shows (a dialog over the page). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({
    path: path.join(screenshotsDir, `${name}.png`),
    fullPage: options.fullPage ?? true,
  });
}

/** The newest 6-digit code sent by SMS to `phone` since `after` (ms), read from the development outbox. */
export async function smsCodeFor(serverUrl: string, phone: string, after: number): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const res = await fetch(`${serverUrl}/api/dev/sms?to=${encodeURIComponent(phone)}`);
    const { messages } = (await res.json()) as { messages: Array<{ text: string; createdAt: string }> };
    const m = messages.find((x) => Date.parse(x.createdAt) >= after && /\d{6}/.test(x.text));
    if (m) return /(\d{6})/.exec(m.text)![1]!;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no SMS code arrived for ${phone}`);
}

/** Axe, no horizontal scroll and a screenshot at 1280 px, then the same at 375 px. */
export async function checkBothWidths(page: Page, name: string) {
  // From the top, so the sticky header is not painted over the middle of a full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(200);
}
