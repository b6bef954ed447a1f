// Test helpers for «Войти через банк»: the person's browser at the bank simulator, played by
// inject() — the bank's pages are filled in as forms and its redirects followed until the browser
// is sent back to Kabinet's callback. The app must listen on a real port (`origin`), because
// Kabinet (openid-client) reaches the simulator over HTTP for discovery, the token and userinfo.
import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { expect } from 'vitest';
import { snilsCheckNumber } from '@kabinet/shared';
import type { NewBankCustomer } from '../../simulators/bank';
import type { TestApp, TestBrowser } from '../../test/harness';

export const BANK_PASSWORD = 'пароль-от-банка-2026';

export interface RoundTrip {
  customer: NewBankCustomer & { totpSecret?: string | null };
  /** What the person does on the consent page, when it is shown. */
  consent?: 'allow' | 'refuse';
}

export interface BankResult {
  status: string;
  message: string;
  fields: string[];
  factors: Array<{ type: string }>;
}

let n = 0;
/**
 * A person as the registries confirmed them; each call a new one (valid-looking data, unique within
 * the test run). `seed` keeps two test files apart.
 */
export function bankPerson(overrides: Partial<NewBankCustomer> = {}, seed = 0): NewBankCustomer {
  n += 1;
  const i = seed + n;
  const k = String(i).padStart(4, '0');
  return {
    phone: `+7911333${k}`,
    password: BANK_PASSWORD,
    email: `bank${k}@example.ru`,
    lastName: 'Банкова',
    firstName: 'Ольга',
    middleName: 'Петровна',
    birthDate: '1990-03-15',
    passport: `4510${String(100000 + i)}`,
    passportIssuedAt: '2010-04-01',
    passportIssuerCode: '770-010',
    snils: `${100000000 + i}${snilsCheckNumber(String(100000000 + i))}`,
    ...overrides,
  };
}

/**
 * The browser's side of a bank round trip against the test app listening at `origin` (read when
 * used, so a test file can build the helpers before its beforeAll starts the app).
 */
export function bankBrowser(env: () => { t: TestApp; origin: string }) {
  /** Keeps the cookies a response set in the browser's jar (TestBrowser's own bookkeeping, for raw requests). */
  function keep(browser: TestBrowser, res: LightMyRequestResponse) {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const gone = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (gone) browser.jar.delete(c.name);
      else browser.jar.set(c.name, c.value);
    }
  }

  const pathOf = (location: string) => {
    const url = new URL(location, env().origin);
    return url.pathname + url.search;
  };

  async function get(browser: TestBrowser, path: string) {
    const res = await env().t.app.inject({
      method: 'GET',
      url: path,
      headers: { cookie: browser.cookie, 'user-agent': browser.userAgent },
      remoteAddress: browser.ip,
    });
    keep(browser, res);
    return res;
  }

  async function form(browser: TestBrowser, path: string, fields: Record<string, string>) {
    const res = await env().t.app.inject({
      method: 'POST',
      url: path,
      payload: new URLSearchParams(fields).toString(),
      headers: {
        cookie: browser.cookie,
        'user-agent': browser.userAgent,
        'content-type': 'application/x-www-form-urlencoded',
      },
      remoteAddress: browser.ip,
    });
    keep(browser, res);
    return res;
  }

  /** Follows the bank's redirects until a page is shown or the browser is sent back to Kabinet's callback. */
  async function follow(browser: TestBrowser, res: LightMyRequestResponse) {
    let current = res;
    for (let i = 0; i < 10 && current.statusCode >= 300 && current.statusCode < 400; i++) {
      const location = String(current.headers.location);
      if (pathOf(location).startsWith('/api/auth/bank/callback'))
        return { callback: pathOf(location), page: null };
      current = await get(browser, pathOf(location));
    }
    return { callback: null, page: current };
  }

  const actionOf = (html: string, name: string) => {
    const m = new RegExp(`action="([^"]*/${name})"`).exec(html);
    if (!m) throw new Error(`no form ${name} in ${html.slice(0, 500)}`);
    return m[1]!;
  };

  /** Start → the bank's login (and code) page → consent → back at the callback URL (not yet opened). */
  async function toCallback(
    browser: TestBrowser,
    purpose: string,
    { customer, consent = 'allow' }: RoundTrip,
  ) {
    const start = await browser.post('/api/auth/bank/start', { purpose, consent: true });
    expect(start.statusCode, start.body).toBe(200);
    const url = new URL(start.json<{ url: string }>().url);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    let step = await follow(browser, await get(browser, url.pathname + url.search));
    expect(step.page!.body).toContain('Вход в банк');
    step = await follow(
      browser,
      await form(browser, actionOf(step.page!.body, 'login'), {
        phone: customer.phone,
        password: customer.password,
      }),
    );
    if (step.page?.body.includes('Код из приложения банка')) {
      const code = await generate({ secret: customer.totpSecret! });
      step = await follow(browser, await form(browser, actionOf(step.page.body, 'code'), { code }));
    }
    if (step.page?.body.includes('Передать ваши данные')) {
      expect(step.page.body).toContain('Госуслуги Кабинет');
      step = await follow(
        browser,
        await form(browser, actionOf(step.page.body, consent === 'allow' ? 'confirm' : 'abort'), {}),
      );
    }
    expect(step.callback, step.page?.body).toBeTruthy();
    return step.callback!;
  }

  /** The whole round trip: the callback opened, and the result page's answer read. */
  async function roundTrip(browser: TestBrowser, purpose: string, options: RoundTrip) {
    const callback = await toCallback(browser, purpose, options);
    const back = await get(browser, callback);
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/bank/result');
    const result = await browser.get('/api/auth/bank/result');
    expect(result.statusCode, result.body).toBe(200);
    return { callback, result: result.json<BankResult>() };
  }

  return { get, form, follow, actionOf, toCallback, roundTrip };
}
