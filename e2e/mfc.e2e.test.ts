import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { snilsCheckNumber } from '@kabinet/shared';
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

// Acceptance: «an МФЦ operator creates an account that its owner activates».

let server: SpawnedServer;
let browser: Browser;
let operatorContext: BrowserContext;
let citizenContext: BrowserContext | undefined;
let page: Page;

const OPERATOR_LOGIN = 'mfc@demo.kabinet.ru';
const OPERATOR_PHONE = '+79001000010';
const DEMO_PASSWORD = 'kabinet-demo-2026';

const rand = (digits: number) => String(Math.floor(Math.random() * 10 ** digits)).padStart(digits, '0');
const snils9 = String(200_000_000 + Math.floor(Math.random() * 700_000_000));
const citizen = {
  lastName: 'Кузнецова',
  firstName: 'Мария',
  middleName: 'Петровна',
  birthDate: '1985-03-20',
  passport: `45 12 ${rand(6).replace(/^0/, '1')}`,
  passportIssuedAt: '2012-04-10',
  passportIssuerCode: '770-002',
  snils: `${snils9.slice(0, 3)}-${snils9.slice(3, 6)}-${snils9.slice(6)} ${snilsCheckNumber(snils9)}`,
  phone: `+7913${rand(7)}`,
};
const NEW_PASSWORD = 'северный ветер над озером 7';

/** The newest SMS of a purpose sent to a number after `after`, from the dev outbox — as from a phone. */
async function sms(to: string, after: number, purpose: string): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const res = await fetch(`${server.url}/api/dev/sms?to=${encodeURIComponent(to)}`);
    const { messages } = (await res.json()) as {
      messages: Array<{ text: string; createdAt: string; purpose: string }>;
    };
    const m = messages.find((x) => x.purpose === purpose && Date.parse(x.createdAt) >= after);
    if (m) return m.text;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no ${purpose} SMS arrived to ${to}`);
}
const codeOf = (text: string) => /(\d{6})/.exec(text)![1]!;

async function typeCode(p: Page, label: string, code: string) {
  await p.getByRole('group', { name: label }).getByLabel('Цифра 1 из 6').click();
  await p.keyboard.type(code, { delay: 20 });
}

async function check(p: Page, name: string) {
  await expectNoHorizontalScroll(p);
  await expectAccessible(p);
  await screenshot(p, name);
}

async function atPhoneWidth(p: Page, name: string) {
  await p.setViewportSize(PHONE);
  await p.waitForTimeout(300);
  await check(p, name);
  await p.setViewportSize(DESKTOP);
  await p.waitForTimeout(200);
}

beforeAll(async () => {
  server = await startServer({ REGISTRIES_SIM_DELAY_MS: '300', REGISTRIES_POLL_SECONDS: '1' });
  browser = await launchBrowser();
  operatorContext = await newContext(browser, DESKTOP);
  // Generous waits: the journey runs beside other test suites on two cores.
  operatorContext.setDefaultTimeout(60_000);
  page = await operatorContext.newPage();
});
afterAll(async () => {
  await citizenContext?.close();
  await operatorContext?.close();
  await browser?.close();
  await server?.stop();
});

describe('МФЦ operator console in Chromium', () => {
  let link = '';
  let tempPassword = '';

  it('the operator signs in with password and SMS and opens the console from the profile menu', async () => {
    await page.goto(server.url + '/login');
    await page.getByLabel('Телефон, почта или СНИЛС').fill(OPERATOR_LOGIN);
    await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD);
    const sent = Date.now() - 1000;
    await page.getByRole('button', { name: 'Войти', exact: true }).last().click();
    await page.getByRole('heading', { name: 'Подтвердите вход' }).waitFor();
    await typeCode(page, 'Код из SMS', codeOf(await sms(OPERATOR_PHONE, sent, 'code.login')));
    await expect
      .poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 })
      .toContain('Здравствуйте');

    await page.getByRole('button', { name: /меню профиля/ }).click();
    await page.getByRole('menuitem', { name: 'Рабочее место оператора' }).click();
    await page.getByRole('heading', { name: 'Рабочее место оператора МФЦ', level: 1 }).waitFor();
    await check(page, 'mfc-console-desktop');
    await atPhoneWidth(page, 'mfc-console-phone');
  }, 300_000);

  it('creates a walk-in account, follows the registries check and confirms the identity', async () => {
    await page.getByRole('tab', { name: 'Новая учётная запись' }).click();
    // Nothing filled in: Russian field errors, nothing created.
    await page.getByRole('button', { name: 'Создать учётную запись' }).click();
    await page.getByRole('heading', { name: 'Проверьте данные' }).waitFor();
    await check(page, 'mfc-walk-in-errors');

    await page.getByLabel(/^Фамилия/).fill(citizen.lastName);
    await page.getByLabel(/^Имя/).fill(citizen.firstName);
    await page.getByLabel(/^Отчество/).fill(citizen.middleName);
    await page.getByLabel(/^Дата рождения/).fill(citizen.birthDate);
    await page.getByLabel(/^Серия и номер паспорта/).fill(citizen.passport);
    await page.getByLabel(/^Дата выдачи паспорта/).fill(citizen.passportIssuedAt);
    await page.getByLabel(/^Код подразделения/).fill(citizen.passportIssuerCode);
    await page.getByLabel(/^СНИЛС/).fill(citizen.snils);
    await page.getByLabel(/^Мобильный телефон/).fill(citizen.phone);
    await page.getByRole('checkbox', { name: /Гражданин ознакомлен/ }).check();
    await page.getByRole('button', { name: 'Создать учётную запись' }).click();

    await page.getByRole('heading', { name: 'Кузнецова Мария Петровна', level: 2 }).waitFor();
    await page.getByText('Паспорт и СНИЛС подтверждены ведомствами.').waitFor({ timeout: 30_000 });
    await check(page, 'mfc-citizen-card-desktop');
    await atPhoneWidth(page, 'mfc-citizen-card-phone');

    // A wrong passport at the desk is refused, in Russian, by the field.
    await page.getByLabel('Серия и номер предъявленного паспорта').fill('4512 999999');
    await page.getByRole('button', { name: 'Подтвердить личность' }).click();
    await page
      .getByText('Паспорт не совпадает с проверенными данными учётной записи', { exact: false })
      .first()
      .waitFor();

    await page.getByLabel('Серия и номер предъявленного паспорта').fill(citizen.passport);
    await page.getByRole('button', { name: 'Подтвердить личность' }).click();
    await page.getByRole('heading', { name: 'Памятка для активации учётной записи', level: 1 }).waitFor();
    tempPassword = ((await page.getByTestId('slip-password').textContent()) ?? '').trim();
    link = ((await page.getByTestId('slip-link').textContent()) ?? '').trim();
    expect(tempPassword).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    expect(link).toMatch(/\/activate\/[A-Za-z0-9_-]{43}$/);
    await check(page, 'mfc-slip-desktop');
    await atPhoneWidth(page, 'mfc-slip-phone');

    // The link also went to the citizen's phone; the temporary password did not.
    const text = await sms(citizen.phone, 0, 'mfc.activation');
    expect(text).toContain(new URL(link).pathname);
    expect(text).not.toContain(tempPassword);

    // Shown once: after a reload the slip no longer holds the password.
    await page.reload();
    await page.getByRole('heading', { name: 'Памятка уже была показана' }).waitFor();
    expect(await page.content()).not.toContain(tempPassword);
  }, 300_000);

  it('the citizen activates the account: temporary password, own password, SMS code — signed in at подтверждённая', async () => {
    citizenContext = await newContext(browser, DESKTOP);
    citizenContext.setDefaultTimeout(60_000);
    const p = await citizenContext.newPage();
    await p.goto(link);
    await p.getByRole('heading', { name: 'Введите временный пароль' }).waitFor();
    await check(p, 'mfc-activate-desktop');
    await atPhoneWidth(p, 'mfc-activate-phone');
    // Not yet activated: the account cannot sign in.
    expect((await p.request.get(server.url + '/api/me')).status()).toBe(401);

    await p.getByLabel('Временный пароль', { exact: true }).fill('Aaaa-Bbbb-Cccc');
    await p.getByRole('button', { name: 'Продолжить' }).click();
    await p
      .getByText(/Неверный временный пароль/)
      .first()
      .waitFor();

    await p.getByLabel('Временный пароль', { exact: true }).fill(tempPassword);
    await p.getByRole('button', { name: 'Продолжить' }).click();
    await p.getByRole('heading', { name: 'Придумайте свой пароль' }).waitFor();
    await p.getByLabel('Новый пароль', { exact: true }).fill(NEW_PASSWORD);
    await p.getByLabel('Пароль ещё раз', { exact: true }).fill(NEW_PASSWORD);
    await check(p, 'mfc-activate-password');
    const sent = Date.now() - 1000;
    await p.getByRole('button', { name: 'Продолжить' }).click();
    await p.getByRole('heading', { name: 'Подтвердите телефон' }).waitFor();
    await check(p, 'mfc-activate-code');
    await typeCode(p, 'Код из SMS', codeOf(await sms(citizen.phone, sent, 'code.contact')));

    await p.getByRole('heading', { name: 'Учётная запись активирована' }).waitFor();
    await check(p, 'mfc-activated');
    const me = await (await p.request.get(server.url + '/api/me')).json();
    expect(me).toMatchObject({ level: 'confirmed', fullName: 'Кузнецова Мария Петровна' });
    await p.getByRole('link', { name: 'Перейти в личный кабинет' }).click();
    await expect
      .poll(() => p.locator('h1').first().textContent(), { timeout: 15_000 })
      .toContain('Здравствуйте');

    // Single use: the same link now says so, clearly.
    const again = await citizenContext.newPage();
    await again.goto(link);
    await again.getByRole('heading', { name: 'Ссылка не действует' }).waitFor();
    await again.getByText(/уже активирована/).waitFor();
    await check(again, 'mfc-activate-used');
  }, 300_000);
});
