// The registries' own knowledge and rules: who is registered where, which passports are void, when a
// passport expires. Pure functions of the request and «today», so every answer can be predicted from
// README.md. Nothing here knows about Kabinet: the simulator plays ФМС/МВД, СФР and ФНС.
import { validateInnPerson, validatePassport, validateSnils } from '@kabinet/shared';

export type RegistryKind = 'passport' | 'snils' | 'inn';

export interface PersonName {
  lastName: string;
  firstName: string;
  middleName?: string | null;
  /** YYYY-MM-DD */
  birthDate: string;
}

export interface PassportData {
  /** 4 digits */
  series: string;
  /** 6 digits */
  number: string;
  /** YYYY-MM-DD */
  issuedAt: string;
  /** 123-456 */
  issuerCode: string;
}

export type PassportQuery = PersonName & { passport: PassportData };
export type SnilsQuery = PersonName & { snils: string };
export type InnQuery = PersonName & { inn: string };

export type Verdict = { result: 'valid' } | { result: 'invalid'; reason: string };

interface RegisteredPerson extends PersonName {
  snils: string;
  inn: string;
  passport: PassportData;
}

/**
 * People the registries know. The first four are the demo accounts of server/src/seed/demo.ts;
 * the rest exist for the documented test cases. Anybody else is unknown to the registries and is
 * checked by the general rules only.
 */
export const REGISTERED_PEOPLE: readonly RegisteredPerson[] = [
  {
    lastName: 'Иванов',
    firstName: 'Иван',
    middleName: 'Петрович',
    birthDate: '1985-04-12',
    snils: '11223344595',
    inn: '770112345695',
    passport: { series: '4505', number: '123456', issuedAt: '2005-05-10', issuerCode: '770-001' },
  },
  {
    lastName: 'Петрова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    birthDate: '1992-09-30',
    snils: '12345678964',
    inn: '770223456707',
    passport: { series: '4512', number: '654321', issuedAt: '2012-10-15', issuerCode: '770-002' },
  },
  {
    lastName: 'Кузнецова',
    firstName: 'Мария',
    middleName: 'Олеговна',
    birthDate: '1988-01-20',
    snils: '23456789099',
    inn: '500334567850',
    passport: { series: '4608', number: '112233', issuedAt: '2008-02-05', issuerCode: '500-001' },
  },
  {
    lastName: 'Соколов',
    firstName: 'Дмитрий',
    middleName: 'Андреевич',
    birthDate: '1979-06-03',
    snils: '34567890123',
    inn: '780545678926',
    passport: { series: '4024', number: '445566', issuedAt: '2024-06-20', issuerCode: '780-003' },
  },
  {
    // Got his passport at 14 and never replaced it at 20: expired.
    lastName: 'Сидоров',
    firstName: 'Пётр',
    middleName: 'Алексеевич',
    birthDate: '2003-02-01',
    snils: '45678901238',
    inn: '540656789003',
    passport: { series: '5017', number: '778899', issuedAt: '2017-02-15', issuerCode: '540-004' },
  },
  {
    // Replaced at 45: valid for life.
    lastName: 'Орлова',
    firstName: 'Ольга',
    middleName: 'Ивановна',
    birthDate: '1960-07-07',
    snils: '56789012343',
    inn: '660767890170',
    passport: { series: '6505', number: '135790', issuedAt: '2005-08-01', issuerCode: '660-005' },
  },
];

/** Passports the МВД has declared void, with the reason it gives (series + number, 10 digits). */
export const VOID_PASSPORTS: Readonly<Record<string, string>> = {
  '4509999999': 'Паспорт числится утраченным и признан недействительным.',
  '4601123123': 'Паспорт числится похищенным и признан недействительным.',
  '7711000111': 'Паспорт признан недействительным: он был заменён новым.',
};

/** ИНН with correct check digits that the ФНС never issued. */
export const UNISSUED_INN: readonly string[] = ['500100732259'];

/** The first Russian passports of this kind were issued on 1 October 1997. */
const FIRST_ISSUE = '1997-10-01';
/** Days after the 20th / 45th birthday during which the old passport still serves. */
export const REPLACEMENT_GRACE_DAYS = 90;

const norm = (s: string | null | undefined) =>
  (s ?? '')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s-]+/g, ' ');

export function samePerson(a: PersonName, b: PersonName): boolean {
  return (
    norm(a.lastName) === norm(b.lastName) &&
    norm(a.firstName) === norm(b.firstName) &&
    norm(a.middleName) === norm(b.middleName) &&
    a.birthDate === b.birthDate
  );
}

const findPerson = (who: PersonName) => REGISTERED_PEOPLE.find((p) => samePerson(p, who));

/** YYYY-MM-DD plus whole years (29 February → 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

const invalid = (reason: string): Verdict => ({ result: 'invalid', reason });
const VALID: Verdict = { result: 'valid' };

/**
 * Whether a passport issued on `issuedAt` to a person born on `birthDate` is still valid on `today`:
 * a passport is replaced at 20 and at 45; one issued before such a birthday serves until the new one
 * is issued, but no longer than 90 days after that birthday.
 */
export function passportExpiry(birthDate: string, issuedAt: string): string | null {
  for (const age of [20, 45]) {
    const birthday = addYears(birthDate, age);
    if (issuedAt < birthday) return addDays(birthday, REPLACEMENT_GRACE_DAYS);
  }
  return null; // issued after the 45th birthday: valid for life
}

/** ФМС/МВД: is this a valid passport of this person? */
export function checkPassport(q: PassportQuery, today: string): Verdict {
  const key = `${q.passport.series}${q.passport.number}`;
  if (!validatePassport(key).ok) return invalid('Серия и номер паспорта указаны неверно.');
  const voided = VOID_PASSPORTS[key];
  if (voided) return invalid(`${voided} Получите новый паспорт в МВД или МФЦ.`);
  const { issuedAt } = q.passport;
  if (issuedAt > today) return invalid('Дата выдачи паспорта ещё не наступила — проверьте дату.');
  if (issuedAt < FIRST_ISSUE)
    return invalid(
      'Паспорта гражданина РФ этого образца выдаются с 1 октября 1997 года — проверьте дату выдачи.',
    );
  if (issuedAt < addYears(q.birthDate, 14))
    return invalid(
      'Паспорт выдаётся с 14 лет, а указанная дата выдачи раньше — проверьте дату выдачи и дату рождения.',
    );

  const known = REGISTERED_PEOPLE.find((p) => `${p.passport.series}${p.passport.number}` === key);
  if (known) {
    if (!samePerson(known, q))
      return invalid(
        'Паспорт с такими серией и номером выдан на другие ФИО или дату рождения — проверьте данные.',
      );
    if (known.passport.issuedAt !== issuedAt || known.passport.issuerCode !== q.passport.issuerCode) {
      return invalid(
        'Дата выдачи или код подразделения не совпадают со сведениями МВД — проверьте их по паспорту.',
      );
    }
  } else if (findPerson(q)) {
    return invalid(
      'Паспорт недействителен: на ваше имя выдан другой паспорт. Укажите данные действующего паспорта.',
    );
  }

  const expires = passportExpiry(q.birthDate, issuedAt);
  if (expires && today >= expires) {
    const age = issuedAt < addYears(q.birthDate, 20) ? 20 : 45;
    return invalid(
      `Срок действия паспорта истёк: паспорт нужно было заменить по достижении ${age} лет. Получите новый паспорт в МВД или МФЦ и отправьте его данные.`,
    );
  }
  return VALID;
}

/** СФР: is this СНИЛС registered to this person? */
export function checkSnils(q: SnilsQuery, _today: string): Verdict {
  if (!validateSnils(q.snils).ok) return invalid('СНИЛС указан неверно: не сходится контрольное число.');
  const owner = REGISTERED_PEOPLE.find((p) => p.snils === q.snils);
  if (owner && !samePerson(owner, q)) {
    return invalid('СНИЛС зарегистрирован на другого человека — проверьте номер, ФИО и дату рождения.');
  }
  const person = findPerson(q);
  if (person && person.snils !== q.snils)
    return invalid('На ваше имя в СФР зарегистрирован другой СНИЛС — проверьте номер.');
  return VALID;
}

/** ФНС: is this ИНН the one assigned to this person? */
export function checkInn(q: InnQuery, _today: string): Verdict {
  if (!validateInnPerson(q.inn).ok) return invalid('ИНН указан неверно: не сходится контрольное число.');
  if (UNISSUED_INN.includes(q.inn))
    return invalid('ФНС не присваивала ИНН с таким номером — проверьте номер.');
  const owner = REGISTERED_PEOPLE.find((p) => p.inn === q.inn);
  if (owner && !samePerson(owner, q)) return invalid('ИНН присвоен другому человеку — проверьте номер.');
  const person = findPerson(q);
  if (person && person.inn !== q.inn)
    return invalid('ИНН не совпадает с ИНН, который ФНС присвоила вам, — проверьте номер.');
  return VALID;
}

export function checkRequest(kind: RegistryKind, person: unknown, today: string): Verdict {
  switch (kind) {
    case 'passport':
      return checkPassport(person as PassportQuery, today);
    case 'snils':
      return checkSnils(person as SnilsQuery, today);
    case 'inn':
      return checkInn(person as InnQuery, today);
  }
}
