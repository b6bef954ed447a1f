import { useState, type ChangeEvent } from 'react';
import { Checkbox, Radio, Group, Select, Stack, Tabs, TextInput } from '@mantine/core';
import { IconLock, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { formErrors, unwrap } from '../../api/problem';
import { EmptyState } from '../../components/EmptyState';
import { FormStep, useStepField } from '../../components/FormStep';
import { PageHeader } from '../../components/PageHeader';
import { RequireLogin } from '../../components/RequireLogin';
import { CitizenCard } from './CitizenCard';
import { isConsoleUser, isOperator, type Citizen } from './types';
import classes from './operator.module.css';

const KINDS = {
  snils: { label: 'СНИЛС', field: 'СНИЛС', example: 'например 112-233-445 95', inputMode: 'numeric' },
  phone: {
    label: 'Телефон',
    field: 'Номер мобильного телефона',
    example: 'например +7 912 345-67-89',
    inputMode: 'tel',
  },
  passport: {
    label: 'Паспорт',
    field: 'Серия и номер паспорта',
    example: 'например 45 06 123456',
    inputMode: 'numeric',
  },
} as const;
type Kind = keyof typeof KINDS;

function LookupForm({ onFound }: { onFound: (c: Citizen) => void }) {
  const reasons = useQuery({
    queryKey: ['operator', 'reasons'],
    queryFn: async () => unwrap(await api.GET('/api/operator/reasons')).items,
    staleTime: Infinity,
  });
  const [kind, setKind] = useState<Kind>('snils');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!value.trim()) local.value = `Введите ${KINDS[kind].field.toLowerCase()}`;
    if (!reason) local.reason = 'Выберите цель обращения';
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length) return;
    setSubmitting(true);
    try {
      const found = unwrap(
        await api.POST('/api/operator/lookups', {
          body: { kind, value, reason: reason as 'consultation' },
        }),
      );
      setValue('');
      onFound(found);
    } catch (error) {
      const e = formErrors(error, ['kind', 'value', 'reason']);
      setErrors(e.fields);
      setMessage(e.message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormStep
      title="Поиск гражданина"
      description="Только по точному номеру документа или телефона. Каждый поиск записывается в журнал: гражданин увидит, кто и зачем обращался к его данным."
      errors={errors}
      fieldLabels={{ kind: 'Искать по', value: KINDS[kind].field, reason: 'Цель обращения' }}
      message={message}
      onSubmit={() => void submit()}
      submitLabel="Найти"
      submitting={submitting}
    >
      <Radio.Group
        {...useStepField('kind')}
        label="Искать по"
        value={kind}
        onChange={(v) => {
          setKind(v as Kind);
          setErrors({});
        }}
      >
        <Group gap="lg" mt={6}>
          {(Object.keys(KINDS) as Kind[]).map((k) => (
            <Radio key={k} value={k} label={KINDS[k].label} />
          ))}
        </Group>
      </Radio.Group>
      <TextInput
        {...useStepField('value')}
        label={KINDS[kind].field}
        description={KINDS[kind].example}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        inputMode={KINDS[kind].inputMode}
        autoComplete="off"
        maw={360}
      />
      <Select
        {...useStepField('reason')}
        label="Цель обращения"
        placeholder="Выберите"
        data={reasons.data ?? []}
        value={reason}
        onChange={setReason}
        maw={480}
        allowDeselect={false}
      />
    </FormStep>
  );
}

interface WalkIn {
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  passport: string;
  passportIssuedAt: string;
  passportIssuerCode: string;
  snils: string;
  phone: string;
  email: string;
  consent: boolean;
}

const EMPTY: WalkIn = {
  lastName: '',
  firstName: '',
  middleName: '',
  birthDate: '',
  passport: '',
  passportIssuedAt: '',
  passportIssuerCode: '',
  snils: '',
  phone: '',
  email: '',
  consent: false,
};

const WALK_IN_LABELS: Record<string, string> = {
  'person.lastName': 'Фамилия',
  'person.firstName': 'Имя',
  'person.middleName': 'Отчество',
  'person.birthDate': 'Дата рождения',
  'person.passport': 'Серия и номер паспорта',
  'person.passportIssuedAt': 'Дата выдачи паспорта',
  'person.passportIssuerCode': 'Код подразделения',
  'person.snils': 'СНИЛС',
  phone: 'Мобильный телефон',
  email: 'Электронная почта',
  consent: 'Согласие',
};

function WalkInFields({ value, onChange }: { value: WalkIn; onChange: (v: WalkIn) => void }) {
  const text = (k: keyof WalkIn) => ({
    value: value[k] as string,
    onChange: (e: ChangeEvent<HTMLInputElement>) => onChange({ ...value, [k]: e.currentTarget.value }),
  });
  // Ids and inline errors of every field, read once per render (hooks at the top level).
  const ids: Record<string, ReturnType<typeof useStepField>> = {
    'person.lastName': useStepField('person.lastName'),
    'person.firstName': useStepField('person.firstName'),
    'person.middleName': useStepField('person.middleName'),
    'person.birthDate': useStepField('person.birthDate'),
    'person.passport': useStepField('person.passport'),
    'person.passportIssuedAt': useStepField('person.passportIssuedAt'),
    'person.passportIssuerCode': useStepField('person.passportIssuerCode'),
    'person.snils': useStepField('person.snils'),
    phone: useStepField('phone'),
    email: useStepField('email'),
  };
  const f = (name: string) => ({ ...ids[name]!, label: WALK_IN_LABELS[name] });
  return (
    <>
      <div className={classes.grid}>
        <TextInput {...f('person.lastName')} {...text('lastName')} autoComplete="off" required />
        <TextInput {...f('person.firstName')} {...text('firstName')} autoComplete="off" required />
        <TextInput
          {...f('person.middleName')}
          {...text('middleName')}
          autoComplete="off"
          description="Если есть"
        />
      </div>
      <TextInput {...f('person.birthDate')} {...text('birthDate')} type="date" maw={240} required />
      <div className={classes.grid}>
        <TextInput
          {...f('person.passport')}
          {...text('passport')}
          description="например 45 06 123456"
          inputMode="numeric"
          autoComplete="off"
          required
        />
        <TextInput {...f('person.passportIssuedAt')} {...text('passportIssuedAt')} type="date" required />
        <TextInput
          {...f('person.passportIssuerCode')}
          {...text('passportIssuerCode')}
          description="например 770-001"
          inputMode="numeric"
          autoComplete="off"
          required
        />
      </div>
      <TextInput
        {...f('person.snils')}
        {...text('snils')}
        description="например 112-233-445 95"
        inputMode="numeric"
        autoComplete="off"
        maw={360}
        required
      />
      <div className={classes.grid}>
        <TextInput
          {...f('phone')}
          {...text('phone')}
          description="На него придёт ссылка для активации"
          type="tel"
          autoComplete="off"
          required
        />
        <TextInput
          {...f('email')}
          {...text('email')}
          label="Электронная почта (необязательно)"
          type="email"
          autoComplete="off"
        />
      </div>
      <Checkbox
        {...useStepField('consent')}
        label="Гражданин ознакомлен с пользовательским соглашением и дал согласие на обработку персональных данных"
        checked={value.consent}
        onChange={(e) => onChange({ ...value, consent: e.currentTarget.checked })}
      />
    </>
  );
}

function WalkInForm({ onCreated }: { onCreated: (c: Citizen) => void }) {
  const [value, setValue] = useState<WalkIn>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    setSubmitting(true);
    setErrors({});
    setMessage(null);
    try {
      const created = unwrap(
        await api.POST('/api/operator/accounts', {
          body: {
            person: {
              lastName: value.lastName,
              firstName: value.firstName,
              middleName: value.middleName || null,
              birthDate: value.birthDate,
              passport: value.passport,
              passportIssuedAt: value.passportIssuedAt,
              passportIssuerCode: value.passportIssuerCode,
              snils: value.snils,
            },
            phone: value.phone,
            email: value.email || null,
            consent: value.consent as true,
          },
        }),
      );
      setValue(EMPTY);
      onCreated(created);
    } catch (error) {
      const e = formErrors(error, Object.keys(WALK_IN_LABELS));
      setErrors(e.fields);
      setMessage(e.message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormStep
      title="Новая учётная запись"
      description="Для гражданина без учётной записи. Данные паспорта и СНИЛС уйдут на проверку в МВД и Социальный фонд; когда они подтвердятся, сверьте паспорт и подтвердите личность — гражданин получит ссылку и временный пароль для активации."
      errors={errors}
      fieldLabels={WALK_IN_LABELS}
      message={message}
      onSubmit={() => void submit()}
      submitLabel="Создать учётную запись"
      submitting={submitting}
    >
      <WalkInFields value={value} onChange={setValue} />
    </FormStep>
  );
}

/** `/operator`: the МФЦ operator's desk — find a citizen, confirm identity, register, unlock, recover access. */
export function OperatorPage() {
  const [citizen, setCitizen] = useState<Citizen | null>(null);
  const [tab, setTab] = useState<string>('find');
  return (
    <>
      <PageHeader
        title="Рабочее место оператора МФЦ"
        description="Поиск гражданина, подтверждение личности по паспорту, регистрация, разблокировка входа и восстановление доступа."
        breadcrumbs={[{ label: 'Рабочее место оператора' }]}
      />
      <RequireLogin what="Рабочее место доступно операторам МФЦ после входа.">
        {(user) =>
          !isConsoleUser(user.roles) ? (
            <EmptyState icon={IconLock} title="Нет доступа" action={{ label: 'На главную', to: '/' }}>
              Этот раздел — для операторов МФЦ и специалистов поддержки.
            </EmptyState>
          ) : (
            <Stack gap="lg">
              {citizen ? (
                <CitizenCard
                  key={citizen.lookupId}
                  initial={citizen}
                  canConfirm={isOperator(user.roles)}
                  onClose={() => setCitizen(null)}
                />
              ) : null}
              <Tabs value={tab} onChange={(v) => setTab(v ?? 'find')} keepMounted={false}>
                <Tabs.List aria-label="Действия оператора">
                  <Tabs.Tab value="find" leftSection={<IconSearch size={18} aria-hidden="true" />}>
                    Найти гражданина
                  </Tabs.Tab>
                  {isOperator(user.roles) ? (
                    <Tabs.Tab value="create" leftSection={<IconUserPlus size={18} aria-hidden="true" />}>
                      Новая учётная запись
                    </Tabs.Tab>
                  ) : null}
                </Tabs.List>
                <Tabs.Panel value="find" pt="md">
                  <LookupForm onFound={setCitizen} />
                </Tabs.Panel>
                {isOperator(user.roles) ? (
                  <Tabs.Panel value="create" pt="md">
                    <WalkInForm
                      onCreated={(c) => {
                        setCitizen(c);
                        window.scrollTo({ top: 0 });
                      }}
                    />
                  </Tabs.Panel>
                ) : null}
              </Tabs>
            </Stack>
          )
        }
      </RequireLogin>
    </>
  );
}
