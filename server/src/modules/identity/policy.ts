import { PUSH_REQUEST_SECONDS } from '@kabinet/shared';

/** The numbers decided in PRODUCT.md §1 — one place, so tests and code agree. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const CODE_LENGTH = 6;
export const CODE_TTL_MS = 5 * 60 * 1000;
export const CODE_MAX_WRONG = 3;
export const CODE_RESEND_GAP_MS = 60 * 1000;
export const CODE_RESENDS_PER_WINDOW = 3;
export const CODE_RESEND_WINDOW_MS = 10 * 60 * 1000;
/** Wrong codes per account (or contact) and purpose across all codes in 24 h; then closed for an hour. */
export const CODE_WRONG_DAILY_CAP = 10;
export const CODE_WRONG_WINDOW_MS = 24 * 60 * 60 * 1000;
export const CODE_CLOSED_MS = 60 * 60 * 1000;

export const LOCK_AFTER_FAILURES = 3;
export const LOCK_FIRST_MS = 15 * 60 * 1000;
export const LOCK_MAX_MS = 4 * 60 * 60 * 1000;
export const LOCK_RESET_AFTER_MS = 24 * 60 * 60 * 1000;

/** A started login (password accepted, second factor pending) or registration lives this long. */
export const FLOW_TTL_MS = 10 * 60 * 1000;

export const LOGIN_HISTORY_DAYS = 90;
export const BACKUP_CODES = 10;
export const BACKUP_CODE_LENGTH = 10;
/** After a password reset, contacts and second factors stay frozen this long. */
export const RESET_FREEZE_MS = 24 * 60 * 60 * 1000;

/** A contacts-lost recovery request waits this long for the bank, an e-signature or the МФЦ. */
export const RECOVERY_REQUEST_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * After the bank or an e-signature proved who the person is, the new phone and password must be
 * set within this time (as a step-up proof lasts): a browser left open does not stay «proven».
 */
export const RECOVERY_PROOF_TTL_MS = 15 * 60 * 1000;

/** Lock duration after the n-th lock (1-based): 15 min, 30, 60, 120, 240, 240 … */
export function lockDuration(lockNumber: number): number {
  return Math.min(LOCK_FIRST_MS * 2 ** Math.max(0, lockNumber - 1), LOCK_MAX_MS);
}

/** Push to a registered browser (push.ts): a request lives 2 minutes and is answered once. */
export const PUSH_CHALLENGE_MS = PUSH_REQUEST_SECONDS * 1000;
/** Requests one login (or one session's step-up) may send, and the pause before sending again. */
export const PUSH_CHALLENGES_PER_FLOW = 5;
export const PUSH_RESEND_GAP_MS = 10 * 1000;
/** Browsers registered per account. */
export const MAX_PUSH_DEVICES = 10;
/** How long a device's signed poll nonce stays usable. */
export const PUSH_NONCE_MS = 2 * 60 * 1000;
