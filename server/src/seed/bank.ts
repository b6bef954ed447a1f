import type { AppContext } from '../platform/context';
import { addBankCustomer, findBankCustomerByPhone, type NewBankCustomer } from '../simulators/bank';
import type { DemoAccount } from './demo';

/** The password of every demo customer at the simulated bank (not Kabinet's password). */
export const BANK_DEMO_PASSWORD = 'bank-demo-2026';

/**
 * Customers of the simulated bank: the demo citizens with the data the registries know (see
 * simulators/registries/README.md), and one person with no Kabinet account yet, for «Зарегистрироваться
 * через банк».
 */
export const BANK_DEMO_CUSTOMERS: Array<NewBankCustomer & { role: string }> = [
  {
    role: 'Банк: Иванов И. П.',
    phone: '+79001000001',
    password: BANK_DEMO_PASSWORD,
    email: 'ivanov@demo.kabinet.ru',
    lastName: 'Иванов',
    firstName: 'Иван',
    middleName: 'Петрович',
    birthDate: '1985-04-12',
    passport: '4505123456',
    passportIssuedAt: '2005-05-10',
    passportIssuerCode: '770-001',
    snils: '11223344595',
  },
  {
    role: 'Банк: Петрова А. С.',
    phone: '+79001000002',
    password: BANK_DEMO_PASSWORD,
    email: 'petrova@demo.kabinet.ru',
    lastName: 'Петрова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    birthDate: '1992-09-30',
    passport: '4512654321',
    passportIssuedAt: '2012-10-15',
    passportIssuerCode: '770-002',
    snils: '12345678964',
  },
  {
    role: 'Банк: Соколов Д. А. (нет в Кабинете)',
    phone: '+79001000020',
    password: BANK_DEMO_PASSWORD,
    email: 'sokolov@bank-demo.example',
    lastName: 'Соколов',
    firstName: 'Дмитрий',
    middleName: 'Андреевич',
    birthDate: '1979-06-03',
    passport: '4024445566',
    passportIssuedAt: '2024-06-20',
    passportIssuerCode: '780-003',
    snils: '34567890123',
  },
];

/** Adds the demo customers the bank does not have yet; returns them for the start banner. */
export async function seedBankCustomers(ctx: AppContext): Promise<DemoAccount[]> {
  if (!ctx.config.bankSimulator) return [];
  for (const { role: _role, ...customer } of BANK_DEMO_CUSTOMERS) {
    if (!(await findBankCustomerByPhone(ctx.db, customer.phone))) await addBankCustomer(ctx.db, customer);
  }
  return BANK_DEMO_CUSTOMERS.map((c) => ({
    role: c.role,
    login: `${c.phone} / пароль банка ${BANK_DEMO_PASSWORD}`,
  }));
}
