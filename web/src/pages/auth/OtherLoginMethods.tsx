import { Stack, Text } from '@mantine/core';
import classes from './auth.module.css';
import { PasskeyLoginButton } from './PasskeyLogin';
import { SmsLoginButton } from './SmsLogin';
import { EsignLoginButton } from '../esign/EsignLoginPage';
import { BankLoginButton } from '../bank/BankButtons';

/**
 * «Другие способы входа» under the password form: each login method that does not start with a
 * password (SMS code, passkey, bank, e-signature) adds its own button component here.
 */
export function OtherLoginMethods() {
  return (
    <section aria-labelledby="other-login-methods" className={classes.otherMethods}>
      <Text component="h2" id="other-login-methods" fw={700} size="lg">
        Другие способы входа
      </Text>
      <Stack gap="sm">
        {/* method buttons */}
        <PasskeyLoginButton />
        <SmsLoginButton />
        <EsignLoginButton />
        <BankLoginButton />
      </Stack>
    </section>
  );
}
