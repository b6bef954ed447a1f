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

// The demo citizen whose СНИЛС the registries confirmed (server/src/seed/demo.ts).
const phone = '+79001000001';
const PASSWORD = 'kabinet-demo-2026';

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

describe('e-signature in Chromium', () => {
  it('obtains a certificate for a key made in the browser', async () => {
    await page.goto(server.url + '/login');
    await page.getByLabel('Телефон, почта или СНИЛС').fill(phone);
    await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
    const sent = Date.now() - 1000;
    await page.getByRole('button', { name: 'Войти', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Подтвердите вход' }).waitFor();
    await page.getByRole('group', { name: 'Код из SMS' }).getByLabel('Цифра 1 из 6').click();
    await page.keyboard.type(await smsCode(sent), { delay: 20 });
    await expect
      .poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 })
      .toContain('Здравствуйте');

    await page.goto(server.url + '/settings/esign');
    await page.getByRole('heading', { name: 'Электронная подпись', level: 1 }).waitFor();
    await page.getByText('В этом браузере пока нет сертификатов.').waitFor();
    await page.getByLabel('Фамилия').fill('Иванов');
    await page.getByRole('textbox', { name: /^Имя/ }).fill('Иван');
    await page.getByLabel('Отчество (если есть)').fill('Петрович');
    await page.getByLabel('СНИЛС').fill('112-233-445 95');
    await page.getByRole('button', { name: 'Получить сертификат' }).click();
    await page.getByText('Иванов Иван Петрович').first().waitFor();
    // The key is not extractable: the page can sign with it but never read it.
    const extractable = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const req = indexedDB.open('kabinet-esign');
          req.onsuccess = () => {
            const all = req.result.transaction('tokens').objectStore('tokens').getAll();
            all.onsuccess = () =>
              resolve((all.result as Array<{ keys: CryptoKeyPair }>)[0]!.keys.privateKey.extractable);
          };
        }),
    );
    expect(extractable).toBe(false);
    await check('esign-settings-desktop');
    await page.setViewportSize(PHONE);
    await check('esign-settings-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('logs out and logs in with the e-signature and the password', async () => {
    await page.getByRole('button', { name: /меню профиля/ }).click();
    await page.getByRole('menuitem', { name: 'Выйти' }).click();
    await page.getByRole('link', { name: 'Войти' }).first().waitFor();
    await page.goto(server.url + '/login');
    await page.getByRole('link', { name: 'Войти по электронной подписи' }).click();
    await page.getByRole('heading', { name: 'Вход по электронной подписи', level: 1 }).waitFor();
    await page.getByText('Иванов Иван Петрович').waitFor();
    await check('esign-login-desktop');
    await page.getByRole('button', { name: 'Подписать и войти' }).click();
    await page.getByText('Подпись проверена. Введите пароль').waitFor();
    expect((await page.request.get(server.url + '/api/me')).status()).toBe(401);
    await page.setViewportSize(PHONE);
    await check('esign-login-password-phone');
    await page.setViewportSize(DESKTOP);
    await page.getByLabel('Пароль').fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await expect
      .poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 })
      .toContain('Здравствуйте');
    await page.goto(server.url + '/settings/security?tab=history');
    await page.getByText('Электронная подпись + Пароль').first().waitFor();
  });
});
