import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

export type BankPurpose = 'login' | 'register' | 'confirm' | 'recover';

/** Asks Kabinet for the bank's authorization URL (PKCE, state and nonce stay on the server) and goes there. */
export async function goToBank(purpose: BankPurpose, consent?: boolean): Promise<void> {
  const { url } = unwrap(await api.POST('/api/auth/bank/start', { body: { purpose, consent } }));
  window.location.assign(url);
}
