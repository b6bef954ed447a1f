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

// Push to a registered browser in Chromium: browser A (its own context: its own IndexedDB, its own
// non-extractable device key) is registered for login confirmations; browser B logs in with the
// password and waits; A — a portal tab open — shows the request, the number B shows is picked and
// «Это я» signs B in. Then a denial. Headless Chromium reaches no push service, so A registers
// without Web Push and gets requests by polling, as a browser in a closed network would.

let server: SpawnedServer;
let browser: Browser;
let contextA: BrowserContext;
let contextB: BrowserContext;
let a: Page;
let b: Page;

const LOGIN = 'ivanov@demo.kabinet.ru';
const PHONE_NUMBER = '+79001000001';
const PASSWORD = 'kabinet-demo-2026';

async function smsCode(after: number): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const res = await fetch(`${server.url}/api/dev/sms?to=${encodeURIComponent(PHONE_NUMBER)}`);
    const { messages } = (await res.json()) as { messages: Array<{ text: string; createdAt: string }> };
    const m = messages.find((x) => Date.parse(x.createdAt) >= after && /\d{6}/.test(x.text));
    if (m) return /(\d{6})/.exec(m.text)![1]!;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('no SMS arrived');
}

async function signedInHome(page: Page) {
  await expect
    .poll(() => page.locator('h1').first().textContent(), { timeout: 20_000 })
    .toContain('Здравствуйте');
}

/** Axe, no horizontal scroll, and screenshots at 1280 and 375 (of the viewport for a dialog). */
async function checkBothWidths(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await screenshot(page, `${name}-desktop`, options);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
  await screenshot(page, `${name}-phone`, options);
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(200);
}

/** B: login and password; push is preferred, so the request goes out at once. Returns the number shown. */
async function passwordOnB(): Promise<number> {
  await b.goto(server.url + '/login');
  await b.getByLabel('Телефон, почта или СНИЛС').fill(LOGIN);
  await b.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
  await b.getByRole('button', { name: 'Войти', exact: true }).last().click();
  await b.getByRole('heading', { name: 'Подтвердите вход на устройстве' }).waitFor();
  const number = Number(await b.getByTestId('push-number').textContent());
  expect(number).toBeGreaterThanOrEqual(10);
  expect(number).toBeLessThanOrEqual(99);
  return number;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  contextA = await newContext(browser, DESKTOP);
  contextB = await newContext(browser, DESKTOP);
  a = await contextA.newPage();
  b = await contextB.newPage();
});
afterAll(async () => {
  await contextA?.close();
  await contextB?.close();
  await browser?.close();
  await server?.stop();
});

describe('push to a registered browser in Chromium', () => {
  it('A signs in with the password and an SMS code, then registers itself for login confirmations', async () => {
    await a.goto(server.url + '/login');
    await a.getByLabel('Телефон, почта или СНИЛС').fill(LOGIN);
    await a.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
    const sent = Date.now() - 1000;
    await a.getByRole('button', { name: 'Войти', exact: true }).last().click();
    await a.getByRole('heading', { name: 'Подтвердите вход' }).waitFor();
    await a.getByRole('group', { name: 'Код из SMS' }).getByLabel('Цифра 1 из 6').click();
    await a.keyboard.type(await smsCode(sent), { delay: 20 });
    await signedInHome(a);

    await a.goto(server.url + '/settings/security');
    await a.getByRole('heading', { name: 'Подтверждение входа на устройстве' }).waitFor();
    await a.getByText('Устройств пока нет.').waitFor();
    await a.getByLabel('Название этого браузера (необязательно)').fill('Рабочий ноутбук');
    await a.getByRole('heading', { name: 'Подтверждение входа на устройстве' }).scrollIntoViewIfNeeded();
    await screenshot(a, 'push-settings-register-desktop', { fullPage: false });
    await a.getByRole('button', { name: 'Подтверждать вход в этом браузере' }).click();
    await a.getByText('Браузер зарегистрирован').first().waitFor({ timeout: 30_000 });
    const list = a.getByRole('list', { name: 'Устройства, подтверждающие вход' });
    await list.getByText('Рабочий ноутбук').waitFor();
    await list.getByText('Этот браузер').waitFor();
    // No push service here: registered without Web Push, requests come while a tab is open.
    await list.getByText(/Без уведомлений/).waitFor();
    await a.getByText('Этот браузер уже подтверждает вход в ваш кабинет.').waitFor();
    // The key is in IndexedDB and cannot be read out of WebCrypto.
    const stored = await a.evaluate(
      () =>
        new Promise<{ extractable: boolean; type: string; usages: string[] }>((resolve, reject) => {
          const open = indexedDB.open('kabinet-push');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('devices').objectStore('devices').getAll();
            get.onsuccess = () => {
              const key = (get.result[0] as { privateKey: CryptoKey }).privateKey;
              resolve({ extractable: key.extractable, type: key.type, usages: [...key.usages] });
            };
          };
        }),
    );
    expect(stored).toEqual({ extractable: false, type: 'private', usages: ['sign'] });
    await checkBothWidths(a, 'push-settings');
  });

  it('B logs in with the password and push; A shows the request, the number is picked, B is signed in', async () => {
    const number = await passwordOnB();
    await b.getByText('Ждём ответа на устройстве…').waitFor();
    await b.getByText(/«Рабочий ноутбук»/).waitFor();
    expect((await b.request.get(server.url + '/api/me')).status()).toBe(401);
    await checkBothWidths(b, 'push-login-waiting');

    // A: its tab is open on the settings page; the request arrives within a poll.
    const dialog = a.getByRole('dialog', { name: 'Подтвердите вход' });
    await dialog.waitFor({ timeout: 15_000 });
    await dialog.getByText('127.0.0.1').waitFor();
    const choices = dialog.getByRole('radio');
    expect(await choices.count()).toBe(3);
    await a.waitForTimeout(500); // the dialog's opening transition, before axe measures contrast
    await checkBothWidths(a, 'push-request-dialog', { fullPage: false });
    // «Это я» without a number: said inline, nothing sent.
    await dialog.getByRole('button', { name: 'Это я' }).click();
    await dialog.getByText('Выберите число, которое показано на странице входа').waitFor();
    await dialog.getByRole('radio', { name: `Число ${number}` }).click();
    await dialog.getByRole('button', { name: 'Это я' }).click();
    await a.getByText('Вход подтверждён').first().waitFor();
    await dialog.waitFor({ state: 'detached' });

    await signedInHome(b);
    await b.goto(server.url + '/settings/security?tab=history');
    await b.getByText('Пароль + Подтверждение на устройстве').first().waitFor();
    await expectAccessible(b);
    await screenshot(b, 'push-history-desktop');
    await b.getByRole('button', { name: /меню профиля/ }).click();
    await b.getByRole('menuitem', { name: 'Выйти' }).click();
    await b.getByRole('link', { name: 'Войти' }).first().waitFor();
  });

  it('«Это не я» on the approval page refuses B’s login', async () => {
    await a.goto(server.url + '/confirm-login');
    await a.getByRole('heading', { name: 'Подтверждение входа', level: 1 }).waitFor();
    await a.getByText(/Запросов нет/).waitFor();
    await passwordOnB();
    const card = a.getByRole('region', { name: 'Подтвердите вход' });
    await card.waitFor({ timeout: 15_000 });
    await checkBothWidths(a, 'push-confirm-page');
    await card.getByRole('button', { name: 'Это не я' }).click();
    await a.getByText('Вход отклонён').first().waitFor();

    await b.getByText(/нажали «Это не я», поэтому этот вход отменён/).waitFor({ timeout: 15_000 });
    await b.getByRole('button', { name: 'Начать вход заново' }).waitFor();
    expect((await b.request.get(server.url + '/api/me')).status()).toBe(401);
    await checkBothWidths(b, 'push-login-denied');
    // The owner is told by SMS.
    const res = await fetch(`${server.url}/api/dev/sms?to=${encodeURIComponent(PHONE_NUMBER)}`);
    const { messages } = (await res.json()) as { messages: Array<{ text: string }> };
    expect(messages.some((m) => /Это не я/.test(m.text))).toBe(true);
  });

  it('A signs in on itself: its own request dialog repeats the number the page shows', async () => {
    await a.goto(server.url + '/');
    await a.getByRole('button', { name: /меню профиля/ }).click();
    await a.getByRole('menuitem', { name: 'Выйти' }).click();
    await a.getByRole('link', { name: 'Войти' }).first().waitFor();
    await a.goto(server.url + '/login');
    await a.getByLabel('Телефон, почта или СНИЛС').fill(LOGIN);
    await a.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
    await a.getByRole('button', { name: 'Войти', exact: true }).last().click();
    const number = Number(await a.getByTestId('push-number').textContent());
    // Signed out, the browser still answers with its key: the dialog opens over the login page.
    const dialog = a.getByRole('dialog', { name: 'Подтвердите вход' });
    await dialog.waitFor({ timeout: 15_000 });
    await dialog.getByText(`Эта же страница ждёт подтверждения с числом ${number}`).waitFor();
    await dialog.getByRole('radio', { name: `Число ${number}` }).click();
    await dialog.getByRole('button', { name: 'Это я' }).click();
    await signedInHome(a);
  });

  it('the service worker shows «Подтвердите вход в Кабинет» for a Web Push message', async () => {
    await contextA.grantPermissions(['notifications'], { origin: server.url });
    await a.goto(server.url + '/');
    const shown = await a.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return { active: !!registration.active, scope: registration.scope };
    });
    expect(shown.active).toBe(true);
    const cdp = await contextA.newCDPSession(a);
    const registrations: Array<{ registrationId: string; scopeURL: string }> = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: typeof registrations }) =>
      registrations.push(...e.registrations),
    );
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => registrations.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(server.url).origin,
      registrationId: registrations[0]!.registrationId,
      data: JSON.stringify({
        type: 'login',
        challenge: 'x',
        title: 'Подтвердите вход в Кабинет',
        body: 'Откройте, чтобы посмотреть, кто входит, и подтвердить или отклонить.',
      }),
    });
    await expect
      .poll(
        () =>
          a.evaluate(async () =>
            (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => [
              n.title,
              n.data?.url,
            ]),
          ),
        { timeout: 10_000 },
      )
      .toEqual([['Подтвердите вход в Кабинет', '/confirm-login']]);
  });
});
