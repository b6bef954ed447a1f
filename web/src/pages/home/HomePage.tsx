import { Skeleton, Stack } from '@mantine/core';
import { useMe } from '../../api/me';
import { useDocumentTitle } from '../../lib/title';
import { GuestHome } from './GuestHome';
import { UserHome } from './UserHome';

/** `/`: the guest landing or the signed-in user's widgets. */
export function HomePage() {
  const me = useMe();
  useDocumentTitle();
  if (me.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <span className="kb-visually-hidden">Загрузка…</span>
        <Skeleton height={48} width="60%" radius="md" />
        <Skeleton height={88} radius="lg" />
        <Skeleton height={220} radius="lg" />
      </Stack>
    );
  }
  return me.data ? <UserHome user={me.data} /> : <GuestHome />;
}
