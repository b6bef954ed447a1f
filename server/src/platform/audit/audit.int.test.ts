import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db';
import { createTestApp, testDriver, type TestApp } from '../../test/harness';
import { computeAuditHash } from './canonical';
import {
  appendAudit,
  listAuditForSubject,
  readAuditHead,
  verifyAuditChain,
  writeCheckpoint,
  type AuditEntryInput,
} from '.';
import { signCheckpoint, writeCheckpointFile } from './checkpoints';
import type { AuditRow } from './schema';

let t: TestApp;
let database: Database;
let dir: string;
let publicKey: KeyObject;

const CITIZEN = '6f1c2b9e-3a4d-4e5f-8a7b-9c0d1e2f3a4b';
const OFFICER = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const OTHER = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

const verify = (checkpoints: string | null = dir) =>
  verifyAuditChain(database, checkpoints, publicKey, { batchSize: 7 });

/** As the database's owner would, the guard trigger switched off around it. */
async function asOwner(text: string, params: unknown[] = []) {
  await database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
  try {
    return await database.query(text, params);
  } finally {
    await database.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  }
}
async function backup() {
  await database.exec(
    'DROP TABLE IF EXISTS audit_backup; CREATE TABLE audit_backup AS SELECT * FROM audit_log',
  );
}
async function restore() {
  await asOwner('DELETE FROM audit_log');
  await database.exec('INSERT INTO audit_log SELECT * FROM audit_backup');
}

/** The message of a failure, with its cause (Drizzle wraps the database's error). */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return `${e.message} ${e.cause?.message ?? ''}`;
  }
  throw new Error('expected a failure');
}

function sampleEntry(i: number): AuditEntryInput {
  const kinds: AuditEntryInput[] = [
    {
      action: 'identity.login.succeeded',
      actorUserId: CITIZEN,
      actorRole: 'citizen',
      subjectUserId: CITIZEN,
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
      details: { method: 'password', secondFactor: 'totp' },
    },
    {
      action: 'documents.viewed',
      actorUserId: OFFICER,
      actorRole: 'agency_officer',
      subjectUserId: CITIZEN,
      objectType: 'document',
      objectId: `passport-${i}`,
      reason: 'Рассмотрение заявления № 12-345 «Замена паспорта»',
      details: { agency: 'МВД России', fields: ['series', 'number'] },
    },
    { action: 'platform.system.tick', actorRole: 'system', details: {} },
    {
      action: 'profile.updated',
      actorUserId: OTHER,
      actorRole: 'citizen',
      subjectUserId: OTHER,
      ip: '2001:db8::1',
      details: {
        changed: { email: { from: 'a@example.ru', to: 'b@example.ru' } },
        n: i,
        ratio: i / 3,
        nested: [[1, [2, { x: null }]]],
        emoji: '😀',
        quote: '"\\',
      },
    },
  ];
  return kinds[i % kinds.length]!;
}

async function appendMany(n: number) {
  for (let i = 0; i < n; i++) await t.ctx.db.transaction((tx) => appendAudit(tx, sampleEntry(i)));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kabinet-audit-'));
  t = await createTestApp({ config: { auditCheckpointDir: dir, databasePoolMax: 20 } });
  database = t.ctx.database;
  publicKey = createPublicKey(createPrivateKey(t.config.auditSigningKey));
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`audit log on ${testDriver}`, () => {
  it('builds a chain that verifies, from the genesis entry', async () => {
    expect((await verify()).message).toBe(
      'Журнал аудита цел: 0 записей, контрольных точек нет — переписывание всей таблицы так не обнаружить',
    );
    const first = await appendAudit(t.ctx.db, sampleEntry(0)); // no transaction given: opens its own
    expect(first).toMatchObject({ id: 1, prevHash: '0'.repeat(64) });
    await appendMany(19);
    const { rows } = await database.query<{ id: number; prev_hash: string; hash: string }>(
      'SELECT id, prev_hash, hash FROM audit_log ORDER BY id',
    );
    expect(rows.map((r) => Number(r.id))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);

    const checkpoint = await writeCheckpoint(t.ctx);
    expect(checkpoint?.payload).toMatchObject({
      headId: 20,
      count: 20,
      headHash: rows[19]!.hash,
      kind: 'scheduled',
    });
    const result = await verify();
    expect(result).toMatchObject({
      ok: true,
      entries: 20,
      firstId: 1,
      lastId: 20,
      checkpoints: 1,
      unsealed: 0,
      problem: null,
    });
    expect(result.message).toMatch(
      /^Журнал аудита цел: 20 записей, последняя контрольная точка — запись 20 от .+ МСК \(checkpoint-000000000020-.+\.json\)$/,
    );
  });

  it('stores what it hashed: times in milliseconds, details through jsonb, odd characters', async () => {
    const awkward = {
      action: 'probe.awkward',
      actorUserId: CITIZEN.toUpperCase(),
      userAgent: `UA ${'x'.repeat(600)}`,
      reason: 'нулевой\u0000символ и \ud800 одиночный суррогат',
      details: {
        big: 2 ** 53 - 1,
        tiny: 5e-324,
        neg0: -0,
        exp: 1e21,
        float: 0.1 + 0.2,
        deep: { b: [{ d: 1, c: 2 }], a: 'ё' },
        nul: 'a\u0000b',
        when: new Date('2026-01-01T00:00:00.001Z'),
      },
      occurredAt: new Date('2025-06-30T23:59:59.999Z'),
    };
    const appended = await t.ctx.db.transaction((tx) => appendAudit(tx, awkward));
    const [row] = (await listAuditForSubject(t.ctx.db, CITIZEN, { limit: 500 })).entries.filter(
      (e) => e.id === appended.id,
    );
    expect(row).toBeUndefined(); // no subject: not shown to the citizen
    const stored = (
      await database.query<{ actor_user_id: string; user_agent: string; reason: string }>(
        'SELECT actor_user_id, user_agent, reason FROM audit_log WHERE id = $1',
        [appended.id],
      )
    ).rows[0]!;
    expect(stored.actor_user_id).toBe(CITIZEN);
    expect(stored.user_agent).toHaveLength(512);
    expect(stored.reason).toBe('нулевой\uFFFDсимвол и \uFFFD одиночный суррогат');
    expect((await verify()).ok).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE through ordinary SQL', async () => {
    await expect(database.query(`UPDATE audit_log SET action = 'x' WHERE id = 3`)).rejects.toThrow(
      /Журнал аудита только дополняется: UPDATE запрещено/,
    );
    await expect(database.query('DELETE FROM audit_log WHERE id = 3')).rejects.toThrow(
      /только дополняется: DELETE/,
    );
    await expect(database.exec('TRUNCATE audit_log')).rejects.toThrow(/только дополняется: TRUNCATE/);
    // Even the retention switch lets only entries older than 3 years go.
    const refused = await failure(
      t.ctx.db.transaction(async (tx) => {
        await tx.execute(`SELECT set_config('kabinet.audit_retention', 'on', true)`);
        await tx.execute('DELETE FROM audit_log WHERE id = 3');
      }),
    );
    expect(refused).toMatch(/только дополняется: DELETE/);
    expect((await verify()).entries).toBe(21);
  });

  it('detects a change of any single field of any entry and names that entry', async () => {
    await writeCheckpoint(t.ctx);
    await backup();
    const tamper: Record<string, string> = {
      id: 'id = id + 1000',
      occurred_at: `occurred_at = occurred_at + interval '1 millisecond'`,
      actor_user_id: 'actor_user_id = gen_random_uuid()',
      actor_role: `actor_role = coalesce(actor_role, '') || 'x'`,
      subject_user_id: 'subject_user_id = gen_random_uuid()',
      action: `action = action || 'x'`,
      object_type: `object_type = coalesce(object_type, '') || 'x'`,
      object_id: `object_id = coalesce(object_id, '') || 'x'`,
      ip: `ip = coalesce(ip, '') || '1'`,
      user_agent: `user_agent = coalesce(user_agent, '') || ' '`,
      reason: `reason = coalesce(reason, '') || '.'`,
      details: `details = details || '{"tampered": true}'::jsonb`,
      prev_hash: `prev_hash = repeat('a', 64)`,
      hash: `hash = repeat('b', 64)`,
    };
    const ids = [1, 2, 11, 20, 21];
    for (const [field, set] of Object.entries(tamper)) {
      for (const id of ids) {
        await asOwner(`UPDATE audit_log SET ${set} WHERE id = $1`, [id]);
        const result = await verify();
        expect(result.ok, `${field} of ${id}`).toBe(false);
        expect(result.problem?.entryId, `${field} of ${id}: ${result.message}`).toBe(id);
        expect(result.message).toContain(`первая повреждённая запись — ${id}:`);
        await restore();
      }
    }
    expect((await verify()).ok).toBe(true);
  });

  it('detects an entry deleted from the middle', async () => {
    await asOwner('DELETE FROM audit_log WHERE id = 10');
    const result = await verify();
    expect(result.problem?.entryId).toBe(10);
    expect(result.message).toBe(
      'Журнал аудита нарушен, первая повреждённая запись — 10: запись 10 отсутствует (после записи 9 идёт 11) — удалены из середины журнала',
    );
    await restore();
  });

  it('detects a consistent rewrite of the whole table through the signed checkpoint', async () => {
    // The attacker edits entry 5 and recomputes every hash after it: the chain itself is valid again…
    await asOwner(`UPDATE audit_log SET reason = 'подчищено' WHERE id = 5`);
    const rows = await t.ctx.db.query.auditLog.findMany({ orderBy: (a, { asc }) => [asc(a.id)] });
    let prev = rows[3]!.hash;
    for (const row of rows.slice(4)) {
      const hash = computeAuditHash({ ...row, prevHash: prev });
      await asOwner('UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE id = $3', [prev, hash, row.id]);
      prev = hash;
    }
    expect((await verify(null)).ok).toBe(true); // without checkpoints nothing shows
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problem?.entryId).toBe(20); // the first checkpointed entry after the change
    expect(result.message).toMatch(
      /первая повреждённая запись — 20: хеш записи не совпадает с подписанной контрольной точкой checkpoint-000000000020-.*: журнал переписан \(изменены записи с начала журнала по 20 включительно\)/,
    );
    await restore();
    expect((await verify()).ok).toBe(true);
  });

  it('detects a tail cut off at or before the last checkpoint; says how much is not yet sealed', async () => {
    await appendMany(4); // 22…25, after the last checkpoint (21)
    let result = await verify();
    expect(result).toMatchObject({ ok: true, entries: 25, unsealed: 4 });
    expect(result.message).toMatch(/после неё ещё не заверено: 4 записи$/);
    await backup();
    await asOwner('DELETE FROM audit_log WHERE id >= 18');
    result = await verify();
    expect(result.problem?.entryId).toBe(18);
    expect(result.message).toMatch(
      /первая повреждённая запись — 18: записи с 18 по 21 отсутствуют: хвост журнала удалён — последняя запись 17, а контрольная точка checkpoint-000000000021-.* заверяет 21 запись/,
    );
    await asOwner('DELETE FROM audit_log');
    result = await verify();
    expect(result.problem?.entryId).toBe(1);
    expect(result.message).toMatch(/записи с 1 по 21 отсутствуют: журнал пуст/);
    await restore();
    expect((await verify()).ok).toBe(true);
  });

  it('reports forged, damaged and foreign checkpoints', async () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const file = path.join(dir, files[0]!);
    expect(statSync(file).mode & 0o777).toBe(0o444);
    const original = readFileSync(file, 'utf8');
    const cp = JSON.parse(original);
    rmSync(file);
    try {
      writeFileSync(file, JSON.stringify({ ...cp, payload: { ...cp.payload, count: cp.payload.count + 1 } }));
      let result = await verify();
      expect(result.problem).toMatchObject({ entryId: null, checkpoint: files[0] });
      expect(result.message).toBe(
        `Журнал аудита не подтверждён: контрольная точка ${files[0]} подпись неверна — файл изменён или подделан`,
      );
      rmSync(file);
      writeFileSync(file, '{"payload": 1');
      expect((await verify()).message).toContain('файл повреждён');
      rmSync(file);
      const stranger = generateKeyPairSync('ed25519').privateKey;
      const head = (await readAuditHead(t.ctx.db))!;
      writeFileSync(file, JSON.stringify(signCheckpoint(head, stranger, 'manual')));
      result = await verify();
      expect(result.message).toMatch(/подписана неизвестным ключом/);
      // …and verifies with that key among the trusted ones (key rotation).
      expect((await verifyAuditChain(database, dir, [publicKey, createPublicKey(stranger)])).ok).toBe(true);
    } finally {
      rmSync(file, { force: true });
      writeFileSync(file, original, { mode: 0o444 });
    }
  });

  it('never overwrites a checkpoint file', async () => {
    const key = createPrivateKey(t.config.auditSigningKey);
    const head = (await readAuditHead(t.ctx.db))!;
    const when = new Date('2026-11-05T10:00:00.000Z');
    const a = await writeCheckpointFile(dir, signCheckpoint(head, key, 'manual', when));
    const b = await writeCheckpointFile(dir, signCheckpoint(head, key, 'manual', when));
    expect(a).not.toBe(b);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]); // no temporary files left
    expect((await verify()).ok).toBe(true);
  });

  it('leaves no entry behind a rolled-back transaction, and no gap', async () => {
    const before = (await readAuditHead(t.ctx.db))?.id ?? 0;
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await appendAudit(tx, { action: 'probe.doomed' });
        throw new Error('передумали');
      }),
    ).rejects.toThrow('передумали');
    expect((await readAuditHead(t.ctx.db))!.id).toBe(before);
    const { id } = await appendAudit(t.ctx.db, { action: 'probe.after' });
    expect(id).toBe(before + 1);
    expect((await database.query(`SELECT 1 FROM audit_log WHERE action = 'probe.doomed'`)).rows).toHaveLength(
      0,
    );
    expect((await verify()).ok).toBe(true);
  });

  it('refuses a transaction whose snapshot could be older than the lock', async () => {
    await expect(
      t.ctx.db.transaction((tx) => appendAudit(tx, { action: 'probe.rr' }), {
        isolationLevel: 'repeatable read',
      }),
    ).rejects.toThrow(/READ COMMITTED/);
  });

  it('keeps one chain under 50 concurrent transactions', async () => {
    const before = (await readAuditHead(t.ctx.db))?.id ?? 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.ctx.db.transaction(async (tx) => {
          await tx.execute('SELECT pg_sleep(0.002)'); // the action the entry records
          return appendAudit(tx, { ...sampleEntry(i), details: { worker: i } });
        }),
      ),
    );
    expect(results.map((r) => r.id).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => before + 1 + i),
    );
    const result = await verify();
    expect(result.ok).toBe(true);
    expect(result.lastId).toBe(before + 50);
  });

  it.runIf(testDriver === 'pg')('keeps one chain when two app instances append at once', async () => {
    const second = await openDatabase({ url: t.config.databaseUrl, dataDir: 'memory://', poolMax: 10 });
    try {
      const before = (await readAuditHead(t.ctx.db))?.id ?? 0;
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          (i % 2 ? second.db : t.ctx.db).transaction((tx) =>
            appendAudit(tx, { action: 'probe.instance', details: { instance: i % 2, i } }),
          ),
        ),
      );
      const result = await verify();
      expect(result).toMatchObject({ ok: true, lastId: before + 60 });
    } finally {
      await second.close();
    }
  });

  it('lists the entries about one person, newest first, scoped in SQL, page by page', async () => {
    const all: AuditRow[] = [];
    let page = await listAuditForSubject(t.ctx.db, CITIZEN, { limit: 4 });
    expect(page.entries).toHaveLength(4);
    for (;;) {
      all.push(...page.entries);
      if (!page.next) break;
      page = await listAuditForSubject(t.ctx.db, CITIZEN, { limit: 4, before: page.next });
    }
    const { rows } = await database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE subject_user_id = $1',
      [CITIZEN],
    );
    expect(all).toHaveLength(rows[0]!.n);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.every((e) => e.subjectUserId === CITIZEN)).toBe(true);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(
        a.occurredAt.getTime() > b.occurredAt.getTime() ||
          (a.occurredAt.getTime() === b.occurredAt.getTime() && a.id > b.id),
      ).toBe(true);
    }
    const officerView = all.find((e) => e.actorRole === 'agency_officer' && 'agency' in e.details);
    expect(officerView).toMatchObject({
      actorUserId: OFFICER,
      reason: 'Рассмотрение заявления № 12-345 «Замена паспорта»',
      details: { agency: 'МВД России' },
    });
    const older = await listAuditForSubject(t.ctx.db, CITIZEN, { before: new Date(0) });
    expect(older).toEqual({ entries: [], next: null });
    expect((await listAuditForSubject(t.ctx.db, 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb')).entries).toEqual([]);
  });
});
