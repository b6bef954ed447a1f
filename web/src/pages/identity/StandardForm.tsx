import { useState } from 'react';
import { TextInput } from '@mantine/core';
import { validateInnPerson, validatePassport, validateSnils } from '@kabinet/shared';
import { api } from '../../api/client';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { FormStep, useStepField } from '../../components/FormStep';
import { dateToIso, isoToDate, maskDate, maskInn, maskIssuerCode, maskPassport, maskSnils } from './masks';
import type { StandardView } from './standard';
import classes from './level.module.css';

// The standard-level form: ФИО, birth date, passport, СНИЛС and an optional ИНН, checked here with
// the shared validators for a quick answer and then by the server and the registries.

export interface StandardValues {
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  passport: string;
  passportIssuedAt: string;
  passportIssuerCode: string;
  snils: string;
  inn: string;
}

type Field = keyof StandardValues;

export const STANDARD_LABELS: Record<Field, string> = {
  lastName: 'Фамилия',
  firstName: 'Имя',
  middleName: 'Отчество',
  birthDate: 'Дата рождения',
  passport: 'Серия и номер паспорта',
  passportIssuedAt: 'Дата выдачи паспорта',
  passportIssuerCode: 'Код подразделения',
  snils: 'СНИЛС',
  inn: 'ИНН',
};
const FIELDS = Object.keys(STANDARD_LABELS) as Field[];

const EMPTY: StandardValues = {
  lastName: '',
  firstName: '',
  middleName: '',
  birthDate: '',
  passport: '',
  passportIssuedAt: '',
  passportIssuerCode: '',
  snils: '',
  inn: '',
};

/** What was sent before, laid out as the fields show it, for correcting a rejected request. */
export function valuesFrom(submitted: StandardView['submitted']): StandardValues {
  if (!submitted) return EMPTY;
  return {
    lastName: submitted.lastName,
    firstName: submitted.firstName,
    middleName: submitted.middleName ?? '',
    birthDate: isoToDate(submitted.birthDate),
    passport: maskPassport(submitted.passport),
    passportIssuedAt: isoToDate(submitted.passportIssuedAt),
    passportIssuerCode: maskIssuerCode(submitted.passportIssuerCode),
    snils: maskSnils(submitted.snils),
    inn: submitted.inn ?? '',
  };
}

const NAME = /^[А-ЯЁа-яё]+(?:[ '-][А-ЯЁа-яё]+)*$/;

function validate(v: StandardValues): Record<string, string> {
  const e: Record<string, string> = {};
  const name = (f: 'lastName' | 'firstName' | 'middleName', what: string, required: boolean) => {
    const s = v[f].trim();
    if (!s) {
      if (required) e[f] = `Укажите ${what}`;
    } else if (s.length > 60) e[f] = 'Не длиннее 60 символов';
    else if (!NAME.test(s)) e[f] = 'Русскими буквами, как в паспорте; можно дефис и пробел';
  };
  name('lastName', 'фамилию', true);
  name('firstName', 'имя', true);
  name('middleName', 'отчество', false);
  const date = (f: 'birthDate' | 'passportIssuedAt', what: string) => {
    if (!v[f].trim()) e[f] = `Укажите ${what}`;
    else if (!dateToIso(v[f])) e[f] = 'Дата в формате ДД.ММ.ГГГГ, например 12.04.1985';
  };
  date('birthDate', 'дату рождения');
  date('passportIssuedAt', 'дату выдачи паспорта');
  const passport = validatePassport(v.passport);
  if (!v.passport.trim()) e.passport = 'Укажите серию и номер паспорта';
  else if (!passport.ok) e.passport = passport.message;
  if (!/^\d{3}-?\d{3}$/.test(v.passportIssuerCode.trim()))
    e.passportIssuerCode = 'Код подразделения — 6 цифр, например 770-001';
  const snils = validateSnils(v.snils);
  if (!v.snils.trim()) e.snils = 'Укажите СНИЛС';
  else if (!snils.ok) e.snils = snils.message;
  if (v.inn.trim()) {
    const inn = validateInnPerson(v.inn);
    if (!inn.ok) e.inn = inn.message;
  }
  // In the order of the fields, so the error summary reads top to bottom.
  return Object.fromEntries(FIELDS.filter((f) => e[f]).map((f) => [f, e[f]!]));
}

function Input({
  name,
  value,
  onChange,
  mask,
  ...rest
}: {
  name: Field;
  value: StandardValues;
  onChange: (v: StandardValues) => void;
  mask?: (s: string) => string;
  description?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'text';
  autoComplete?: string;
  required?: boolean;
}) {
  const field = useStepField(name);
  return (
    <TextInput
      {...field}
      {...rest}
      label={STANDARD_LABELS[name]}
      value={value[name]}
      onChange={(e) =>
        onChange({ ...value, [name]: mask ? mask(e.currentTarget.value) : e.currentTarget.value })
      }
      withAsterisk={rest.required}
      required={undefined}
      aria-required={rest.required || undefined}
    />
  );
}

export function StandardForm({
  initial,
  onSubmitted,
}: {
  initial: StandardValues;
  onSubmitted: (view: StandardView) => void;
}) {
  const [value, setValue] = useState<StandardValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    const local = validate(value);
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length) return;
    setSubmitting(true);
    try {
      const view = unwrap(
        await api.POST('/api/identity/standard', {
          body: {
            lastName: value.lastName.trim(),
            firstName: value.firstName.trim(),
            middleName: value.middleName.trim() || null,
            birthDate: dateToIso(value.birthDate)!,
            passport: value.passport,
            passportIssuedAt: dateToIso(value.passportIssuedAt)!,
            passportIssuerCode: value.passportIssuerCode,
            snils: value.snils,
            inn: value.inn.trim() || null,
          },
        }),
      );
      onSubmitted(view);
    } catch (error) {
      setErrors(formErrors(error, FIELDS).fields);
      setMessage(problemOf(error).detail);
    } finally {
      setSubmitting(false);
    }
  };

  const p = { value, onChange: setValue };
  return (
    <FormStep
      title="Данные для стандартной учётной записи"
      description="Всё как в паспорте. Мы отправим данные на проверку в МВД, Социальный фонд и ФНС — обычно это занимает несколько минут."
      errors={errors}
      fieldLabels={STANDARD_LABELS}
      message={message}
      onSubmit={() => void submit()}
      submitLabel="Отправить на проверку"
      submitting={submitting}
    >
      <fieldset className={classes.group}>
        <legend>ФИО и дата рождения</legend>
        <Input {...p} name="lastName" autoComplete="family-name" required />
        <Input {...p} name="firstName" autoComplete="given-name" required />
        <Input {...p} name="middleName" autoComplete="additional-name" description="Если есть в паспорте" />
        <Input
          {...p}
          name="birthDate"
          mask={maskDate}
          inputMode="numeric"
          placeholder="ДД.ММ.ГГГГ"
          description="Например, 12.04.1985"
          autoComplete="bday"
          required
        />
      </fieldset>
      <fieldset className={classes.group}>
        <legend>Паспорт гражданина РФ</legend>
        <Input
          {...p}
          name="passport"
          mask={maskPassport}
          inputMode="numeric"
          description="10 цифр, например 45 05 123456"
          required
        />
        <Input
          {...p}
          name="passportIssuedAt"
          mask={maskDate}
          inputMode="numeric"
          placeholder="ДД.ММ.ГГГГ"
          description="Например, 10.05.2005"
          required
        />
        <Input
          {...p}
          name="passportIssuerCode"
          mask={maskIssuerCode}
          inputMode="numeric"
          description="На развороте с датой выдачи, например 770-001"
          required
        />
      </fieldset>
      <fieldset className={classes.group}>
        <legend>СНИЛС и ИНН</legend>
        <Input
          {...p}
          name="snils"
          mask={maskSnils}
          inputMode="numeric"
          description="11 цифр, например 112-233-445 95"
          required
        />
        <Input
          {...p}
          name="inn"
          mask={maskInn}
          inputMode="numeric"
          description="Необязательно. 12 цифр — если укажете, проверим в ФНС и подставим в заявления"
        />
      </fieldset>
    </FormStep>
  );
}
