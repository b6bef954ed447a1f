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

// Journeys of the recovery page («Забыли пароль?» / «Разблокировать аккаунт»), the SMS-code login,
// the standard-level form and the security question, on the seeded demo accounts. Codes are read
// from the dev SMS outbox and mailbox, as a person reads them on a phone.

let server: SpawnedServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const DEMO_PASSWORD = 'kabinet-demo-2026';
const NEW_PASSWORD = 'синий кит плывёт на север 7';
const IVANOV = '+79001000001';
const PETROVA = { phone: '+79001000002', email: 'petrova@demo.kabinet.ru' };
const SMIRNOV = '+79001000003';

async function latestCode(kind: 'sms' | 'mail', to: string, after: number): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const res = await fetch(`${server.url}/api/dev/${kind}?to=${encodeURIComponent(to)}`);
    const { messages } = (await res.json()) as {
      messages: Array<{ text: string | null; createdAt?: string; receivedAt?: string }>;
    };
    const m = messages[0];
    const at = Date.parse(m?.createdAt ?? m?.receivedAt ?? '');
    if (m && at >= after) {
      const code = /(\d{6})/.exec(m.text ?? '')?.[1];
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no ${kind} code for ${to}`);
}

async function typeCode(label: string, code: string) {
  await page.getByRole('group', { name: label }).getByLabel('Цифра 1 из 6').click();
  await page.keyboard.type(code, { delay: 20 });
}

async function check(name: string) {
  // From the top: a full-page shot of a scrolled page repeats the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await screenshot(page, name);
}

/** The same page at 1280 and at 375 px: no horizontal scroll, axe clean, a screenshot of each. */
async function checkBoth(name: string) {
  await check(`${name}-1280`);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(200);
  await check(`${name}-375`);
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(100);
}

async function logout() {
  await page.getByRole('button', { name: /меню профиля/ }).click();
  await page.getByRole('menuitem', { name: 'Выйти' }).click();
  await page.getByRole('link', { name: 'Войти' }).first().waitFor();
}

async function signIn(phone: string, password: string) {
  await page.goto(server.url + '/login');
  await page.getByLabel('Телефон, почта или СНИЛС').fill(phone);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  const sent = Date.now() - 1000;
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.getByRole('heading', { name: 'Подтвердите вход' }).waitFor();
  await typeCode('Код из SMS', await latestCode('sms', phone, sent));
  await expect
    .poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 })
    .toContain('Здравствуйте');
}

beforeAll(async () => {
  // A small registry delay: the standard form shows its pending state before the answer.
  server = await startServer({ REGISTRIES_SIM_DELAY_MS: '1500' });
  browser = await launchBrowser();
  context = await newContext(browser, DESKTOP);
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('recovery, SMS login and the account level in Chromium', () => {
  it('recovers a forgotten password of a locked account, then signs in with the new one + SMS', async () => {
    // Three wrong passwords lock the account; the login page points to recovery.
    await page.goto(server.url + '/login');
    await page.getByLabel('Телефон, почта или СНИЛС').fill(PETROVA.phone);
    for (let i = 0; i < 3; i++) {
      await page.getByLabel('Пароль', { exact: true }).fill('совсем не тот пароль ' + i);
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      await answered;
    }
    await page
      .getByText(/заблокирован/)
      .first()
      .waitFor();
    await page.getByRole('link', { name: 'восстановите доступ' }).click();

    await page.getByRole('heading', { name: 'Восстановление доступа', level: 1 }).waitFor();
    await checkBoth('recovery-start');
    // Nothing typed: an inline Russian error, nothing sent.
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByRole('heading', { name: 'Проверьте данные' }).waitFor();
    await page.getByText('Введите телефон, почту или СНИЛС').first().waitFor();

    await page.getByLabel('Телефон, почта или СНИЛС').fill(PETROVA.phone);
    let sent = Date.now() - 1000;
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByRole('heading', { name: 'Введите код' }).waitFor();
    await page.getByText(/Отправить код повторно через 0:5\d/).waitFor();
    await check('recovery-code-1280');
    // A wrong code first: said inline, the form stays.
    await typeCode('Код из SMS или письма', '000000');
    await page
      .getByText(/Неверный код/)
      .first()
      .waitFor();
    await typeCode('Код из SMS или письма', await latestCode('sms', PETROVA.phone, sent));

    // The account has a phone and an e-mail: a second proof from the other one.
    sent = Date.now() - 1000;
    await page.getByRole('heading', { name: 'Подтвердите ещё одним способом' }).waitFor();
    await page
      .getByText(/Вход заблокирован до/)
      .first()
      .waitFor();
    await page.getByRole('group', { name: 'Код из письма' }).waitFor();
    await checkBoth('recovery-second-proof');
    await typeCode('Код из письма', await latestCode('mail', PETROVA.email, sent));

    await page.getByRole('heading', { name: 'Придумайте новый пароль' }).waitFor();
    await page.getByLabel('Новый пароль', { exact: true }).fill('12345');
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();
    await page.getByRole('heading', { name: 'Проверьте данные' }).waitFor();
    await page.getByLabel('Новый пароль', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Новый пароль ещё раз').fill(NEW_PASSWORD);
    await page
      .getByText(/Надёжность пароля/)
      .first()
      .waitFor();
    await checkBoth('recovery-password');
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();
    await page.getByRole('heading', { name: 'Пароль изменён' }).waitFor();
    await page.getByText(/Все сеансы на всех устройствах завершены/).waitFor();
    await page.getByText(/24 часа нельзя менять/).waitFor();
    await page.getByText(/Блокировка входа снята/).waitFor();
    await checkBoth('recovery-done');

    // The old password no longer works; the new one with an SMS code does (the lock is gone).
    await page.goto(server.url + '/login');
    await page.getByLabel('Телефон, почта или СНИЛС').fill(PETROVA.phone);
    await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page
      .getByText(/Неверный логин или пароль/)
      .first()
      .waitFor();
    await signIn(PETROVA.phone, NEW_PASSWORD);
    await logout();
  });

  it('signs in by an SMS code and then the password, at phone width', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(server.url + '/login');
    await page.getByRole('link', { name: 'Войти по коду из SMS' }).click();
    await page.getByRole('heading', { name: 'Вход по коду из SMS', level: 1 }).waitFor();
    await page.setViewportSize(DESKTOP);
    await checkBoth('sms-login-phone');
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByText('Введите номер телефона').first().waitFor();

    await page.getByLabel('Номер телефона').fill('+7 900 100-00-01');
    const sent = Date.now() - 1000;
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByRole('heading', { name: 'Введите код из SMS' }).waitFor();
    await check('sms-login-code-375');
    await typeCode('Код из SMS', await latestCode('sms', IVANOV, sent));

    // The SMS code replaced the password, not the second factor: now the password.
    await page.getByRole('heading', { name: 'Введите пароль' }).waitFor();
    expect((await page.request.get(server.url + '/api/me')).status()).toBe(401);
    await check('sms-login-password-375');
    await page.getByLabel('Пароль', { exact: true }).fill('не мой пароль вовсе');
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page
      .getByText(/Неверный логин или пароль/)
      .first()
      .waitFor();
    await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await expect
      .poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 })
      .toContain('Здравствуйте');
    await expectNoHorizontalScroll(page);
    await page.setViewportSize(DESKTOP);
    await logout();
  });

  it('raises a simplified account to standard: rejected, corrected, confirmed', async () => {
    await signIn(SMIRNOV, DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Повысить уровень' }).click();
    await page.getByRole('heading', { name: 'Уровень учётной записи', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Данные для стандартной учётной записи' }).waitFor();
    await checkBoth('level-simplified');

    // Empty and malformed fields are caught inline before anything is sent.
    await page.getByLabel('СНИЛС').fill('112-233-445 00');
    await page.getByRole('button', { name: 'Отправить на проверку' }).click();
    await page.getByRole('heading', { name: 'Проверьте данные' }).waitFor();
    await page.getByText('Укажите фамилию').first().waitFor();
    await check('level-form-errors-1280');

    await page.getByLabel('Фамилия').fill('Орлова');
    await page.getByRole('textbox', { name: /^Имя/ }).fill('Ольга');
    await page.getByLabel('Отчество').fill('Ивановна');
    await page.getByLabel('Дата рождения').fill('07071960');
    expect(await page.getByLabel('Дата рождения').inputValue()).toBe('07.07.1960');
    // A passport the МВД lists as lost.
    await page.getByLabel('Серия и номер паспорта').fill('4509999999');
    expect(await page.getByLabel('Серия и номер паспорта').inputValue()).toBe('45 09 999999');
    await page.getByLabel('Дата выдачи паспорта').fill('01.08.2005');
    await page.getByLabel('Код подразделения').fill('660005');
    await page.getByLabel('СНИЛС').fill('56789012343');
    expect(await page.getByLabel('СНИЛС').inputValue()).toBe('567-890-123 43');
    await page.getByRole('button', { name: 'Отправить на проверку' }).click();
    await page.getByText('Данные на проверке').waitFor();
    await check('level-pending-1280');
    await page.getByText('Данные не подтверждены').waitFor({ timeout: 60_000 });
    await page
      .getByText(/Что делать/)
      .first()
      .waitFor();
    await checkBoth('level-rejected');

    // «Исправить данные»: what was sent is filled in; only the passport changes.
    await page.getByRole('button', { name: 'Исправить данные' }).click();
    expect(await page.getByLabel('Фамилия').inputValue()).toBe('Орлова');
    expect(await page.getByLabel('СНИЛС').inputValue()).toBe('567-890-123 43');
    expect(await page.getByLabel('Дата выдачи паспорта').inputValue()).toBe('01.08.2005');
    await page.getByLabel('Серия и номер паспорта').fill('65 05 135790');
    await page.getByRole('button', { name: 'Отправить на проверку' }).click();
    await page.getByText('Данные на проверке').waitFor();
    await page.getByText('Данные подтверждены').waitFor({ timeout: 60_000 });
    // The level changed: the badge says so and the ways to confirm identity appear.
    await page.getByRole('heading', { name: 'Подтвердить личность' }).waitFor();
    await expect.poll(() => page.getByText('Ваш уровень сейчас').count()).toBe(1);
    await checkBoth('level-standard');
  });

  it('sets a security question in the security settings', async () => {
    await page.goto(server.url + '/settings/security?tab=question');
    await page.getByRole('heading', { name: 'Задать контрольный вопрос' }).waitFor();
    await page.getByText('Не задан').waitFor();
    await page.getByRole('button', { name: 'Сохранить вопрос' }).click();
    await page.getByRole('heading', { name: 'Проверьте данные' }).waitFor();
    await checkBoth('security-question-errors');
    await page.getByLabel('Вопрос', { exact: true }).selectOption({ label: 'Свой вопрос' });
    await page.getByLabel('Ваш вопрос').fill('Как звали кота бабушки?');
    await page.getByLabel('Ответ', { exact: true }).fill('Барсик');
    await page.getByLabel('Ответ ещё раз').fill('барсик ');
    await page.getByRole('button', { name: 'Сохранить вопрос' }).click();
    await page.getByText(/Задан: «Как звали кота бабушки\?»/).waitFor();
    await page.getByRole('heading', { name: 'Сменить контрольный вопрос' }).waitFor();
    await checkBoth('security-question-set');
  });
});
