import type { Tx } from '../../platform/db';
import type { AppContext } from '../../platform/context';

import type { AuditEntryInput } from '../../platform/audit';

/** What identity asks of the rest of the platform: deliver a code, tell the owner, leave a trace. */
export type AuditEntry = AuditEntryInput;

export interface OwnerNotice {
  subject: string;
  text: string;
  kind: string;
}

export interface IdentityEffects {
  deliverCode(
    tx: Tx,
    input: { channel: 'sms' | 'email'; to: string; code: string; purpose: string },
  ): Promise<void>;
  /** A security notice to every confirmed contact of the account. */
  notifyOwner(
    tx: Tx,
    contacts: { phone: string | null; email: string | null },
    notice: OwnerNotice,
  ): Promise<void>;
  audit(tx: Tx, entry: AuditEntry): Promise<void>;
}

export type EffectsFactory = (ctx: AppContext) => IdentityEffects;
