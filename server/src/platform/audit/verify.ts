import { createPublicKey, type KeyObject } from 'node:crypto';
import { asc, gt } from 'drizzle-orm';
import type { Database } from '../db';
import { GENESIS_HASH, computeAuditHash } from './canonical';
import {
  checkCheckpointSignature,
  readCheckpoints,
  type CheckpointPayload,
  type SignedCheckpoint,
} from './checkpoints';
import { parsePublicKey } from './keys';
import { AUDIT_RETENTION_YEARS } from './retention';
import { auditLog } from './schema';

export interface AuditProblem {
  /** The first entry found changed or missing; null when a checkpoint file itself is at fault. */
  entryId: number | null;
  /** The checkpoint file involved, if any. */
  checkpoint?: string;
  /** What is wrong, in Russian. */
  detail: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries present and checked. */
  entries: number;
  firstId: number | null;
  lastId: number | null;
  /** Checkpoint files with a valid signature. */
  checkpoints: number;
  lastCheckpoint: (CheckpointPayload & { file: string }) | null;
  /** Entries after the last checkpoint: a valid chain, not yet vouched for by a signature. */
  unsealed: number;
  problem: AuditProblem | null;
  /** One line for people, in Russian. */
  message: string;
}

export interface VerifyOptions {
  /** Rows read per query; memory use is bounded by it, whatever the size of the log. */
  batchSize?: number;
  now?: Date;
}

type Checkpoint = SignedCheckpoint & { file: string };

const plural = (n: number, one: string, few: string, many: string) => {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
};
const entriesWord = (n: number) => `${n} ${plural(n, 'запись', 'записи', 'записей')}`;
const when = (iso: string) => `${new Date(iso).toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' })} МСК`;
const range = (from: number, to: number) =>
  from === to ? `запись ${from} отсутствует` : `записи с ${from} по ${to} отсутствуют`;

/**
 * Verifies the whole audit log: recomputes every entry's hash in chain order (streamed in batches
 * inside one read-only REPEATABLE READ snapshot), checks that each prev_hash names the entry before
 * it and that ids have no gaps, checks every checkpoint file's Ed25519 signature, and that the
 * entry each checkpoint names still has the signed hash and position — which catches a rewrite of
 * the whole table (hashes recomputed consistently) and a tail cut off at or before the last
 * checkpoint. When the start of the chain was removed by retention, the earliest remaining entry
 * must be vouched for by a signed checkpoint of the entry before it, older than 3 years
 * (retention.ts). Stops at the first fault, which it names.
 *
 * Checkpoint files are read before the snapshot is taken, so a checkpoint written meanwhile
 * cannot name an entry the snapshot does not see.
 */
export async function verifyAuditChain(
  database: Pick<Database, 'db'>,
  checkpointsDir: string | null,
  publicKey: KeyObject | string | Array<KeyObject | string>,
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 2_000;
  const now = options.now ?? new Date();
  const keys = (Array.isArray(publicKey) ? publicKey : [publicKey]).map((k) =>
    typeof k === 'string' ? parsePublicKey(k) : k.type === 'private' ? createPublicKey(k) : k,
  );

  const summary = {
    entries: 0,
    firstId: null as number | null,
    lastId: null as number | null,
    checkpoints: 0,
    lastCheckpoint: null as AuditVerification['lastCheckpoint'],
    unsealed: 0,
  };
  const fail = (problem: AuditProblem): AuditVerification => ({
    ok: false,
    ...summary,
    problem,
    message:
      problem.entryId === null
        ? `Журнал аудита не подтверждён: ${problem.detail}`
        : `Журнал аудита нарушен, первая повреждённая запись — ${problem.entryId}: ${problem.detail}`,
  });

  const cps: Checkpoint[] = [];
  for (const read of await readCheckpoints(checkpointsDir)) {
    if (read.error !== undefined)
      return fail({
        entryId: null,
        checkpoint: read.file,
        detail: `контрольная точка ${read.file}: ${read.error}`,
      });
    const bad = checkCheckpointSignature(read, keys);
    if (bad)
      return fail({ entryId: null, checkpoint: read.file, detail: `контрольная точка ${read.file} ${bad}` });
    cps.push(read);
  }
  cps.sort(
    (a, b) => a.payload.headId - b.payload.headId || a.payload.createdAt.localeCompare(b.payload.createdAt),
  );
  summary.checkpoints = cps.length;

  // An entry may have been removed by retention if it was older than 3 years (a day's slack for
  // calendar arithmetic in the database's time zone).
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - AUDIT_RETENTION_YEARS);
  const retirable = (cp: Checkpoint) => Date.parse(cp.payload.headOccurredAt) < cutoff.getTime() + 86_400_000;
  /** The last entry before `id` whose removal a checkpoint vouches for (0: none). */
  const retiredUpTo = (id: number) =>
    cps
      .filter((c) => c.payload.headId < id && retirable(c))
      .reduce((m, c) => Math.max(m, c.payload.headId), 0);
  const cpName = (cp: Checkpoint) => `${cp.file} от ${when(cp.payload.createdAt)}`;

  return database.db.transaction(
    async (tx) => {
      let prev: { id: number; hash: string } | null = null;
      let position = 0;
      let next = 0; // index into cps of the first checkpoint not yet reached
      let matched: Checkpoint | null = null;

      for (;;) {
        const batch = await tx
          .select()
          .from(auditLog)
          .where(prev ? gt(auditLog.id, prev.id) : undefined)
          .orderBy(asc(auditLog.id))
          .limit(batchSize);
        for (const row of batch) {
          if (!prev) {
            summary.firstId = row.id;
            if (row.id === 1) {
              if (row.prevHash !== GENESIS_HASH) {
                return fail({
                  entryId: 1,
                  detail:
                    'первая запись журнала должна ссылаться на нулевой хеш (64 нуля), а ссылается на другой',
                });
              }
            } else {
              const anchors = cps.filter((c) => c.payload.headId === row.id - 1);
              const anchor = anchors.find((c) => c.payload.headHash === row.prevHash && retirable(c));
              if (!anchor) {
                const from = retiredUpTo(row.id - 1) + 1;
                const linked = anchors.find((c) => c.payload.headHash === row.prevHash);
                if (linked) {
                  return fail({
                    entryId: from,
                    checkpoint: linked.file,
                    detail: `${range(from, row.id - 1)}: начало журнала удалено, хотя записи ${row.id - 1} ещё нет 3 лет (${when(linked.payload.headOccurredAt)}; контрольная точка ${cpName(linked)})`,
                  });
                }
                if (anchors.length) {
                  return fail({
                    entryId: row.id,
                    checkpoint: anchors[0]!.file,
                    detail: `prev_hash первой оставшейся записи не совпадает с хешем записи ${row.id - 1} в контрольной точке ${cpName(anchors[0]!)}`,
                  });
                }
                return fail({
                  entryId: from,
                  detail: `${range(from, row.id - 1)}, и ни одна подписанная контрольная точка не подтверждает их удаление по сроку хранения (${AUDIT_RETENTION_YEARS} года)`,
                });
              }
              if (anchor.payload.count !== row.id - 1) {
                return fail({
                  entryId: row.id,
                  checkpoint: anchor.file,
                  detail: `контрольная точка ${cpName(anchor)} насчитывает ${anchor.payload.count} записей до неё, а должна ${row.id - 1}`,
                });
              }
              position = row.id - 1;
            }
            // Checkpoints of entries removed by retention: signatures checked above, nothing left to compare.
            while (next < cps.length && cps[next]!.payload.headId < row.id) next++;
          } else {
            if (row.id !== prev.id + 1) {
              return fail({
                entryId: prev.id + 1,
                detail: `${range(prev.id + 1, row.id - 1)} (после записи ${prev.id} идёт ${row.id}) — удалены из середины журнала`,
              });
            }
            if (row.prevHash !== prev.hash) {
              return fail({
                entryId: row.id,
                detail: `prev_hash не совпадает с хешем предыдущей записи ${prev.id}`,
              });
            }
          }
          if (computeAuditHash(row) !== row.hash) {
            return fail({
              entryId: row.id,
              detail: 'содержимое записи изменено: её хеш не совпадает с вычисленным по её полям',
            });
          }
          position += 1;
          summary.entries += 1;
          summary.lastId = row.id;
          while (next < cps.length && cps[next]!.payload.headId === row.id) {
            const cp = cps[next]!;
            if (cp.payload.headHash !== row.hash) {
              const since = matched ? `после записи ${matched.payload.headId}` : 'с начала журнала';
              return fail({
                entryId: row.id,
                checkpoint: cp.file,
                detail: `хеш записи не совпадает с подписанной контрольной точкой ${cpName(cp)}: журнал переписан (изменены записи ${since} по ${row.id} включительно)`,
              });
            }
            if (cp.payload.count !== position) {
              return fail({
                entryId: row.id,
                checkpoint: cp.file,
                detail: `по контрольной точке ${cpName(cp)} до этой записи ${entriesWord(cp.payload.count)}, а в журнале ${position}`,
              });
            }
            matched = cp;
            next += 1;
          }
          prev = { id: row.id, hash: row.hash };
        }
        if (batch.length < batchSize) break;
      }

      if (next < cps.length) {
        const last = cps.at(-1)!;
        const from = prev ? prev.id + 1 : retiredUpTo(last.payload.headId) + 1;
        return fail({
          entryId: from,
          checkpoint: last.file,
          detail: `${range(from, last.payload.headId)}: ${prev ? `хвост журнала удалён — последняя запись ${prev.id}` : 'журнал пуст'}, а контрольная точка ${cpName(last)} заверяет ${entriesWord(last.payload.count)}`,
        });
      }

      const lastCp = cps.at(-1) ?? null;
      summary.lastCheckpoint = lastCp ? { ...lastCp.payload, file: lastCp.file } : null;
      summary.unsealed = matched ? position - matched.payload.count : summary.entries;
      const parts = [`Журнал аудита цел: ${entriesWord(summary.entries)}`];
      if (summary.firstId !== null && summary.firstId > 1)
        parts.push(`записи до ${summary.firstId - 1} удалены по сроку хранения`);
      parts.push(
        lastCp
          ? `последняя контрольная точка — запись ${lastCp.payload.headId} от ${when(lastCp.payload.createdAt)} (${lastCp.file})`
          : 'контрольных точек нет — переписывание всей таблицы так не обнаружить',
      );
      if (lastCp && summary.unsealed > 0)
        parts.push(`после неё ещё не заверено: ${entriesWord(summary.unsealed)}`);
      return { ok: true, ...summary, problem: null, message: parts.join(', ') };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
