import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the portal shell in Chromium', () => {
  it('prints its address and the demo logins on start', () => {
    expect(server.output()).toContain('Кабинет запущен: http://localhost:');
    expect(server.output()).toContain('ivanov@demo.kabinet.ru');
  });

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`home page for a guest at ${name} width`, async () => {
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url + '/');
      await expect.poll(() => page.locator('h1').first().textContent()).toContain('Госуслуги онлайн');
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      for (const landmark of ['header', 'main', 'footer'])
        expect(await page.locator(landmark).count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText('Паспорта и документы').count()).toBeGreaterThan(0);
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
      await screenshot(page, `shell-home-${name}`);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`an unknown address shows the 404 page at ${name} width`, async () => {
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      const res = await page.goto(server.url + '/no-such-page');
      expect(res?.status()).toBe(200); // the app shell answers; the router shows its own 404
      await expect.poll(() => page.locator('h1').textContent()).toContain('Страница не найдена');
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
      await screenshot(page, `shell-404-${name}`);
      await context.close();
    });

    it(`the catalogue page at ${name} width`, async () => {
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      await page.goto(server.url + '/services');
      await expect.poll(() => page.locator('h1').textContent()).toMatch(/Услуги|Каталог/);
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
      await screenshot(page, `shell-services-${name}`);
      await context.close();
    });
  }

  it('serves the manifest and the service worker for installation', async () => {
    const manifest = await (await fetch(server.url + '/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({ lang: 'ru', display: 'standalone', start_url: '/' });
    expect(manifest.icons.some((i: { sizes: string }) => i.sizes === '512x512')).toBe(true);
    const sw = await fetch(server.url + '/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers API mistakes over real HTTP with problem+json in Russian, never 500', async () => {
    const unknown = await fetch(server.url + '/api/nope', { headers: { accept: 'application/json' } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect((await unknown.json()).detail).toMatch(/не найден/);
    const csrf = await fetch(server.url + '/api/csrf');
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { token } = await csrf.json();
    const post = (body: string, type: string) =>
      fetch(server.url + '/api/auth/login', {
        method: 'POST',
        body,
        headers: { 'content-type': type, cookie, 'x-csrf-token': token },
      });
    const badJson = await post('{"login":', 'application/json');
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).detail).toMatch(/JSON/);
    const wrongType = await post('login=a', 'application/x-www-form-urlencoded');
    expect(wrongType.status).toBe(415);
    // (An oversized body is answered 413 before it is read; the integration tests check that answer.)
  });

  it('publishes the OpenAPI document and its UI', async () => {
    const doc = await (await fetch(server.url + '/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/auth/login');
    const page = await browser.newPage();
    await page.goto(server.url + '/api/docs');
    await expect.poll(() => page.locator('.swagger-ui').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.close();
  });
});
