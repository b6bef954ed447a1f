// The platform's append-only, tamper-evident audit log (PRODUCT.md §1 «Audit log»). Modules call
// appendAudit inside the transaction of the action they record, as its last statement.
export {
  appendAudit,
  auditRequestFields,
  listAuditByActions,
  listAuditForSubject,
  AUDIT_APPEND_LOCK,
} from './log';
export type { AppendedAudit, AuditCursor, AuditEntryInput, AuditPage } from './log';
export { auditLog, type AuditRow } from './schema';
export { AUDIT_FORMAT, GENESIS_HASH, auditHashInput, canonicalJson, computeAuditHash } from './canonical';
export { readAuditHead, readCheckpoints, writeCheckpoint, CHECKPOINT_FORMAT } from './checkpoints';
export type { CheckpointPayload, SignedCheckpoint, WrittenCheckpoint } from './checkpoints';
export { purgeExpiredAudit, AUDIT_RETENTION_YEARS, type RetentionResult } from './retention';
export { verifyAuditChain, type AuditProblem, type AuditVerification, type VerifyOptions } from './verify';
export { keyId, loadAuditSigningKey, parsePublicKey, PUBLIC_KEY_FILE, SIGNING_KEY_FILE } from './keys';
