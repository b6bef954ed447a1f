import { Stack, Text } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { MethodCard } from './MethodCard';
import { PostLetterCard } from './PostLetterCard';
import { EsignConfirmationCard } from '../esign/EsignLoginPage';
import { BankConfirmationCard } from '../bank/BankButtons';

/**
 * «Подтвердить личность»: the ways a standard account becomes подтверждённая (PRODUCT.md §1).
 * Each method (bank, МФЦ, Russian Post, e-signature) adds its own card component here.
 */
export function ConfirmationMethods() {
  return (
    <section aria-labelledby="confirmation-methods">
      <Text component="h2" id="confirmation-methods" fw={700} size="xl" mb="sm">
        Подтвердить личность
      </Text>
      <Stack gap="md">
        <PostLetterCard />
        <EsignConfirmationCard />
        <BankConfirmationCard />
        <MethodCard id="confirm-mfc-title" icon={IconBuildingCommunity} title="В МФЦ">
          Придите в любой МФЦ с паспортом: оператор сверит его с вашими данными и подтвердит личность при вас.
          Запись не нужна.
        </MethodCard>
      </Stack>
    </section>
  );
}
