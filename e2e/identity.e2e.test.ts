import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generate } from 'otplib';
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

const phone = '+7912' + String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
const PASSWORD = 'тёплый ветер над рекой 42';
/** A person the registries simulator knows and the bank simulator's seed has as a customer. */
const SOKOLOV = {
  lastName: 'Соколов',
  firstName: 'Дмитрий',
  middleName: 'Андреевич',
  birthDate: '03.06.1979',
  passport: '4024445566',
  passportIssuedAt: '20.06.2024',
  passportIssuerCode: '780-003',
  snils: '34567890123',
  bankPhone: '+7 900 100-00-20',
  bankPassword: 'bank-demo-2026',
};

/** The newest one-time code sent to a number after `after` — read from the SMS outbox, as from a phone. */
async function smsCode(after: number): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const res = await fetch(`${server.url}/api/dev/sms?to=${encodeURIComponent(phone)}`);
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

async function typeCode(label: string, code: string) {
  await page.getByRole('group', { name: label }).getByLabel('Цифра 1 из 6').click();
  await page.keyboard.type(code, { delay: 20 });
}

async function logout() {
  await page.getByRole('button', { name: /меню профиля/ }).click();
  await page.getByRole('menuitem', { name: 'Выйти' }).click();
  await page.getByRole('link', { name: 'Войти' }).first().waitFor();
}

async function check(name: string) {
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await screenshot(page, name);
}

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

describe('identity journeys in Chromium', () => {
  it('registers with a phone and an SMS code', async () => {
    await page.goto(server.url + '/register');
    await page.getByRole('heading', { name: 'Регистрация', level: 1 }).waitFor();
    await check('identity-register-contact');
    // Nothing filled in: the form says what is missing, in Russian.
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByRole('heading', { name: 'Проверьте данные' }).waitFor();

    await page.getByLabel('Номер мобильного телефона').fill(phone);
    await page.getByRole('checkbox', { name: /Я принимаю/ }).check();
    const sent = Date.now() - 1000;
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByRole('heading', { name: 'Введите код из SMS' }).waitFor();
    await check('identity-register-code');
    await typeCode('Код из SMS', await smsCode(sent));
    await page.getByRole('heading', { name: 'Придумайте пароль' }).waitFor();
    await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Пароль ещё раз').fill(PASSWORD);
    await page.getByLabel('Фамилия').fill(SOKOLOV.lastName);
    await page.getByLabel('Имя', { exact: true }).fill(SOKOLOV.firstName);
    await page.getByRole('button', { name: 'Зарегистрироваться', exact: true }).click();
    await expect
      .poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 })
      .toContain(SOKOLOV.firstName);
    await check('identity-home-signed-in');
  });

  it('reaches the standard level through the registries, then confirms identity through the bank', async () => {
    await page.goto(server.url + '/profile/level');
    await page.getByRole('heading', { name: 'Данные для стандартной учётной записи' }).waitFor();
    await page.getByLabel('Фамилия').fill(SOKOLOV.lastName);
    await page.getByRole('textbox', { name: /^Имя/ }).fill(SOKOLOV.firstName);
    await page.getByLabel('Отчество').fill(SOKOLOV.middleName);
    await page.getByLabel('Дата рождения').fill(SOKOLOV.birthDate);
    await page.getByLabel('Серия и номер паспорта').fill(SOKOLOV.passport);
    await page.getByLabel('Дата выдачи паспорта').fill(SOKOLOV.passportIssuedAt);
    await page.getByLabel('Код подразделения').fill(SOKOLOV.passportIssuerCode);
    await page.getByLabel('СНИЛС').fill(SOKOLOV.snils);
    await page.getByRole('button', { name: 'Отправить на проверку' }).click();
    await page.getByText('Данные подтверждены').waitFor({ timeout: 60_000 });
    await check('identity-level-standard');

    // The bank knows the same person (a customer of the bank simulator's seed) and vouches for it.
    await page.getByRole('button', { name: 'Подтвердить через банк' }).click();
    await page.getByRole('heading', { name: 'Вход в банк' }).waitFor();
    await page.getByLabel('Номер телефона').fill(SOKOLOV.bankPhone);
    await page.getByLabel('Пароль от банка').fill(SOKOLOV.bankPassword);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('heading', { name: /Передать ваши данные/ }).waitFor();
    await page.getByRole('button', { name: 'Разрешить передачу' }).click();
    await page.getByText('Личность подтверждена через банк').waitFor();
    await check('identity-bank-confirmed');
    const me = (await (await page.request.get(server.url + '/api/me')).json()) as { level: string };
    expect(me.level).toBe('confirmed');
  });

  it('logs in with the password and an SMS code — the password alone is not enough', async () => {
    await logout();
    await page.goto(server.url + '/login');
    await page.getByRole('heading', { name: 'Вход в личный кабинет' }).waitFor();
    await check('identity-login');
    await page.getByLabel('Телефон, почта или СНИЛС').fill(phone);
    await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
    const sent = Date.now() - 1000;
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('heading', { name: 'Подтвердите вход' }).waitFor();
    expect((await page.request.get(server.url + '/api/me')).status()).toBe(401);
    await check('identity-login-code');
    await typeCode('Код из SMS', await smsCode(sent));
    await expect
      .poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 })
      .toContain('Здравствуйте');
  });

  it('switches the second factor to an authenticator app and logs in with it', async () => {
    await page.goto(server.url + '/settings/security');
    await page.getByRole('heading', { name: 'Вход и безопасность', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Подключить приложение' }).first().click();
    await page.getByRole('heading', { name: 'Подключение приложения-аутентификатора' }).waitFor();
    await check('identity-totp-setup');
    const secret = ((await page.locator('#totp-secret').textContent()) ?? '')
      .replace('Ключ:', '')
      .replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const enrolCode = await generate({ secret });
    await typeCode('Код из приложения', enrolCode); // the sixth digit submits
    await page.getByText('Приложение подключено').first().waitFor();
    await page.getByText('Подключено: 1').waitFor();

    await logout();
    await page.goto(server.url + '/login');
    await page.getByLabel('Телефон, почта или СНИЛС').fill(phone);
    await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('group', { name: 'Код из приложения' }).waitFor();
    // The enrolment code cannot be replayed: wait for the next 30-second step.
    let code = await generate({ secret });
    while (code === enrolCode) {
      await new Promise((r) => setTimeout(r, 1000));
      code = await generate({ secret });
    }
    await typeCode('Код из приложения', code);
    await expect
      .poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 })
      .toContain('Здравствуйте');
  });

  it('shows every attempt in the login history, at desktop and phone width', async () => {
    await page.goto(server.url + '/settings/security?tab=history');
    await page.getByText('Пароль + Приложение-аутентификатор').first().waitFor();
    await expect.poll(() => page.getByText('Пароль + Код из SMS').count()).toBeGreaterThan(0);
    await check('identity-history-desktop');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300);
    await check('identity-history-phone');
    await page.setViewportSize(DESKTOP);
  });
});
