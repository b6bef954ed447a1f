import { createPrivateKey } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { Db } from '../db';
import { signCheckpoint, writeCheckpointFile } from './checkpoints';
import { appendAudit } from './log';
import { auditLog } from './schema';

/** How long audit entries are kept (PRODUCT.md §1); the guard trigger enforces the same bound. */
export const AUDIT_RETENTION_YEARS = 3;

export interface RetentionResult {
  deleted: number;
  /** The last deleted entry — the new start of the chain is upToId + 1. */
  upToId: number | null;
  /** The checkpoint that vouches for the new start. */
  checkpoint: string | null;
}

type Rows<T> = { rows: T[] };
const rowsOf = <T>(result: unknown) => (result as Rows<T>).rows;

/**
 * Deletes the entries older than 3 years. Removing them removes the chain's start: afterwards the
 * earliest remaining entry E names, as its prev_hash, an entry that no longer exists. So that the
 * verifier can tell this from someone cutting off the log's beginning, the deletion is vouched for
 * by a signed checkpoint outside the database: before deleting, this job signs a checkpoint of the
 * last entry it deletes, D (its id, hash, count and occurred_at), and writes it to the checkpoint
 * directory. The verifier then accepts E only when E.prev_hash equals the hash of a validly signed
 * checkpoint with headId = E.id − 1 whose entry was older than 3 years — a beginning cut off by
 * anyone else has no such checkpoint, or one whose entry was too young.
 *
 * What is deleted is always a prefix of the chain (every entry before the first one younger than
 * 3 years), never the newest entry, so the chain stays contiguous and appends keep building on a
 * head. The transaction declares itself with SET LOCAL kabinet.audit_retention = 'on' — the only
 * way past the guard trigger, which even then lets only entries older than 3 years go (both use the
 * transaction's now()). The job records what it did as an audit entry of its own, in the same
 * transaction.
 */
export async function purgeExpiredAudit(ctx: {
  db: Db;
  config: Pick<Config, 'auditCheckpointDir' | 'auditSigningKey'>;
}): Promise<RetentionResult> {
  const dir = ctx.config.auditCheckpointDir;
  // Without a place for the vouching checkpoint the remaining chain could not be verified.
  if (!dir) return { deleted: 0, upToId: null, checkpoint: null };
  const key = createPrivateKey(ctx.config.auditSigningKey);

  return ctx.db.transaction(async (tx) => {
    const [bounds] = rowsOf<{ first_id: string | null; head_id: string | null; first_kept: string | null }>(
      await tx.execute(sql`
        SELECT set_config('kabinet.audit_retention', 'on', true) AS retention,
               (SELECT id::text FROM audit_log ORDER BY id LIMIT 1) AS first_id,
               (SELECT id::text FROM audit_log ORDER BY id DESC LIMIT 1) AS head_id,
               (SELECT id::text FROM audit_log
                 WHERE occurred_at >= now() - make_interval(years => ${sql.raw(String(AUDIT_RETENTION_YEARS))})
                 ORDER BY id LIMIT 1) AS first_kept`),
    );
    if (!bounds?.first_id || !bounds.head_id) return { deleted: 0, upToId: null, checkpoint: null };
    const firstId = Number(bounds.first_id);
    const headId = Number(bounds.head_id);
    const upToId = Math.min(bounds.first_kept ? Number(bounds.first_kept) : headId, headId) - 1;
    if (upToId < firstId) return { deleted: 0, upToId: null, checkpoint: null };

    const [last] = await tx
      .select({ id: auditLog.id, hash: auditLog.hash, occurredAt: auditLog.occurredAt })
      .from(auditLog)
      .where(eq(auditLog.id, upToId));
    const checkpoint = await writeCheckpointFile(dir, signCheckpoint(last!, key, 'retention'));

    const [gone] = rowsOf<{ n: string }>(
      await tx.execute(
        sql`WITH d AS (DELETE FROM audit_log WHERE id <= ${upToId} RETURNING 1) SELECT count(*)::text AS n FROM d`,
      ),
    );
    const deleted = Number(gone?.n ?? 0);
    await appendAudit(tx, {
      action: 'platform.audit.retention.purged',
      actorRole: 'system',
      objectType: 'audit_log',
      details: {
        deleted,
        fromId: firstId,
        upToId,
        anchorHash: last!.hash,
        checkpoint,
        retentionYears: AUDIT_RETENTION_YEARS,
      },
    });
    return { deleted, upToId, checkpoint };
  });
}
