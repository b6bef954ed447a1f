import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
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

// «Войти через банк» in Chromium: a standard-level citizen confirms identity at the simulated bank
// (its own login and consent pages), then signs out and signs in through the bank. The citizen is
// made through the API: the demo «упрощённая» account sends a person the registries know.

let server: SpawnedServer;
let browser: Browser;
/** When the setup's login code went: the next code to that phone may go 60 s later (PRODUCT.md §1). */
let firstCodeAt = 0;

const CITIZEN = { login: 'smirnov@demo.kabinet.ru', phone: '+79001000003', password: 'kabinet-demo-2026' };
/** A bank customer of the seed (Соколов Д. А.), whose data the registries also know. */
const BANK = { phone: '+7 900 100-00-20', password: 'bank-demo-2026' };
const SOKOLOV = {
  lastName: 'Соколов',
  firstName: 'Дмитрий',
  middleName: 'Андреевич',
  birthDate: '1979-06-03',
  passport: '4024445566',
  passportIssuedAt: '2024-06-20',
  passportIssuerCode: '780-003',
  snils: '34567890123',
};

/** The newest code sent to the citizen's phone after `after`, read from the development SMS outbox. */
async function smsCode(after: number): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const res = await fetch(`${server.url}/api/dev/sms?to=${encodeURIComponent(CITIZEN.phone)}`);
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

/** Signs the context in through the API (password + SMS code) and raises the account to standard. */
async function makeStandardCitizen(request: APIRequestContext) {
  const csrf = async () =>
    ((await (await request.get(`${server.url}/api/csrf`)).json()) as { token: string }).token;
  let token = await csrf();
  const sent = Date.now() - 1000;
  firstCodeAt = Date.now();
  const login = await request.post(`${server.url}/api/auth/login`, {
    data: { login: CITIZEN.login, password: CITIZEN.password },
    headers: { 'x-csrf-token': token },
  });
  expect(login.status()).toBe(200);
  const verify = await request.post(`${server.url}/api/auth/login/verify`, {
    data: { factor: 'sms', code: await smsCode(sent) },
    headers: { 'x-csrf-token': token },
  });
  expect(await verify.json()).toEqual({ status: 'signed_in' });
  token = await csrf();
  const submit = await request.post(`${server.url}/api/identity/standard`, {
    data: SOKOLOV,
    headers: { 'x-csrf-token': token },
  });
  expect(submit.status(), await submit.text()).toBe(202);
  for (let i = 0; i < 120; i++) {
    const status = (await (await request.get(`${server.url}/api/identity/standard`)).json()) as {
      level: string;
    };
    if (status.level === 'standard') return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the registries did not confirm the data');
}

async function check(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header stays at the top of a full-page shot
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await screenshot(page, name);
}

async function bankLogin(page: Page, name?: string) {
  await page.getByRole('heading', { name: 'Вход в банк' }).waitFor();
  if (name) await check(page, name);
  await page.getByLabel('Номер телефона').fill(BANK.phone);
  await page.getByLabel('Пароль от банка').fill(BANK.password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
}

beforeAll(async () => {
  server = await startServer({ REGISTRIES_SIM_DELAY_MS: '0' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('«Войти через банк» in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  afterAll(async () => context?.close());

  it('confirms identity at the bank, then signs in through the bank', async () => {
    context = await newContext(browser, DESKTOP);
    page = await context.newPage();
    await makeStandardCitizen(context.request);

    await page.goto(server.url + '/profile/level');
    const confirm = page.getByRole('button', { name: 'Подтвердить через банк' });
    await confirm.waitFor();
    await expectAccessible(page);
    await confirm.click();

    await bankLogin(page, 'bank-login-1280');
    await page.getByRole('heading', { name: /Передать ваши данные/ }).waitFor();
    await page.getByText('Соколов Дмитрий Андреевич').waitFor();
    await check(page, 'bank-consent-1280');
    await page.getByRole('button', { name: 'Разрешить передачу' }).click();

    await page.getByText('Личность подтверждена через банк').waitFor();
    await check(page, 'bank-confirmed-1280');
    const me = (await (await context.request.get(`${server.url}/api/me`)).json()) as { level: string };
    expect(me.level).toBe('confirmed');

    // Sign out, then in through the bank: the bank asked only a password, so Kabinet asks the SMS code.
    await page.getByRole('button', { name: /меню профиля/ }).click();
    await page.getByRole('menuitem', { name: 'Выйти' }).click();
    await page.getByRole('link', { name: 'Войти' }).first().waitFor();
    await page.goto(server.url + '/login');
    await page.getByRole('button', { name: 'Войти через банк' }).click();
    await bankLogin(page);
    await page.getByRole('heading', { name: 'Подтвердите вход' }).waitFor();
    await check(page, 'bank-login-second-factor-1280');
    await page.waitForTimeout(Math.max(0, firstCodeAt + 61_000 - Date.now()));
    const sent = Date.now() - 1000;
    await page
      .getByRole('button', { name: /Получить код|Отправить код/ })
      .first()
      .click();
    const code = await smsCode(sent);
    await page.getByLabel('Цифра 1 из 6').click();
    await page.keyboard.type(code, { delay: 20 });
    await page.waitForURL(server.url + '/');
    const after = (await (await context.request.get(`${server.url}/api/me`)).json()) as { level: string };
    expect(after.level).toBe('confirmed');
    await expectAccessible(page);
  });

  it('shows the bank pages at phone width, and a refusal changes nothing', async () => {
    const phone = await newContext(browser, PHONE);
    const p = await phone.newPage();
    await p.goto(server.url + '/register');
    const entry = p.getByRole('button', { name: 'Зарегистрироваться через банк' });
    await entry.waitFor();
    await p
      .getByRole('region', { name: 'Зарегистрироваться через банк' })
      .getByRole('checkbox', { name: /пользовательское соглашение/ })
      .check();
    await entry.click();
    await bankLogin(p, 'bank-login-375');
    await p.getByRole('heading', { name: /Передать ваши данные/ }).waitFor();
    await check(p, 'bank-consent-375');
    await p.getByRole('button', { name: 'Отказать' }).click();
    await p.getByText(/отказались передавать данные/).waitFor();
    await check(p, 'bank-refused-375');
    expect((await phone.request.get(`${server.url}/api/me`)).status()).toBe(401);
    await phone.close();
  });
});
