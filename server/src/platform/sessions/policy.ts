/** Session numbers decided in PRODUCT.md §1. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const STEP_UP_MS = 15 * 60 * 1000;
/** last_seen_at is written at most this often, so reads stay reads. */
export const TOUCH_EVERY_MS = 60 * 1000;
