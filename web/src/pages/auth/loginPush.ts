import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { PushCheck } from '../../components/PushFactor';

/** A login's calls for «Подтверждение на устройстве», after the password or an SMS code. */
export const loginPush = {
  start: async () => unwrap(await api.POST('/api/auth/login/push')),
  check: async (): Promise<PushCheck> => {
    const r = unwrap(await api.POST('/api/auth/login/push/status'));
    if (r.status === 'signed_in') return { status: 'done' };
    // Another factor still needed: not expected after a password or an SMS code + push; start again.
    if (r.status === 'more')
      return { status: 'expired', message: 'Не удалось завершить вход. Начните заново.' };
    return r.status === 'pending' ? { status: 'pending' } : r;
  },
};
