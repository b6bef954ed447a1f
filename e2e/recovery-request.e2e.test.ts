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

// «Нет доступа к телефону и почте» in Chromium: a citizen who lost both contacts opens a recovery
// request with the passport, the birth date and the security question, completes it at the bank
// simulator, sets a new phone and password and signs in with them; then, having lost them again,
// completes a new request at the МФЦ operator console and activates access by the link.
// The citizen is made through the API: the demo «упрощённая» account (Смирнов) sends the data the
// registries and the bank simulator know (Соколов Д. А.) and sets a security question.

let server: SpawnedServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const CITIZEN = { login: 'smirnov@demo.kabinet.ru', phone: '+79001000003', password: 'kabinet-demo-2026' };
const OPERATOR = { login: 'mfc@demo.kabinet.ru', phone: '+79001000010', password: 'kabinet-demo-2026' };
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
const ANSWER = 'Ёлкина Мария';
const NEW_PHONE = '+79001000077';
const MFC_PHONE = '+79001000078';
const NEW_PASSWORD = 'лунная дорожка на тихой воде';
const MFC_PASSWORD = 'горный ручей бежит к долине';

/** The newest SMS of a purpose sent to a number after `after`, from the dev outbox — as from a phone. */
async function sms(to: string, after: number, purpose: string): Promise<string> {
  for (let i = 0; i < 120; i++) {
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
  // From the top: a full-page shot of a scrolled page repeats the sticky header mid-page.
  await p.evaluate(() => window.scrollTo(0, 0));
  await expectNoHorizontalScroll(p);
  await expectAccessible(p);
  await screenshot(p, name);
}

/** The same page at 1280 and at 375 px: no horizontal scroll, axe clean, a screenshot of each. */
async function checkBoth(p: Page, name: string) {
  await check(p, `${name}-1280`);
  await p.setViewportSize(PHONE);
  await p.waitForTimeout(300);
  await check(p, `${name}-375`);
  await p.setViewportSize(DESKTOP);
  await p.waitForTimeout(200);
}

/** Password + SMS code through the API, as a signed-in browser context. */
async function apiSignIn(
  request: APIRequestContext,
  who: { login: string; phone: string; password: string },
) {
  const csrf = async () =>
    ((await (await request.get(`${server.url}/api/csrf`)).json()) as { token: string }).token;
  const token = await csrf();
  const sent = Date.now() - 1000;
  const login = await request.post(`${server.url}/api/auth/login`, {
    data: { login: who.login, password: who.password },
    headers: { 'x-csrf-token': token },
  });
  expect(login.status(), await login.text()).toBe(200);
  const verify = await request.post(`${server.url}/api/auth/login/verify`, {
    data: { factor: 'sms', code: codeOf(await sms(who.phone, sent, 'code.login')) },
    headers: { 'x-csrf-token': token },
  });
  expect(await verify.json()).toEqual({ status: 'signed_in' });
  return csrf;
}

/** Смирнов becomes standard with Соколов's data (the registries confirm them) and sets a security question. */
async function prepareCitizen(request: APIRequestContext) {
  const csrf = await apiSignIn(request, CITIZEN);
  const submit = await request.post(`${server.url}/api/identity/standard`, {
    data: SOKOLOV,
    headers: { 'x-csrf-token': await csrf() },
  });
  expect(submit.status(), await submit.text()).toBe(202);
  for (let i = 0; ; i++) {
    const status = (await (await request.get(`${server.url}/api/identity/standard`)).json()) as {
      level: string;
    };
    if (status.level === 'standard') break;
    if (i > 120) throw new Error('the registries did not confirm the data');
    await new Promise((r) => setTimeout(r, 500));
  }
  const question = await request.put(`${server.url}/api/auth/security-question`, {
    data: { questionKey: 'first_teacher', answer: ANSWER },
    headers: { 'x-csrf-token': await csrf() },
  });
  expect(question.status(), await question.text()).toBe(200);
  const logout = await request.post(`${server.url}/api/auth/logout`, {
    headers: { 'x-csrf-token': await csrf() },
  });
  expect(logout.status()).toBe(200);
}

/** Passport and birth date, then the answer: the request page with its number. */
async function openRequest(p: Page) {
  await p.getByLabel('Серия и номер паспорта').fill(SOKOLOV.passport);
  await p.getByLabel('Дата рождения').fill('03061979');
  await p.getByRole('button', { name: 'Продолжить' }).click();
  await p.getByRole('heading', { name: 'Ответьте на контрольный вопрос' }).waitFor();
  await p.getByLabel('Как звали вашего первого учителя?').fill(ANSWER);
  await p.getByRole('button', { name: 'Открыть запрос' }).click();
  await p.getByRole('heading', { name: /Запрос № ВД-\d{4}-\d{4} открыт/ }).waitFor();
  return ((await p.getByTestId('request-number').textContent()) ?? '').trim();
}

beforeAll(async () => {
  server = await startServer({ REGISTRIES_SIM_DELAY_MS: '0' });
  browser = await launchBrowser();
  context = await newContext(browser, DESKTOP);
  // Generous waits: the journey runs beside other test suites on two cores.
  context.setDefaultTimeout(60_000);
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('contacts-lost recovery request in Chromium', () => {
  let firstNumber = '';

  it('opens a request with the passport and the security question, completes it at the bank, sets a new phone and password and signs in', async () => {
    await prepareCitizen(context.request);

    await page.goto(server.url + '/recovery');
    await page.getByRole('link', { name: 'Нет доступа к телефону и почте' }).click();
    await page.getByRole('heading', { name: 'Нет доступа к телефону и почте', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Паспорт и дата рождения' }).waitFor();
    // Nothing typed: inline Russian errors, nothing sent.
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('heading', { name: 'Проверьте данные' }).waitFor();
    await page.getByText('Введите серию и номер паспорта').first().waitFor();
    await checkBoth(page, 'recovery-request-passport');

    // The masks show the familiar layout while the person types.
    await page.getByLabel('Серия и номер паспорта').fill(SOKOLOV.passport);
    expect(await page.getByLabel('Серия и номер паспорта').inputValue()).toBe('40 24 445566');
    await page.getByLabel('Дата рождения').fill('03061979');
    expect(await page.getByLabel('Дата рождения').inputValue()).toBe('03.06.1979');
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('heading', { name: 'Ответьте на контрольный вопрос' }).waitFor();
    // A wrong answer: said, with the tries left; nothing opened.
    await page.getByLabel('Как звали вашего первого учителя?').fill('Петрова');
    await page.getByRole('button', { name: 'Открыть запрос' }).click();
    await page.getByText('Неверный ответ. Осталось попыток: 2.').first().waitFor();
    await checkBoth(page, 'recovery-request-question');
    await page.getByLabel('Как звали вашего первого учителя?').fill('  ёлкина   МАРИЯ ');
    await page.getByRole('button', { name: 'Открыть запрос' }).click();
    await page.getByRole('heading', { name: /Запрос № ВД-\d{4}-\d{4} открыт/ }).waitFor();
    firstNumber = ((await page.getByTestId('request-number').textContent()) ?? '').trim();
    await page.getByRole('heading', { name: 'Через банк' }).waitFor();
    await page.getByRole('heading', { name: 'В МФЦ' }).waitFor();
    await page.getByText(new RegExp(`назовите номер запроса ${firstNumber}`)).waitFor();
    // Knowledge alone opened no session.
    expect((await context.request.get(`${server.url}/api/me`)).status()).toBe(401);
    await checkBoth(page, 'recovery-request-opened');

    // The bank: its own login and consent pages, then back with the result.
    await page.getByRole('button', { name: 'Подтвердить через банк' }).click();
    await page.getByRole('heading', { name: 'Вход в банк' }).waitFor();
    await page.getByLabel('Номер телефона').fill(BANK.phone);
    await page.getByLabel('Пароль от банка').fill(BANK.password);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('heading', { name: /Передать ваши данные/ }).waitFor();
    await page.getByRole('button', { name: 'Разрешить передачу' }).click();
    await page.getByRole('heading', { name: 'Восстановление доступа через банк', level: 1 }).waitFor();
    await page.getByText(/Банк подтвердил вашу личность/).waitFor();
    await checkBoth(page, 'recovery-request-bank-verified');
    await page.getByRole('link', { name: 'Задать новый телефон и пароль' }).click();

    await page.getByRole('heading', { name: 'Новый номер телефона' }).waitFor();
    await page.getByText(/Банк подтвердил вашу личность по запросу/).waitFor();
    // Someone else's number is refused by the field.
    await page.getByLabel('Номер мобильного телефона').fill('+7 900 100-00-01');
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page
      .getByText(/уже указан в другой учётной записи/)
      .first()
      .waitFor();
    await checkBoth(page, 'recovery-request-phone');
    await page.getByLabel('Номер мобильного телефона').fill('+7 900 100-00-77');
    const sent = Date.now() - 1000;
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByRole('heading', { name: 'Подтвердите новый номер' }).waitFor();
    await check(page, 'recovery-request-code-1280');
    await typeCode(page, 'Код из SMS', codeOf(await sms(NEW_PHONE, sent, 'code.contact')));

    await page.getByRole('heading', { name: 'Придумайте новый пароль' }).waitFor();
    await page.getByLabel('Новый пароль', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Новый пароль ещё раз').fill(NEW_PASSWORD);
    await page
      .getByText(/Надёжность пароля/)
      .first()
      .waitFor();
    await checkBoth(page, 'recovery-request-password');
    await page.getByRole('button', { name: 'Восстановить доступ' }).click();
    await page.getByRole('heading', { name: 'Доступ восстановлен' }).waitFor();
    await page.getByText(new RegExp(`Запрос № ${firstNumber} выполнен`)).waitFor();
    await checkBoth(page, 'recovery-request-done');
    // The old phone and the new one were told.
    expect(await sms(CITIZEN.phone, 0, 'security.recovered')).toContain(firstNumber);
    expect(await sms(NEW_PHONE, 0, 'security.recovered')).toContain(firstNumber);

    // Signs in normally: the new phone, the new password and the SMS code to the new phone.
    await page.getByRole('link', { name: 'Войти' }).last().click();
    await page.getByLabel('Телефон, почта или СНИЛС').fill('+7 900 100-00-77');
    await page.getByLabel('Пароль', { exact: true }).fill(NEW_PASSWORD);
    const loginSent = Date.now() - 1000;
    await page.getByRole('button', { name: 'Войти', exact: true }).last().click();
    await page.getByRole('heading', { name: 'Подтвердите вход' }).waitFor();
    await typeCode(page, 'Код из SMS', codeOf(await sms(NEW_PHONE, loginSent, 'code.login')));
    await expect
      .poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 })
      .toContain('Здравствуйте');

    // The owner sees the request in the settings, completed.
    await page.goto(server.url + '/settings/security?tab=question');
    await page.getByRole('heading', { name: 'Запросы на восстановление доступа' }).waitFor();
    await page.getByText(`Запрос № ${firstNumber}`).waitFor();
    await checkBoth(page, 'recovery-request-settings');
    await page.getByRole('button', { name: /меню профиля/ }).click();
    await page.getByRole('menuitem', { name: 'Выйти' }).click();
    await page.getByRole('link', { name: 'Войти' }).first().waitFor();
  }, 300_000);

  it('completes a new request at the МФЦ through the operator console; the citizen activates access by the link', async () => {
    // Lost again: a new request in the citizen's browser.
    await page.goto(server.url + '/recovery/lost');
    const number = await openRequest(page);
    expect(number).not.toBe(firstNumber);

    // The operator signs in and finds the citizen by passport, for recovery.
    const desk = await newContext(browser, DESKTOP);
    desk.setDefaultTimeout(60_000);
    try {
      await apiSignIn(desk.request, OPERATOR);
      const op = await desk.newPage();
      await op.goto(server.url + '/operator');
      await op.getByRole('heading', { name: 'Рабочее место оператора МФЦ', level: 1 }).waitFor();
      await op.getByRole('radio', { name: 'Паспорт' }).check();
      await op.getByLabel('Серия и номер паспорта').fill('40 24 445566');
      await op.getByRole('combobox', { name: 'Цель обращения' }).click();
      await op.getByRole('option', { name: /Восстановление доступа/ }).click();
      await op
        .getByRole('tabpanel', { name: 'Найти гражданина' })
        .getByRole('button', { name: 'Найти' })
        .click();
      const panel = op.getByRole('region', { name: 'Восстановление доступа' });
      await panel.getByText(number).waitFor();
      await checkBoth(op, 'recovery-request-operator-card');

      // A passport that does not match: refused, by the field, nothing changes.
      await panel.getByLabel('Паспорт, предъявленный гражданином').fill('4024 000001');
      await panel.getByLabel('Новый номер мобильного телефона').fill('+7 900 100-00-78');
      await panel.getByRole('button', { name: 'Восстановить доступ' }).click();
      await op
        .getByRole('dialog', { name: 'Восстановить доступ?' })
        .getByRole('button', { name: 'Восстановить доступ' })
        .click();
      await panel
        .getByText(/Паспорт не совпадает/)
        .first()
        .waitFor();

      await panel.getByLabel('Паспорт, предъявленный гражданином').fill('4024 445566');
      await panel.getByRole('button', { name: 'Восстановить доступ' }).click();
      const dialog = op.getByRole('dialog', { name: 'Восстановить доступ?' });
      await dialog.getByText(/\+79001000078/).waitFor();
      await op.waitForTimeout(500); // the dialog's fade-in: axe would measure half-transparent colours
      await check(op, 'recovery-request-operator-confirm-1280');
      const sent = Date.now() - 1000;
      await dialog.getByRole('button', { name: 'Восстановить доступ' }).click();
      await op
        .getByRole('heading', { name: 'Памятка для входа после восстановления доступа', level: 1 })
        .waitFor();
      const tempPassword = ((await op.getByTestId('slip-password').textContent()) ?? '').trim();
      const link = ((await op.getByTestId('slip-link').textContent()) ?? '').trim();
      expect(tempPassword).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
      await checkBoth(op, 'recovery-request-slip');
      // The link went to the new phone by SMS; the temporary password did not.
      const text = await sms(MFC_PHONE, sent, 'mfc.activation');
      expect(text).toContain(new URL(link).pathname);
      expect(text).not.toContain(tempPassword);

      // The citizen's browser sees the request completed at the МФЦ.
      await page.reload();
      await page.getByText(/Доступ восстановлен в МФЦ/).waitFor();
      await check(page, 'recovery-request-completed-at-mfc-1280');

      // The link: the temporary password, an own password, the code to the new phone — signed in.
      await page.goto(link);
      await page.getByText('Доступ к учётной записи восстановили в МФЦ. Осталось три шага.').waitFor();
      await page.getByLabel('Временный пароль', { exact: true }).fill(tempPassword);
      await page.getByRole('button', { name: 'Продолжить' }).click();
      await page.getByRole('heading', { name: 'Придумайте свой пароль' }).waitFor();
      await page.getByLabel('Новый пароль', { exact: true }).fill(MFC_PASSWORD);
      await page.getByLabel('Пароль ещё раз', { exact: true }).fill(MFC_PASSWORD);
      const codeSent = Date.now() - 1000;
      await page.getByRole('button', { name: 'Продолжить' }).click();
      await page.getByRole('heading', { name: 'Подтвердите телефон' }).waitFor();
      await typeCode(page, 'Код из SMS', codeOf(await sms(MFC_PHONE, codeSent, 'code.contact')));
      await page.getByRole('heading', { name: 'Доступ восстановлен' }).waitFor();
      await checkBoth(page, 'recovery-request-activated');
      const me = (await (await context.request.get(`${server.url}/api/me`)).json()) as { phone: string };
      expect(me.phone).toBe(MFC_PHONE);
    } finally {
      await desk.close();
    }
  }, 300_000);
});
