import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
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

// Passkeys in Chromium with its virtual authenticator (DevTools protocol): a platform
// authenticator with biometrics that always succeeds, as a phone's fingerprint reader would.

let server: SpawnedServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;

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

async function signedInHome() {
  await expect
    .poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 })
    .toContain('Здравствуйте');
}

async function logout() {
  await page.getByRole('button', { name: /меню профиля/ }).click();
  await page.getByRole('menuitem', { name: 'Выйти' }).click();
  await page.getByRole('link', { name: 'Войти' }).first().waitFor();
}

/** Axe, no horizontal scroll, and screenshots at 1280 and 375. */
async function checkBothWidths(name: string) {
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

const credentials = async () =>
  (
    (await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as {
      credentials: Array<{ isResidentCredential: boolean; rpId: string; signCount: number }>;
    }
  ).credentials;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, DESKTOP);
  page = await context.newPage();
  cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = (await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })) as { authenticatorId: string });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('passkeys in Chromium (virtual authenticator)', () => {
  it('signs in with the password and an SMS code, then adds a passkey in the settings', async () => {
    await page.goto(server.url + '/login');
    await page.getByLabel('Телефон, почта или СНИЛС').fill(LOGIN);
    await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
    const sent = Date.now() - 1000;
    await page.getByRole('button', { name: 'Войти', exact: true }).last().click();
    await page.getByRole('heading', { name: 'Подтвердите вход' }).waitFor();
    await page.getByRole('group', { name: 'Код из SMS' }).getByLabel('Цифра 1 из 6').click();
    await page.keyboard.type(await smsCode(sent), { delay: 20 });
    await signedInHome();

    await page.goto(server.url + '/settings/security');
    await page.getByRole('heading', { name: 'Ключи доступа' }).waitFor();
    await page.getByText('Ключей доступа пока нет.').waitFor();
    await page.getByLabel('Название нового ключа (необязательно)').fill('Ноутбук');
    await page.getByRole('button', { name: 'Добавить ключ доступа' }).click();
    await page.getByText('Ключ доступа добавлен').first().waitFor();
    const list = page.getByRole('list', { name: 'Добавленные ключи доступа' });
    await list.getByText('Ноутбук').waitFor();
    await page.getByText('Добавлено: 1').waitFor();
    const [credential, ...more] = await credentials();
    expect(more).toEqual([]);
    expect(credential).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
    await checkBothWidths('passkeys-settings');
  });

  it('signs in with the passkey button alone, and the login history shows it', async () => {
    await logout();
    await page.goto(server.url + '/login');
    const button = page.getByRole('button', { name: 'Войти с ключом доступа' });
    await button.waitFor();
    await checkBothWidths('passkeys-login');
    await button.click();
    await signedInHome();
    expect((await credentials())[0]!.signCount).toBeGreaterThan(0);

    await page.goto(server.url + '/settings/security?tab=history');
    await page.getByText('Ключ доступа + Биометрия или PIN-код на устройстве').first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'passkeys-history-desktop');
  });

  it('is offered first as the second factor after the password', async () => {
    await logout();
    await page.goto(server.url + '/login');
    await page.getByLabel('Телефон, почта или СНИЛС').fill(LOGIN);
    await page.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти', exact: true }).last().click();
    const confirm = page.getByRole('button', { name: 'Подтвердить ключом доступа' });
    await confirm.waitFor();
    await expectAccessible(page);
    await screenshot(page, 'passkeys-second-factor-desktop');
    await confirm.click();
    await signedInHome();
    await page.goto(server.url + '/settings/security?tab=history');
    await page.getByText('Пароль + Ключ доступа').first().waitFor();
  });

  it('recovers a forgotten password with the passkey as the second proof', async () => {
    await logout();
    await page.goto(server.url + '/recovery');
    await page.getByLabel('Телефон, почта или СНИЛС').fill(PHONE_NUMBER);
    const sent = Date.now() - 1000;
    await page.getByRole('button', { name: 'Получить код' }).click();
    await page.getByRole('heading', { name: 'Введите код' }).waitFor();
    await page.getByRole('group', { name: 'Код из SMS или письма' }).getByLabel('Цифра 1 из 6').click();
    await page.keyboard.type(await smsCode(sent), { delay: 20 });
    // The phone alone is not enough: the account has a passkey, so the passkey is asked.
    const confirm = page.getByRole('button', { name: 'Подтвердить ключом доступа' });
    await confirm.waitFor();
    await checkBothWidths('passkeys-recovery-proof');
    await confirm.click();
    await page.getByRole('heading', { name: 'Придумайте новый пароль' }).waitFor();
    await page.getByLabel('Новый пароль', { exact: true }).fill('северное сияние над тундрой');
    await page.getByLabel('Новый пароль ещё раз').fill('северное сияние над тундрой');
    await page.getByRole('button', { name: 'Сохранить пароль' }).click();
    await page.getByText('Пароль изменён').first().waitFor();
  });
});
