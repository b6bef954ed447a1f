import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { bundledGeoIpDir, locate } from '../../platform/geoip';
import { waitForSms } from '../../platform/messaging';
import { createTestApp, testDriver, TestBrowser, type TestApp } from '../../test/harness';
import { createAccount, signInWithSms } from './testing';
import { blockedSources, loginHistory } from './schema';

// Addresses the bundled DB-IP Lite database places far apart.
const MOSCOW = '77.88.8.8';
const MOSCOW_OTHER = '95.167.1.1';
const MOUNTAIN_VIEW = '8.8.8.8';
const ST_PETERSBURG = '5.44.40.1';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { geoIpDir: bundledGeoIpDir() } });
});
afterAll(async () => t?.close());

describe(`impossible travel on ${testDriver}`, () => {
  it('knows where the test addresses are', () => {
    expect(locate(MOSCOW)).toMatchObject({ country: 'RU' });
    expect(locate(MOUNTAIN_VIEW)).toMatchObject({ country: 'US' });
    expect(locate('192.0.2.1')).toBeNull();
    expect(locate('not an address')).toBeNull();
  });

  it('refuses a login from the other side of the world minutes later, blocks the address and tells owner and staff', async () => {
    const user = await createAccount(t);
    const guard = await createAccount(t, { roles: ['citizen', 'security'] });
    const home = new TestBrowser(t.app, undefined, MOSCOW);
    expect((await signInWithSms(t, home, user.phone!)).json()).toMatchObject({ status: 'signed_in' });

    // Another Moscow network moments later is no travel at all.
    const office = new TestBrowser(t.app, undefined, MOSCOW_OTHER);
    expect((await signInWithSms(t, office, user.phone!)).json()).toMatchObject({ status: 'signed_in' });

    const since = new Date();
    const far = new TestBrowser(t.app, undefined, MOUNTAIN_VIEW);
    const refused = await signInWithSms(t, far, user.phone!);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/невозможно добраться/);
    expect((await far.get('/api/me')).statusCode).toBe(401);

    // The address stays blocked, even with the right password.
    const again = await far.post('/api/auth/login', {
      login: user.phone,
      password: 'зелёный трамвай едет к морю',
    });
    expect(again.statusCode).toBe(429);
    const [block] = await t.ctx.db
      .select()
      .from(blockedSources)
      .where(and(eq(blockedSources.ip, MOUNTAIN_VIEW), eq(blockedSources.reason, 'impossible_travel')));
    expect(block!.blockedUntil.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);

    const notice = await waitForSms(t.ctx, user.phone!, { since, purpose: 'security.impossible_travel' });
    expect(notice.text).toMatch(/Подозрительный вход отклонён/);

    const history = (await home.get('/api/auth/history')).json<{
      items: Array<{ result: string; location: string | null; resultLabel: string }>;
    }>();
    const travel = history.items.find((i) => i.result === 'impossible_travel');
    expect(travel).toMatchObject({ resultLabel: 'Отклонён: невозможное перемещение' });
    expect(travel!.location).toMatch(/Соединенные Штаты/);
    expect(history.items.find((i) => i.result === 'succeeded')!.location).toMatch(/Россия/);

    // Security staff see the event with the route; a citizen may not look.
    const staff = new TestBrowser(t.app, undefined, MOSCOW);
    await signInWithSms(t, staff, guard.phone!);
    const events = await staff.get('/api/security/events');
    expect(events.statusCode).toBe(200);
    const event = events
      .json<{ items: Array<{ action: string; description: string; ip: string; account: { id: string } }> }>()
      .items.find((e) => e.action === 'identity.login.impossible_travel');
    expect(event).toMatchObject({ ip: MOUNTAIN_VIEW, account: { id: user.id } });
    expect(event!.description).toMatch(/Россия → .*Соединенные Штаты: [\d\s ]+ км за \d+ мин/);
    expect((await home.get('/api/security/events')).statusCode).toBe(403);
    expect((await new TestBrowser(t.app).get('/api/security/events')).statusCode).toBe(401);
  });

  it('lets a person fly: the same distance after a day is fine', async () => {
    const user = await createAccount(t);
    const home = new TestBrowser(t.app, undefined, MOSCOW);
    expect((await signInWithSms(t, home, user.phone!)).json()).toMatchObject({ status: 'signed_in' });
    // The last login was a day ago.
    await t.ctx.db
      .update(loginHistory)
      .set({ at: new Date(Date.now() - 24 * 3600_000) })
      .where(eq(loginHistory.userId, user.id));
    const abroad = new TestBrowser(t.app, undefined, ST_PETERSBURG);
    expect((await signInWithSms(t, abroad, user.phone!)).json()).toMatchObject({ status: 'signed_in' });
  });
});
