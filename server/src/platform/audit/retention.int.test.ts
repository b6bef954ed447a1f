import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { createTestApp, testDriver, type TestApp } from '../../test/harness';
import { appendAudit, purgeExpiredAudit, verifyAuditChain, writeCheckpoint } from '.';
import { signCheckpoint, writeCheckpointFile } from './checkpoints';
import { auditLog } from './schema';

const yearsAgo = (years: number, days = 0) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return new Date(d.getTime() - days * 86_400_000);
};

interface Setup {
  t: TestApp;
  database: Database;
  dir: string;
  publicKey: KeyObject;
}

async function setUp(): Promise<Setup> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kabinet-audit-ret-'));
  const t = await createTestApp({ config: { auditCheckpointDir: dir } });
  return {
    t,
    database: t.ctx.database,
    dir,
    publicKey: createPublicKey(createPrivateKey(t.config.auditSigningKey)),
  };
}
async function tearDown(s: Setup | undefined) {
  await s?.t.close();
  if (s) rmSync(s.dir, { recursive: true, force: true });
}
async function asOwner(database: Database, text: string) {
  await database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
  try {
    await database.exec(text);
  } finally {
    await database.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  }
}
const ids = async (database: Database) =>
  (await database.query<{ id: number }>('SELECT id FROM audit_log ORDER BY id')).rows.map((r) =>
    Number(r.id),
  );

describe(`audit retention on ${testDriver}`, () => {
  let s: Setup;
  const verify = () => verifyAuditChain(s.database, s.dir, s.publicKey, { batchSize: 3 });
  beforeAll(async () => {
    s = await setUp();
  });
  afterAll(async () => tearDown(s));

  it('deletes only entries older than 3 years, and the rest still verifies', async () => {
    const { db } = s.t.ctx;
    await appendAudit(db, { action: 'probe.old', occurredAt: yearsAgo(5) }); // 1
    await appendAudit(db, { action: 'probe.old', occurredAt: yearsAgo(4) }); // 2
    await writeCheckpoint(s.t.ctx); // of 2 — its entry will be gone, its signature still checked
    await appendAudit(db, { action: 'probe.old', occurredAt: yearsAgo(3, 2) }); // 3
    await appendAudit(db, { action: 'probe.young', occurredAt: yearsAgo(3, -2) }); // 4: 3 years less 2 days
    await appendAudit(db, { action: 'probe.young', occurredAt: yearsAgo(1) }); // 5
    await appendAudit(db, { action: 'probe.young' }); // 6: now
    await appendAudit(db, { action: 'probe.late-import', occurredAt: yearsAgo(4) }); // 7: old, after young ones
    await writeCheckpoint(s.t.ctx); // of 7
    expect((await verify()).ok).toBe(true);

    const result = await purgeExpiredAudit(s.t.ctx);
    expect(result).toMatchObject({ deleted: 3, upToId: 3 });
    expect(result.checkpoint).toMatch(/^checkpoint-000000000003-/);
    expect(await ids(s.database)).toEqual([4, 5, 6, 7, 8]); // 8: the job's own entry
    const [own] = await db.select().from(auditLog).where(eq(auditLog.id, 8));
    expect(own).toMatchObject({
      action: 'platform.audit.retention.purged',
      actorRole: 'system',
      details: { deleted: 3, fromId: 1, upToId: 3, checkpoint: result.checkpoint },
    });
    const anchor = JSON.parse(readFileSync(path.join(s.dir, result.checkpoint!), 'utf8'));
    expect(anchor.payload).toMatchObject({
      headId: 3,
      count: 3,
      kind: 'retention',
      headHash: own!.details.anchorHash,
    });

    const verified = await verify();
    expect(verified).toMatchObject({ ok: true, entries: 5, firstId: 4, lastId: 8, checkpoints: 3 });
    expect(verified.message).toMatch(
      /^Журнал аудита цел: 5 записей, записи до 3 удалены по сроку хранения, последняя контрольная точка — запись 7 от /,
    );

    // A second run finds nothing more: 4 is younger than 3 years (7 is old but follows young ones).
    expect(await purgeExpiredAudit(s.t.ctx)).toEqual({ deleted: 0, upToId: null, checkpoint: null });
    expect((await verify()).ok).toBe(true);
  });

  it('detects the start of the log cut off by anyone but the retention job', async () => {
    await s.database.exec('CREATE TABLE audit_backup AS SELECT * FROM audit_log');
    const restore = async () => {
      await asOwner(s.database, 'DELETE FROM audit_log');
      await s.database.exec('INSERT INTO audit_log SELECT * FROM audit_backup');
    };

    await asOwner(s.database, 'DELETE FROM audit_log WHERE id <= 5');
    let result = await verify();
    expect(result.problem?.entryId).toBe(4);
    expect(result.message).toBe(
      'Журнал аудита нарушен, первая повреждённая запись — 4: записи с 4 по 5 отсутствуют, и ни одна подписанная контрольная точка не подтверждает их удаление по сроку хранения (3 года)',
    );
    await restore();

    // A valid checkpoint of a young entry does not license deleting up to it.
    const [five] = await s.t.ctx.db.select().from(auditLog).where(eq(auditLog.id, 5));
    await writeCheckpointFile(
      s.dir,
      signCheckpoint(five!, createPrivateKey(s.t.config.auditSigningKey), 'manual'),
    );
    await asOwner(s.database, 'DELETE FROM audit_log WHERE id <= 5');
    result = await verify();
    expect(result.problem?.entryId).toBe(4);
    expect(result.message).toMatch(
      /записи с 4 по 5 отсутствуют: начало журнала удалено, хотя записи 5 ещё нет 3 лет/,
    );
    await restore();
    expect((await verify()).ok).toBe(true);

    // Without the retention job's checkpoint, its deletion can no longer be told from an attack.
    const anchorFile = (await purgeAnchor(s.dir))!;
    renameSync(path.join(s.dir, anchorFile), path.join(s.dir, `moved-${anchorFile}`));
    result = await verify();
    // (entries 1–2 may have gone lawfully: the checkpoint of 2 shows it was older than 3 years)
    expect(result.problem?.entryId).toBe(3);
    expect(result.message).toMatch(
      /первая повреждённая запись — 3: запись 3 отсутствует, и ни одна подписанная контрольная точка не подтверждает/,
    );
    renameSync(path.join(s.dir, `moved-${anchorFile}`), path.join(s.dir, anchorFile));
    expect((await verify()).ok).toBe(true);
  });
});

async function purgeAnchor(dir: string) {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(dir)).find((f) => f.startsWith('checkpoint-000000000003-'));
}

describe(`audit retention of a log that is old throughout, on ${testDriver}`, () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp();
  });
  afterAll(async () => tearDown(s));

  it('always keeps the newest entry, so the chain keeps a head', async () => {
    for (const years of [6, 5, 4])
      await appendAudit(s.t.ctx.db, { action: 'probe.old', occurredAt: yearsAgo(years) });
    expect(await purgeExpiredAudit(s.t.ctx)).toMatchObject({ deleted: 2, upToId: 2 });
    expect(await ids(s.database)).toEqual([3, 4]);
    expect((await verifyAuditChain(s.database, s.dir, s.publicKey)).ok).toBe(true);
    expect(await purgeExpiredAudit(s.t.ctx)).toMatchObject({ deleted: 1, upToId: 3 });
    expect(await ids(s.database)).toEqual([4, 5]);
    const result = await verifyAuditChain(s.database, s.dir, s.publicKey);
    expect(result).toMatchObject({ ok: true, firstId: 4, entries: 2 });
  });

  it('deletes nothing where no checkpoint could vouch for it', async () => {
    const noDir = await purgeExpiredAudit({
      db: s.t.ctx.db,
      config: { ...s.t.config, auditCheckpointDir: null },
    });
    expect(noDir).toEqual({ deleted: 0, upToId: null, checkpoint: null });
  });
});
