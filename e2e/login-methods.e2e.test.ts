import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DESKTOP,
  checkBothWidths,
  launchBrowser,
  newContext,
  smsCodeFor,
  startServer,
  type SpawnedServer,
} from './harness';

// Настройки → Вход и безопасность: the owner switches SMS login off and asks for a password reminder.

let server: SpawnedServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const LOGIN = 'petrova@demo.kabinet.ru';
const PHONE = '+79001000002';
const PASSWORD = 'kabinet-demo-2026';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, DESKTOP);
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('login methods and the password reminder in Chromium', () => {
  it('switches SMS login off in the settings; the SMS login page then gets no code', async () => {
    await page.goto(server.url + '/login');
    await page.getByLabel('Телефон, почта или СНИЛС').fill(LOGIN);
    await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
    const sent = Date.now() - 1000;
    await page.getByRole('button', { name: 'Войти', exact: true }).last().click();
    await page.getByRole('heading', { name: 'Подтвердите вход' }).waitFor();
    await page.getByRole('group', { name: 'Код из SMS' }).getByLabel('Цифра 1 из 6').click();
    await page.keyboard.type(await smsCodeFor(server.url, PHONE, sent), { delay: 20 });
    await expect
      .poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 })
      .toContain('Здравствуйте');

    await page.goto(server.url + '/settings/security');
    const sms = page.getByRole('switch', { name: 'Вход по коду из SMS вместо пароля' });
    await sms.waitFor();
    expect(await sms.isChecked()).toBe(true);
    await sms.click({ force: true });
    await page.getByText('Способ входа отключён').first().waitFor();
    expect(await sms.isChecked()).toBe(false);
    await page.getByRole('heading', { name: 'Способы входа', exact: true }).scrollIntoViewIfNeeded();
    await checkBothWidths(page, 'login-methods');

    await page.goto(server.url + '/settings/security?tab=password');
    const reminder = page.getByLabel('Напоминать о смене пароля').first();
    await reminder.click();
    await page.getByRole('option', { name: 'Раз в 6 месяцев' }).click();
    await page.getByText('Настройка сохранена').first().waitFor();
    await page.getByText(/Следующее напоминание — \d+ \S+ \d{4}/).waitFor();
    await checkBothWidths(page, 'password-reminder');

    // A fresh browser asks for an SMS login: the answer is the usual one, and no code is sent.
    const other = await newContext(browser, DESKTOP);
    const guest = await other.newPage();
    const before = Date.now();
    const res = await guest.request.post(`${server.url}/api/auth/login/sms`, {
      data: { login: PHONE },
      headers: { 'x-csrf-token': await csrfToken(guest) },
    });
    expect(res.status()).toBe(200);
    await guest.waitForTimeout(1500);
    const outbox = await (await fetch(`${server.url}/api/dev/sms?to=${encodeURIComponent(PHONE)}`)).json();
    expect(
      (outbox as { messages: Array<{ createdAt: string; text: string }> }).messages.filter(
        (m) => Date.parse(m.createdAt) >= before && /\d{6}/.test(m.text),
      ),
    ).toEqual([]);
    await other.close();
  });
});

async function csrfToken(p: Page): Promise<string> {
  const res = await p.request.get(`${server.url}/api/csrf`);
  return ((await res.json()) as { token: string }).token;
}
