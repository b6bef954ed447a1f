import { describe, expect, it } from 'vitest';
import { validateInnPerson, validatePassport, validateSnils } from '@kabinet/shared';
import { DEMO_USERS } from '../../seed/demo';
import {
  addYears,
  checkInn,
  checkPassport,
  checkSnils,
  passportExpiry,
  REGISTERED_PEOPLE,
  UNISSUED_INN,
  VOID_PASSPORTS,
} from './registry';

const TODAY = '2026-11-23';
const stranger = { lastName: 'Новый', firstName: 'Человек', middleName: 'Тестович', birthDate: '1990-05-15' };
const passport = (series: string, number: string, issuedAt: string, issuerCode = '770-001') => ({
  series,
  number,
  issuedAt,
  issuerCode,
});

describe('the registries simulator rules', () => {
  it('knows the demo accounts, with valid identifiers', () => {
    for (const demo of DEMO_USERS.filter(
      (u) => u.lastName && ['Иванов', 'Петрова', 'Кузнецова', 'Соколов'].includes(u.lastName),
    )) {
      const person = REGISTERED_PEOPLE.find((p) => p.lastName === demo.lastName)!;
      expect(person.birthDate).toBe(demo.birthDate);
      if (demo.snils) expect(person.snils).toBe(demo.snils);
    }
    for (const p of REGISTERED_PEOPLE) {
      expect(validateSnils(p.snils).ok).toBe(true);
      expect(validateInnPerson(p.inn).ok).toBe(true);
      expect(validatePassport(p.passport.series + p.passport.number).ok).toBe(true);
    }
    for (const key of [...Object.keys(VOID_PASSPORTS)]) expect(validatePassport(key).ok).toBe(true);
    for (const inn of UNISSUED_INN) expect(validateInnPerson(inn).ok).toBe(true);
  });

  it('answers valid for anybody else with well-formed data', () => {
    expect(checkPassport({ ...stranger, passport: passport('4510', '765432', '2010-06-01') }, TODAY)).toEqual(
      { result: 'valid' },
    );
    expect(checkSnils({ ...stranger, snils: '67890123438' }, TODAY)).toEqual({ result: 'valid' });
    expect(checkInn({ ...stranger, inn: '771378901286' }, TODAY)).toEqual({ result: 'valid' });
    const ivanov = REGISTERED_PEOPLE[0]!;
    expect(checkPassport({ ...ivanov, passport: ivanov.passport }, TODAY)).toEqual({ result: 'valid' });
    expect(checkSnils({ ...ivanov, lastName: 'ИВАНОВ', snils: ivanov.snils }, TODAY)).toEqual({
      result: 'valid',
    });
  });

  it('expires a passport not replaced at 20 or 45, after the 90 days allowed for the replacement', () => {
    expect(passportExpiry('2000-01-10', '2014-02-01')).toBe('2020-04-09');
    expect(passportExpiry('1970-03-01', '1999-01-01')).toBe('2015-05-30');
    expect(passportExpiry('1960-07-07', '2005-08-01')).toBeNull();
    expect(addYears('2004-02-29', 20)).toBe('2024-02-29');
    expect(addYears('2004-02-29', 21)).toBe('2025-02-28');
    const young = { ...stranger, birthDate: '2000-01-10' };
    const expired = checkPassport({ ...young, passport: passport('4514', '111222', '2014-02-01') }, TODAY);
    expect(expired).toMatchObject({ result: 'invalid', reason: expect.stringMatching(/истёк.*20 лет/) });
    // Within the 90 days after the birthday the old passport still serves.
    expect(
      checkPassport({ ...young, passport: passport('4514', '111222', '2014-02-01') }, '2020-04-08'),
    ).toEqual({ result: 'valid' });
    const older = { ...stranger, birthDate: '1970-03-01' };
    expect(
      checkPassport({ ...older, passport: passport('4599', '333444', '1999-01-01') }, TODAY),
    ).toMatchObject({ reason: expect.stringMatching(/45 лет/) });
    const sidorov = REGISTERED_PEOPLE.find((p) => p.lastName === 'Сидоров')!;
    expect(checkPassport({ ...sidorov, passport: sidorov.passport }, TODAY).result).toBe('invalid');
  });

  it('refuses void passports, impossible dates and a passport of somebody else', () => {
    expect(
      checkPassport({ ...stranger, passport: passport('4509', '999999', '2010-06-01') }, TODAY),
    ).toMatchObject({ reason: expect.stringMatching(/утраченным/) });
    expect(
      checkPassport({ ...stranger, passport: passport('4510', '765432', '2027-01-01') }, TODAY).result,
    ).toBe('invalid');
    expect(
      checkPassport({ ...stranger, passport: passport('4510', '765432', '2003-01-01') }, TODAY),
    ).toMatchObject({ reason: expect.stringMatching(/с 14 лет/) });
    const ivanov = REGISTERED_PEOPLE[0]!;
    expect(checkPassport({ ...stranger, passport: ivanov.passport }, TODAY)).toMatchObject({
      reason: expect.stringMatching(/другие ФИО/),
    });
    expect(
      checkPassport({ ...ivanov, passport: { ...ivanov.passport, issuerCode: '770-999' } }, TODAY),
    ).toMatchObject({ reason: expect.stringMatching(/код подразделения/) });
    expect(
      checkPassport({ ...ivanov, passport: passport('4510', '765432', '2010-06-01') }, TODAY),
    ).toMatchObject({ reason: expect.stringMatching(/другой паспорт/) });
  });

  it('refuses a СНИЛС or ИНН of somebody else, and an ИНН never issued', () => {
    const [ivanov, petrova] = REGISTERED_PEOPLE;
    expect(checkSnils({ ...stranger, snils: petrova!.snils }, TODAY)).toMatchObject({
      reason: expect.stringMatching(/на другого человека/),
    });
    expect(checkSnils({ ...ivanov!, snils: petrova!.snils }, TODAY).result).toBe('invalid');
    expect(checkSnils({ ...ivanov!, snils: '67890123438' }, TODAY)).toMatchObject({
      reason: expect.stringMatching(/другой СНИЛС/),
    });
    expect(checkInn({ ...stranger, inn: ivanov!.inn }, TODAY)).toMatchObject({
      reason: expect.stringMatching(/другому человеку/),
    });
    expect(checkInn({ ...ivanov!, inn: '771378901286' }, TODAY)).toMatchObject({
      reason: expect.stringMatching(/не совпадает/),
    });
    expect(checkInn({ ...stranger, inn: '500100732259' }, TODAY)).toMatchObject({
      reason: expect.stringMatching(/не присваивала/),
    });
  });
});
