import type { AppContext } from '../platform/context';
import { hashPassword } from '../modules/identity/passwords';
import { countUsers, insertUsersBulk, type NewUserRow } from '../modules/identity/seed';
import { seedBankCustomers } from './bank';

/** One password for every demo account, printed by `npm start`; it passes the password policy. */
export const DEMO_PASSWORD = 'kabinet-demo-2026';

export interface DemoAccount {
  role: string;
  login: string;
}

type DemoUser = Omit<NewUserRow, 'passwordHash' | 'confirmed'> & { role: string };

export const DEMO_USERS: DemoUser[] = [
  {
    role: 'Гражданин, подтверждённая',
    phone: '+79001000001',
    email: 'ivanov@demo.kabinet.ru',
    snils: '11223344595',
    level: 'confirmed',
    lastName: 'Иванов',
    firstName: 'Иван',
    middleName: 'Петрович',
    birthDate: '1985-04-12',
    roles: ['citizen'],
  },
  {
    role: 'Гражданка, стандартная',
    phone: '+79001000002',
    email: 'petrova@demo.kabinet.ru',
    snils: null,
    level: 'standard',
    lastName: 'Петрова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    birthDate: '1992-09-30',
    roles: ['citizen'],
  },
  {
    role: 'Гражданин, упрощённая',
    phone: '+79001000003',
    email: 'smirnov@demo.kabinet.ru',
    snils: null,
    level: 'simplified',
    lastName: null,
    firstName: null,
    middleName: null,
    birthDate: null,
    roles: ['citizen'],
  },
  {
    role: 'Оператор МФЦ',
    phone: '+79001000010',
    email: 'mfc@demo.kabinet.ru',
    snils: null,
    level: 'confirmed',
    lastName: 'Кузнецова',
    firstName: 'Мария',
    middleName: 'Олеговна',
    birthDate: '1988-01-20',
    roles: ['citizen', 'mfc_operator'],
  },
  {
    role: 'Сотрудник ведомства',
    phone: '+79001000011',
    email: 'officer@demo.kabinet.ru',
    snils: null,
    level: 'confirmed',
    lastName: 'Соколов',
    firstName: 'Дмитрий',
    middleName: 'Андреевич',
    birthDate: '1979-06-03',
    roles: ['citizen', 'agency_officer'],
  },
  {
    role: 'Специалист поддержки',
    phone: '+79001000012',
    email: 'support@demo.kabinet.ru',
    snils: null,
    level: 'confirmed',
    lastName: 'Морозова',
    firstName: 'Елена',
    middleName: 'Викторовна',
    birthDate: '1990-11-11',
    roles: ['citizen', 'support'],
  },
  {
    role: 'Модератор ГосПабликов',
    phone: '+79001000013',
    email: 'moderator@demo.kabinet.ru',
    snils: null,
    level: 'confirmed',
    lastName: 'Волков',
    firstName: 'Артём',
    middleName: 'Игоревич',
    birthDate: '1995-02-14',
    roles: ['citizen', 'moderator'],
  },
  {
    role: 'Администратор',
    phone: '+79001000014',
    email: 'admin@demo.kabinet.ru',
    snils: null,
    level: 'confirmed',
    lastName: 'Новиков',
    firstName: 'Сергей',
    middleName: 'Павлович',
    birthDate: '1983-08-08',
    roles: ['citizen', 'admin', 'security'],
  },
];

export const demoAccounts = (): DemoAccount[] =>
  DEMO_USERS.map((u) => ({ role: u.role, login: u.email ?? u.phone ?? '' }));

/** Seeds the demo accounts into an empty database; returns the demo logins either way. */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<DemoAccount[]> {
  const bank = await seedBankCustomers(ctx); // the simulated bank's customers, idempotent
  if ((await countUsers(ctx.database)) > 0) return [...demoAccounts(), ...bank];
  const passwordHash = await hashPassword(DEMO_PASSWORD, ctx.config.secrets.pepper);
  await insertUsersBulk(
    ctx.database,
    DEMO_USERS.map(({ role: _role, ...u }) => ({ ...u, passwordHash, confirmed: true })),
  );
  ctx.log.info({ accounts: DEMO_USERS.length }, 'demo data seeded');
  return [...demoAccounts(), ...bank];
}
