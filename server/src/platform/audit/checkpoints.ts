import { createPrivateKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { desc } from 'drizzle-orm';
import type { Config } from '../config';
import type { Tx } from '../db';
import { canonicalJson } from './canonical';
import { keyId } from './keys';
import { auditLog } from './schema';

export const CHECKPOINT_FORMAT = 'kabinet.audit.checkpoint.v1';

/**
 * What a checkpoint vouches for: the entry `headId` had the hash `headHash` when the checkpoint
 * was made, and the chain up to it held `count` entries since the genesis (ids are gapless, so
 * count = headId; the verifier checks both). `headOccurredAt` lets the verifier tell a retention
 * anchor (older than 3 years) from a head someone cut off too early. The signature is Ed25519 over
 * the UTF-8 bytes of canonicalJson(payload).
 */
export interface CheckpointPayload {
  format: typeof CHECKPOINT_FORMAT;
  headId: number;
  headHash: string;
  headOccurredAt: string;
  count: number;
  createdAt: string;
  /** scheduled: the hourly job; retention: written just before the entries up to it are deleted. */
  kind: 'scheduled' | 'retention' | 'manual';
  /** Which key signed it (see keys.ts keyId). */
  keyId: string;
}

export interface SignedCheckpoint {
  payload: CheckpointPayload;
  /** base64 */
  signature: string;
}

export interface WrittenCheckpoint extends SignedCheckpoint {
  file: string;
}

export interface AuditHead {
  id: number;
  hash: string;
  occurredAt: Date;
}

export function signCheckpoint(
  head: AuditHead,
  privateKey: KeyObject,
  kind: CheckpointPayload['kind'],
  createdAt = new Date(),
): SignedCheckpoint {
  const payload: CheckpointPayload = {
    format: CHECKPOINT_FORMAT,
    headId: head.id,
    headHash: head.hash,
    headOccurredAt: head.occurredAt.toISOString(),
    count: head.id,
    createdAt: createdAt.toISOString(),
    kind,
    keyId: keyId(privateKey),
  };
  const signature = sign(null, Buffer.from(canonicalJson(payload), 'utf8'), privateKey).toString('base64');
  return { payload, signature };
}

/** Whether one of the keys signed it: null when fine, otherwise what is wrong, in Russian. */
export function checkCheckpointSignature(
  checkpoint: SignedCheckpoint,
  publicKeys: KeyObject[],
): string | null {
  const key = publicKeys.find((k) => keyId(k) === checkpoint.payload.keyId);
  if (!key) return `подписана неизвестным ключом (${checkpoint.payload.keyId})`;
  const ok = verify(
    null,
    Buffer.from(canonicalJson(checkpoint.payload), 'utf8'),
    key,
    Buffer.from(checkpoint.signature, 'base64'),
  );
  return ok ? null : 'подпись неверна — файл изменён или подделан';
}

const stamp = (iso: string) => iso.replace(/[:.]/g, '-');

/**
 * Writes a signed checkpoint file into `dir`: one new file per checkpoint, never overwritten —
 * written to a temporary name, flushed, then hard-linked to its final name (link() fails rather
 * than replace an existing file) and made read-only.
 */
export async function writeCheckpointFile(dir: string, checkpoint: SignedCheckpoint): Promise<string> {
  await mkdir(dir, { recursive: true });
  const { headId, createdAt } = checkpoint.payload;
  const base = `checkpoint-${String(headId).padStart(12, '0')}-${stamp(createdAt)}`;
  const tmp = path.join(dir, `.${base}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o444);
  try {
    await fh.writeFile(`${JSON.stringify(checkpoint, null, 2)}\n`, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    for (let attempt = 0; ; attempt++) {
      const name = attempt === 0 ? `${base}.json` : `${base}-${randomBytes(3).toString('hex')}.json`;
      try {
        await link(tmp, path.join(dir, name));
        return name;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw err;
      }
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

export async function readAuditHead(db: Tx): Promise<AuditHead | null> {
  const [head] = await db
    .select({ id: auditLog.id, hash: auditLog.hash, occurredAt: auditLog.occurredAt })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1);
  return head ?? null;
}

/**
 * Signs the chain's current head and writes it as a checkpoint file outside the database
 * (AUDIT_CHECKPOINT_DIR). Returns null when there is nothing to vouch for yet, or when this run
 * keeps no files (in-memory tests without a checkpoint directory).
 */
export async function writeCheckpoint(
  ctx: { db: Tx; config: Pick<Config, 'auditCheckpointDir' | 'auditSigningKey'> },
  kind: CheckpointPayload['kind'] = 'scheduled',
): Promise<WrittenCheckpoint | null> {
  const dir = ctx.config.auditCheckpointDir;
  if (!dir) return null;
  const head = await readAuditHead(ctx.db);
  if (!head) return null;
  const checkpoint = signCheckpoint(head, createPrivateKey(ctx.config.auditSigningKey), kind);
  const file = await writeCheckpointFile(dir, checkpoint);
  return { ...checkpoint, file };
}

export type ReadCheckpoint =
  (SignedCheckpoint & { file: string; error?: undefined }) | { file: string; error: string };

const HEX64 = /^[0-9a-f]{64}$/;

function parseCheckpoint(text: string): SignedCheckpoint | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const v = value as Partial<SignedCheckpoint> | null;
  const p = v?.payload as Partial<CheckpointPayload> | undefined;
  if (
    !p ||
    typeof v?.signature !== 'string' ||
    p.format !== CHECKPOINT_FORMAT ||
    !Number.isSafeInteger(p.headId) ||
    !Number.isSafeInteger(p.count) ||
    typeof p.headHash !== 'string' ||
    !HEX64.test(p.headHash) ||
    typeof p.headOccurredAt !== 'string' ||
    Number.isNaN(Date.parse(p.headOccurredAt)) ||
    typeof p.createdAt !== 'string' ||
    Number.isNaN(Date.parse(p.createdAt)) ||
    typeof p.keyId !== 'string' ||
    typeof p.kind !== 'string'
  ) {
    return null;
  }
  // Exactly the signed members: anything added to the payload would not be covered by canonicalJson of the original.
  const payload: CheckpointPayload = {
    format: p.format,
    headId: p.headId!,
    headHash: p.headHash,
    headOccurredAt: p.headOccurredAt,
    count: p.count!,
    createdAt: p.createdAt,
    kind: p.kind as CheckpointPayload['kind'],
    keyId: p.keyId,
  };
  if (Object.keys(p).length !== Object.keys(payload).length) return null;
  return { payload, signature: v.signature };
}

/** Every checkpoint file in `dir` (none when it does not exist), sorted by head, then time. */
export async function readCheckpoints(dir: string | null): Promise<ReadCheckpoint[]> {
  if (!dir) return [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: ReadCheckpoint[] = [];
  for (const file of names.filter((n) => n.startsWith('checkpoint-') && n.endsWith('.json')).sort()) {
    const parsed = parseCheckpoint(await readFile(path.join(dir, file), 'utf8'));
    out.push(
      parsed
        ? { ...parsed, file }
        : { file, error: 'файл повреждён: это не контрольная точка журнала аудита' },
    );
  }
  return out;
}
