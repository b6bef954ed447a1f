import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  PHONE,
  expectAccessible,
  expectNoHorizontalScroll,
  launchBrowser,
  newContext,
  screenshot,
  startServer,
  type SpawnedServer,
} from './harness';

let server: SpawnedServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const ADMIN_PHONE = '+79001000014';
const DEMO_PASSWORD = 'kabinet-demo-2026';

async function smsCode(to: string, after: number): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const res = await fetch(`${server.url}/api/dev/sms?to=${encodeURIComponent(to)}`);
    const { messages } = (await res.json()) as { messages: Array<{ text: string; createdAt: string }> };
    const m = messages[0];
    if (m && Date.parse(m.createdAt) >= after) {
      const code = /(\d{6})/.exec(m.text)?.[1];
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('no SMS arrived');
}

async function check(name: string) {
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await screenshot(page, name);
}

beforeAll(async () => {
  // Enough tries per minute for this journey to fail 30 logins from one address.
  server = await startServer({ AUTH_RATE_LIMIT_MAX: '1000' });
  browser = await launchBrowser();
  context = await newContext(browser, DESKTOP);
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('security staff console in Chromium', () => {
  it('shows a blocked address and the event, and lifts the block', async () => {
    await page.goto(server.url + '/login');
    await page.getByLabel('Телефон, почта или СНИЛС').fill(ADMIN_PHONE);
    await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD);
    const sent = Date.now() - 1000;
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('group', { name: 'Код из SMS' }).getByLabel('Цифра 1 из 6').click();
    await page.keyboard.type(await smsCode(ADMIN_PHONE, sent), { delay: 20 });
    await expect
      .poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 })
      .toContain('Здравствуйте');

    // Credential stuffing from this address: wrong passwords for many different logins.
    const { token } = (await (await page.request.get(server.url + '/api/csrf')).json()) as { token: string };
    let last = 0;
    for (let i = 0; i < 31; i++) {
      const res = await page.request.post(server.url + '/api/auth/login', {
        headers: { 'x-csrf-token': token },
        data: { login: `+7900777${String(i).padStart(4, '0')}`, password: 'не тот пароль вовсе' },
      });
      last = res.status();
    }
    expect(last).toBe(429);

    await page.getByRole('button', { name: /меню профиля/ }).click();
    await page.getByRole('menuitem', { name: 'Служба безопасности' }).click();
    await page.getByRole('heading', { name: 'Служба безопасности', level: 1 }).waitFor();
    await page
      .getByRole('cell', { name: 'Много неудачных входов в разные учётные записи' })
      .first()
      .waitFor();
    await page
      .getByRole('cell', { name: 'Адрес заблокирован: неудачные входы в разные учётные записи' })
      .first()
      .waitFor();
    await check('security-staff');

    await page.getByRole('button', { name: 'Снять блокировку' }).first().click();
    await page.getByRole('dialog', { name: 'Снять блокировку адреса?' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Снять блокировку' }).click();
    await page.getByText('Блокировка снята').first().waitFor();
    await page.getByRole('cell', { name: 'Блокировка адреса снята' }).first().waitFor();

    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByRole('heading', { name: 'Подозрительные события' }).waitFor();
    await check('security-staff-phone');
  });

  it('keeps citizens out', async () => {
    const citizen = await newContext(browser, DESKTOP);
    const other = await citizen.newPage();
    expect((await other.request.get(server.url + '/api/security/events')).status()).toBe(401);
    await citizen.close();
  });
});
