import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { waitForSms } from '../../platform/messaging';
import { auditLog } from '../../platform/audit';
import { simPostLetters } from '../../simulators/post/schema';
import { validateTrackNumber } from '../../simulators/post/track';
import { createAccount, signInWithSms } from './testing';
import { codeFailures, identityConfirmations, postLetters, users } from './schema';
import { HttpPostGateway, PostError } from './post-gateway';
import { POST_CODE_TTL_MS } from './post';

// The app listens on a real port: the adapter reaches the post simulator mounted in the same server
// over TCP. One simulated day is 100 ms here: a letter reaches the office after 0.3 s and goes back
// unclaimed 30 «days» (3 s) later.

const STEP_MS = 100;
let t: TestApp;

const address = (over: Record<string, unknown> = {}) => ({
  index: '630 099',
  region: 'Новосибирская область',
  city: ' Новосибирск ',
  street: 'ул. Ленина',
  house: '12/1',
  flat: '',
  ...over,
});

type Status = {
  level: string;
  canOrder: boolean;
  orderRefusal: string | null;
  ordersLeft: number;
  letter: null | {
    id: string;
    status: string;
    trackNumber: string | null;
    expiresAt: string | null;
    dispatchedAt: string | null;
    attemptsLeft: number;
    trackingStatus: string | null;
    recipientName: string;
    address: Record<string, unknown>;
    events: Array<{ status: string; title: string }>;
  };
};

async function citizen() {
  const user = await createAccount(t);
  const browser = new TestBrowser(t.app);
  const res = await signInWithSms(t, browser, user.phone!);
  expect(res.statusCode, res.body).toBe(200);
  return { user, browser };
}

const status = async (browser: TestBrowser) => {
  const res = await browser.get('/api/identity/post');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Status>();
};

async function order(browser: TestBrowser, over: Record<string, unknown> = {}) {
  const res = await browser.post('/api/identity/post', { address: address(over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Status>().letter!;
}

/** The code as the recipient reads it from the letter, once it has reached the office. */
async function codeFromMailbox(track: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await t.app.inject({ method: 'GET', url: `/api/dev/post?track=${track}` });
    if (res.statusCode === 200) return /«Кабинет»: (\d{6})/.exec(res.json<{ text: string }>().text)![1]!;
    expect(res.statusCode, res.body).toBe(409);
    if (Date.now() > deadline) throw new Error('the letter never arrived');
    await new Promise((r) => setTimeout(r, 30));
  }
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const lettersOf = (userId: string) =>
  t.ctx.db.select().from(postLetters).where(eq(postLetters.userId, userId));

beforeAll(async () => {
  t = await createTestApp({ config: { postSimStepMs: STEP_MS } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t?.close());

describe(`identity by a Russian Post letter on ${testDriver}`, () => {
  it('orders a letter, follows it to the office, and confirms identity with its code', async () => {
    const { user, browser } = await citizen();
    expect(await status(browser)).toMatchObject({
      level: 'standard',
      canOrder: true,
      ordersLeft: 3,
      letter: null,
    });

    const since = new Date();
    const letter = await order(browser);
    expect(letter).toMatchObject({
      status: 'sent',
      trackingStatus: 'accepted',
      recipientName: 'Тестов Тест',
      address: { index: '630099', city: 'Новосибирск', flat: null, region: 'Новосибирская область' },
      attemptsLeft: 3,
    });
    // A real-format domestic track number from the portal's sender office, with its check digit.
    expect(validateTrackNumber(letter.trackNumber!)).toEqual({ ok: true, value: letter.trackNumber });
    expect(letter.trackNumber!.slice(0, 6)).toBe('101000');
    expect(Date.parse(letter.expiresAt!) - Date.parse(letter.dispatchedAt!)).toBe(POST_CODE_TTL_MS);

    // The recipient collects it at the office while it waits there.
    const mailboxCode = await codeFromMailbox(letter.trackNumber!);
    // The owner is told at dispatch; only the code's HMAC is kept, the code travels sealed.
    const sms = await waitForSms(t.ctx, user.phone!, { since, purpose: 'identity.post_sent' });
    expect(sms.text).toContain(letter.trackNumber!);
    const [row] = await lettersOf(user.id);
    const [sim] = await t.ctx.db
      .select()
      .from(simPostLetters)
      .where(eq(simPostLetters.trackNumber, letter.trackNumber!));
    const code = /«Кабинет»: (\d{6})/.exec(sim!.contents)![1]!;
    expect(row!.codeHash).not.toContain(code);
    expect(JSON.stringify(await status(browser))).not.toContain(code);

    // Tracking advanced with time: sorting centre, the recipient's office, handed over.
    expect(mailboxCode).toBe(code);
    await new Promise((r) => setTimeout(r, 2100)); // past the page's refresh interval
    const tracked = await status(browser);
    expect(tracked.letter!.events.map((e) => e.status)).toEqual([
      'accepted',
      'in_transit',
      'arrived',
      'delivered',
    ]);
    expect(tracked.letter!.events[3]!.title).toBe('Вручено адресату');

    const oldCookie = browser.cookie;
    const done = await browser.post('/api/identity/post/confirm', { code });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ status: 'confirmed', level: 'confirmed' });
    // The session id was renewed at the level change.
    expect(browser.cookie).not.toBe(oldCookie);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: oldCookie } })).statusCode,
    ).toBe(401);
    expect((await browser.get('/api/me')).json()).toMatchObject({ level: 'confirmed' });
    const [confirmation] = await t.ctx.db
      .select()
      .from(identityConfirmations)
      .where(eq(identityConfirmations.userId, user.id));
    expect(confirmation).toMatchObject({ method: 'post', details: { trackNumber: letter.trackNumber } });
    await waitForSms(t.ctx, user.phone!, { since, purpose: 'identity.confirmed' });
    const after = await status(browser);
    expect(after).toMatchObject({ level: 'confirmed', canOrder: false, letter: { status: 'confirmed' } });

    // The code is single use, and a confirmed account orders no more letters.
    expect((await browser.post('/api/identity/post/confirm', { code })).statusCode).toBe(409);
    expect((await browser.post('/api/identity/post', { address: address() })).statusCode).toBe(409);

    const actions = (
      await t.ctx.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.subjectUserId, user.id))
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['identity.post.ordered', 'identity.post.sent', 'identity.confirmed']),
    );
  });

  it('refuses bad addresses and malformed codes in Russian and changes nothing', async () => {
    const { user, browser } = await citizen();
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ index: '012345' }, 'index'],
      [{ index: 'абвгде' }, 'index'],
      [{ city: '   ' }, 'city'],
      [{ street: '<script>alert(1)</script>' }, 'street'],
      [{ street: 'у'.repeat(151) }, 'street'],
      [{ house: '' }, 'house'],
      [{ flat: 'кв\u0000 1' }, 'flat'],
    ];
    for (const [over, field] of bad) {
      const res = await browser.post('/api/identity/post', { address: address(over) });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      const body = res.json<{ detail: string; errors: Array<{ field: string; message: string }> }>();
      expect(body.errors.map((e) => e.field).join(',')).toContain(field);
      expect(body.errors[0]!.message).toMatch(/[А-Яа-я]/);
    }
    expect((await browser.post('/api/identity/post', {})).statusCode).toBe(400);
    expect((await browser.post('/api/identity/post', { address: 'Москва' })).statusCode).toBe(400);
    expect(await lettersOf(user.id)).toHaveLength(0);

    await order(browser);
    for (const code of ['12345', '12345a', '1234567', '']) {
      const res = await browser.post('/api/identity/post/confirm', { code });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].message).toBe('Введите код из письма — 6 цифр');
    }
    // Malformed input is not a wrong code: nothing counted.
    const [row] = await lettersOf(user.id);
    expect(row!.wrongAttempts).toBe(0);
  });

  it('keeps one active letter at a time', async () => {
    const { user, browser } = await citizen();
    await order(browser);
    const again = await browser.post('/api/identity/post', { address: address({ house: '5' }) });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/Письмо уже в пути/);
    expect(await lettersOf(user.id)).toHaveLength(1);
    expect(await status(browser)).toMatchObject({
      canOrder: false,
      orderRefusal: expect.stringMatching(/уже в пути/),
    });
  });

  it('closes the letter after 3 wrong codes, counts them toward the shared cap, and allows a new order', async () => {
    const { user, browser } = await citizen();
    const letter = await order(browser);
    const code = await codeFromMailbox(letter.trackNumber!);
    const first = await browser.post('/api/identity/post/confirm', { code: wrong(code) });
    expect(first.statusCode).toBe(400);
    expect(first.json().detail).toBe('Неверный код. Осталось попыток: 2.');
    expect((await browser.post('/api/identity/post/confirm', { code: wrong(code) })).json().detail).toBe(
      'Неверный код. Осталось попыток: 1.',
    );
    const third = await browser.post('/api/identity/post/confirm', { code: wrong(code) });
    expect(third.json().detail).toMatch(/введён 3 раза/);
    // Even the right code no longer works.
    expect((await browser.post('/api/identity/post/confirm', { code })).statusCode).toBe(409);
    expect(await status(browser)).toMatchObject({
      level: 'standard',
      canOrder: true,
      letter: { status: 'closed' },
    });
    const failures = await t.ctx.db
      .select()
      .from(codeFailures)
      .where(and(eq(codeFailures.subject, user.id), eq(codeFailures.purpose, 'post_letter')));
    expect(failures).toHaveLength(3);
    const [u] = await t.ctx.db.select().from(users).where(eq(users.id, user.id));
    expect(u!.level).toBe('standard');
    await order(browser);
  });

  it('refuses a code after 30 days from dispatch', async () => {
    const { user, browser } = await citizen();
    const letter = await order(browser);
    const code = await codeFromMailbox(letter.trackNumber!);
    // 30 days have passed since dispatch.
    const dispatched = new Date(Date.now() - POST_CODE_TTL_MS - 60_000);
    await t.ctx.db
      .update(postLetters)
      .set({ dispatchedAt: dispatched, expiresAt: new Date(dispatched.getTime() + POST_CODE_TTL_MS) })
      .where(eq(postLetters.userId, user.id));
    const res = await browser.post('/api/identity/post/confirm', { code });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/Срок действия кода истёк/);
    expect(await status(browser)).toMatchObject({
      level: 'standard',
      canOrder: true,
      letter: { status: 'expired' },
    });
    await order(browser);
  });

  it('notices a letter returned unclaimed after 30 days at the office; a new one can be ordered', async () => {
    const { user, browser } = await citizen();
    const since = new Date();
    await order(browser);
    await new Promise((r) => setTimeout(r, 3 * STEP_MS + 30 * STEP_MS + 2100));
    const s = await status(browser);
    expect(s.letter).toMatchObject({ status: 'returned', trackingStatus: 'returned' });
    expect(s.letter!.events.at(-1)!.title).toBe('Возвращено отправителю: истёк срок хранения');
    await waitForSms(t.ctx, user.phone!, { since, purpose: 'identity.post_returned' });
    await order(browser);
  });

  it('allows at most 3 letters in 30 days', async () => {
    const { user, browser } = await citizen();
    for (let i = 0; i < 3; i++) {
      await order(browser);
      await t.ctx.db.update(postLetters).set({ status: 'returned' }).where(eq(postLetters.userId, user.id));
    }
    const res = await browser.post('/api/identity/post', { address: address() });
    expect(res.statusCode).toBe(429);
    expect(res.json().detail).toMatch(/не больше 3 писем за 30 дней/);
    expect(await lettersOf(user.id)).toHaveLength(3);
  });

  it('refuses a simplified account, and a guest', async () => {
    const { user, browser } = await citizen();
    await t.ctx.db.update(users).set({ level: 'simplified' }).where(eq(users.id, user.id));
    const res = await browser.post('/api/identity/post', { address: address() });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/только для стандартной учётной записи/);
    expect((await browser.post('/api/identity/post/confirm', { code: '123456' })).statusCode).toBe(409);
    expect(await status(browser)).toMatchObject({ canOrder: false, letter: null });
    expect(await lettersOf(user.id)).toHaveLength(0);
    const guest = new TestBrowser(t.app);
    expect((await guest.get('/api/identity/post')).statusCode).toBe(401);
    expect((await guest.post('/api/identity/post', { address: address() })).statusCode).toBe(401);
  });

  it('never shows or accepts one citizen’s letter for another', async () => {
    const a = await citizen();
    const b = await citizen();
    const letter = await order(a.browser);
    const code = await codeFromMailbox(letter.trackNumber!);
    expect((await status(b.browser)).letter).toBeNull();
    expect((await b.browser.post('/api/identity/post/confirm', { code })).statusCode).toBe(409);
    const [mine] = await lettersOf(a.user.id);
    expect(mine).toMatchObject({ status: 'sent', wrongAttempts: 0 });
    const [bRow] = await t.ctx.db.select().from(users).where(eq(users.id, b.user.id));
    expect(bRow!.level).toBe('standard');
  });

  it('marks the letter failed when the post does not take it, and it does not count', async () => {
    const { user, browser } = await citizen();
    const real = t.config.postUrl;
    t.config.postUrl = 'http://127.0.0.1:9/sim/post';
    try {
      const res = await browser.post('/api/identity/post', { address: address() });
      expect(res.statusCode).toBe(503);
      expect(res.json().detail).toMatch(/Почта России сейчас не принимает письма/);
    } finally {
      t.config.postUrl = real;
    }
    expect(await lettersOf(user.id)).toMatchObject([{ status: 'failed', trackNumber: null }]);
    expect(await status(browser)).toMatchObject({ canOrder: true, ordersLeft: 3 });
    await order(browser);
  });

  it('the simulator refuses unsigned requests, and the adapter refuses answers signed with another key', async () => {
    const unsigned = await t.app.inject({
      method: 'POST',
      url: '/sim/post/letters',
      payload: { requestId: 'kbn-post-unsigned', contents: 'x' },
    });
    expect(unsigned.statusCode).toBe(401);
    const forged = new HttpPostGateway({
      baseUrl: () => t.config.postUrl!,
      secret: 'x'.repeat(40),
      timeoutMs: 2000,
    });
    await expect(forged.track('10100032000010')).rejects.toMatchObject({ code: 'bad_status' });
    expect(PostError).toBeDefined();
    const real = new HttpPostGateway({
      baseUrl: () => t.config.postUrl!,
      secret: t.config.postSecret,
      timeoutMs: 2000,
    });
    const sent = await real.send({
      requestId: 'kbn-post-direct-1',
      sender: { name: 'Кабинет', index: '101000' },
      recipient: {
        name: 'Иванов Иван',
        address: {
          index: '101000',
          region: null,
          city: 'Москва',
          street: 'Тверская',
          house: '1',
          flat: null,
        },
      },
      contents: 'Текст',
    });
    // The same idempotency key never makes a second letter.
    const again = await real.send({
      requestId: 'kbn-post-direct-1',
      sender: { name: 'Кабинет', index: '101000' },
      recipient: {
        name: 'Иванов Иван',
        address: {
          index: '101000',
          region: null,
          city: 'Москва',
          street: 'Тверская',
          house: '1',
          flat: null,
        },
      },
      contents: 'Текст',
    });
    expect(again.trackNumber).toBe(sent.trackNumber);
    expect((await real.track(sent.trackNumber)).events[0]).toMatchObject({ status: 'accepted' });
    const bad = await t.app.inject({ method: 'GET', url: '/api/dev/post?track=10100032000011' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail ?? JSON.stringify(bad.json())).toMatch(/контрольная цифра/);
  });
});
