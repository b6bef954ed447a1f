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

// A standard-level citizen (registered and checked by the registries simulator through the API)
// orders a Russian Post letter, follows it, reads the code from the development mailbox and
// becomes подтверждённая. One simulated post day is 1.5 s: the letter is at the office in 4.5 s.

let server: SpawnedServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const phone = '+7913' + String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
const PASSWORD = 'письмо идёт неделю 2026';

async function api<T = unknown>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method === 'POST') {
    const csrf = await page.request.get(server.url + '/api/csrf');
    headers['x-csrf-token'] = ((await csrf.json()) as { token: string }).token;
  }
  const res =
    method === 'GET'
      ? await page.request.get(server.url + path)
      : await page.request.post(server.url + path, { data, headers });
  expect(res.ok(), `${method} ${path}: ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

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

/** The letter from the mailbox once it reaches the office (collecting it, as the recipient does). */
async function letterCode(track: string): Promise<string> {
  for (let i = 0; i < 120; i++) {
    const res = await fetch(`${server.url}/api/dev/post?track=${track}`);
    if (res.status === 200)
      return /«Кабинет»: (\d{6})/.exec(((await res.json()) as { text: string }).text)![1]!;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the letter never arrived');
}

async function check(name: string) {
  for (const [suffix, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page);
    await screenshot(page, `${name}-${suffix}`);
  }
  await page.setViewportSize(DESKTOP);
}

beforeAll(async () => {
  server = await startServer({
    REGISTRIES_SIM_DELAY_MS: '200',
    REGISTRIES_POLL_SECONDS: '1',
    POST_SIM_STEP_MS: '1500',
    ...(process.env.WEB_DIST ? { WEB_DIST: process.env.WEB_DIST } : {}),
  });
  browser = await launchBrowser();
  context = await newContext(browser, DESKTOP);
  page = await context.newPage();
  page.on('pageerror', (err) => console.error('pageerror:', err.message));
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('identity by a Russian Post letter in Chromium', () => {
  it('a standard-level citizen confirms identity with the code from a letter', async () => {
    // Registration and the standard level through the API and the registries simulator.
    let since = Date.now() - 1000;
    await api('POST', '/api/auth/register', { phone, consent: true });
    await api('POST', '/api/auth/register/verify', { code: await smsCode(since) });
    await api('POST', '/api/auth/register/complete', {
      password: PASSWORD,
      lastName: 'Почтова',
      firstName: 'Анна',
    });
    const seq = Math.floor(Math.random() * 900_000) + 100_000;
    const nine = String(300_000_000 + seq);
    await api('POST', '/api/identity/standard', {
      lastName: 'Почтова',
      firstName: 'Анна',
      middleName: 'Сергеевна',
      birthDate: '1991-03-14',
      passport: `45 11 ${seq}`,
      passportIssuedAt: '2011-04-01',
      passportIssuerCode: '770-001',
      snils: `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6)} ${snilsCheckNumber(nine)}`,
    });
    await expect
      .poll(async () => (await api<{ level: string }>('GET', '/api/identity/standard')).level, {
        timeout: 30_000,
      })
      .toBe('standard');

    await page.goto(server.url + '/profile/level/post');
    await page.getByRole('heading', { name: 'Подтверждение личности письмом', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Куда отправить письмо' }).waitFor();
    await check('post-order');

    // Nothing filled in: the form says what is missing, in Russian, next to the fields.
    await page.getByRole('button', { name: 'Заказать письмо' }).click();
    await page.getByRole('heading', { name: 'Проверьте данные' }).waitFor();
    await expect.poll(() => page.getByText('Введите почтовый индекс из 6 цифр').count()).toBeGreaterThan(0);
    await check('post-order-errors');

    await page.getByLabel('Почтовый индекс').fill('630099');
    await page.locator('#post-region').fill('Новосибирская область');
    await page.locator('#post-city').fill('Новосибирск');
    await page.locator('#post-street').fill('Красный проспект');
    await page.locator('#post-house').fill('25');
    await page.locator('#post-flat').fill('14');
    since = Date.now() - 1000;
    await page.getByRole('button', { name: 'Заказать письмо' }).click();
    await page.getByRole('heading', { name: 'Письмо в пути' }).waitFor();
    await page.getByText('Почтова Анна Сергеевна').waitFor();
    await page.getByRole('list', { name: 'Где письмо' }).getByText('Принято в отделении связи').waitFor();
    const status = await api<{ letter: { trackNumber: string; expiresAt: string } }>(
      'GET',
      '/api/identity/post',
    );
    const track = status.letter.trackNumber;
    expect(track).toMatch(/^101000\d{8}$/);
    await page
      .getByText(`${track.slice(0, 6)} ${track.slice(6, 8)} ${track.slice(8, 13)} ${track.slice(13)}`)
      .waitFor();
    // Expiry date in Russian: «23 декабря 2026 г.» style.
    await expect.poll(() => page.locator('dd').nth(4).textContent()).toMatch(/\d{1,2} [а-я]+ \d{4}/);
    await check('post-sent');

    // The letter reaches the office; the page follows it.
    const code = await letterCode(track);
    await page
      .getByRole('list', { name: 'Где письмо' })
      .getByText('Вручено адресату')
      .waitFor({ timeout: 20_000 });
    await check('post-delivered');

    // A wrong code first: it is refused and counted.
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.getByRole('group', { name: 'Код из письма' }).getByLabel('Цифра 1 из 6').click();
    await page.keyboard.type(wrong, { delay: 20 });
    await page.getByText('Неверный код. Осталось попыток: 2.').first().waitFor();
    await page.getByText('Осталось попыток: 2', { exact: true }).waitFor();

    await page.getByRole('group', { name: 'Код из письма' }).getByLabel('Цифра 1 из 6').click();
    await page.keyboard.type(code, { delay: 20 });
    await page.getByText('Личность подтверждена', { exact: true }).waitFor();
    expect((await api<{ level: string }>('GET', '/api/me')).level).toBe('confirmed');
    await check('post-confirmed');
    expect(since).toBeGreaterThan(0);
  });
});
