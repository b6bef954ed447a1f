import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Button, Group, List, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  IconAlertCircle,
  IconBuildingBank,
  IconBuildingCommunity,
  IconCircleCheck,
  IconSignature,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  formatDate,
  formatDateTime,
  formatSnils,
  formatTime,
  validatePassport,
  validatePhone,
} from '@kabinet/shared';
import { CODE_TTL_MINUTES, RESEND_SECONDS, statusOf } from '../../api/auth';
import { api } from '../../api/client';
import type { paths } from '../../api/openapi';
import { ApiError, formErrors, problemOf, unwrap } from '../../api/problem';
import { CodeInput } from '../../components/CodeInput';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormStep, FormStepper, useStepField } from '../../components/FormStep';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { signChallenge, tokenCertificates } from '../../esign/token';
import { goToBank } from '../bank/bank';
import { tokenKey } from '../esign/EsignPage';
import { MethodCard } from '../identity/MethodCard';
import { dateToIso, maskDate, maskPassport } from '../identity/masks';
import { NewPasswordStep } from './RecoveryPage';
import classes from './auth.module.css';

// «Нет доступа к телефону и почте» (PRODUCT.md §1 «Recovery»): passport + birth date → the security
// question → a recovery request («ВД-1234-5678») that the bank, an e-signature or an МФЦ completes —
// the answer alone recovers nothing; then, in this browser, a new phone confirmed by a code and a new
// password. The request is bound to this browser on the server; the page asks where it stands.

type Status = paths['/api/auth/recovery/request']['get']['responses'][200]['content']['application/json'];
type RequestView = NonNullable<Status['request']>;

const statusKey = ['auth', 'recovery-request'] as const;

const STEPS = [
  { key: 'passport', title: 'Паспорт' },
  { key: 'question', title: 'Контрольный вопрос' },
  { key: 'proof', title: 'Подтверждение личности' },
  { key: 'phone', title: 'Новый телефон' },
  { key: 'password', title: 'Новый пароль' },
];

const NONE: Status = { stage: 'none', question: null, request: null };

/** Keeps the server's answer in the page's one source of truth. */
function useStatus() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: statusKey,
    queryFn: async () => unwrap(await api.GET('/api/auth/recovery/request')),
    retry: false,
  });
  const set = (s: Status) => queryClient.setQueryData(statusKey, s);
  const setRequest = (request: RequestView) => set({ stage: 'request', question: null, request });
  const refresh = () => queryClient.invalidateQueries({ queryKey: statusKey });
  return { query, set, setRequest, refresh };
}

/* ------------------------------------------------------------ 1. passport */

const PASSPORT_LABELS = { passport: 'Серия и номер паспорта', birthDate: 'Дата рождения' };

type PassportValue = { passport: string; birthDate: string };

/** Inside the FormStep, so that the fields get their ids and inline errors from it. */
function PassportFields({ value, onChange }: { value: PassportValue; onChange: (v: PassportValue) => void }) {
  const passport = useStepField('passport');
  const birthDate = useStepField('birthDate');
  return (
    <>
      <TextInput
        {...passport}
        label={PASSPORT_LABELS.passport}
        description="10 цифр, например 45 05 123456"
        inputMode="numeric"
        autoComplete="off"
        value={value.passport}
        onChange={(e) => onChange({ ...value, passport: maskPassport(e.currentTarget.value) })}
        maw={320}
      />
      <TextInput
        {...birthDate}
        label={PASSPORT_LABELS.birthDate}
        description="Например, 12.04.1985"
        placeholder="ДД.ММ.ГГГГ"
        inputMode="numeric"
        autoComplete="bday"
        value={value.birthDate}
        onChange={(e) => onChange({ ...value, birthDate: maskDate(e.currentTarget.value) })}
        maw={320}
      />
    </>
  );
}

function PassportStep({
  message: initial,
  onQuestion,
}: {
  message: string | null;
  onQuestion: (q: string) => void;
}) {
  const [value, setValue] = useState({ passport: '', birthDate: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(initial);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    const local: Record<string, string> = {};
    const p = validatePassport(value.passport);
    if (!value.passport.trim()) local.passport = 'Введите серию и номер паспорта';
    else if (!p.ok) local.passport = p.message;
    const iso = dateToIso(value.birthDate);
    if (!value.birthDate.trim()) local.birthDate = 'Введите дату рождения';
    else if (!iso) local.birthDate = 'Дата в формате ДД.ММ.ГГГГ, например 12.04.1985';
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length) return;
    setSubmitting(true);
    try {
      const r = unwrap(
        await api.POST('/api/auth/recovery/request/question', {
          body: { passport: value.passport, birthDate: iso! },
        }),
      );
      onQuestion(r.question);
    } catch (error) {
      const e = formErrors(error, ['passport', 'birthDate']);
      setErrors(e.fields);
      setMessage(e.message);
      setSubmitting(false);
    }
  };

  return (
    <FormStep
      title="Паспорт и дата рождения"
      description="Те, что подтверждены в вашей учётной записи. Затем мы зададим ваш контрольный вопрос."
      errors={errors}
      fieldLabels={PASSPORT_LABELS}
      message={message}
      onSubmit={() => void submit()}
      submitLabel="Продолжить"
      submitting={submitting}
    >
      <PassportFields value={value} onChange={setValue} />
    </FormStep>
  );
}

/* ------------------------------------------------------------ 2. question */

function AnswerField({
  question,
  value,
  onChange,
}: {
  question: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const field = useStepField('answer');
  return (
    <TextInput
      {...field}
      label={question}
      autoComplete="off"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maw={480}
      autoFocus
    />
  );
}

function QuestionStep({
  question,
  onBack,
  onRestart,
  onOpened,
}: {
  question: string;
  onBack: () => void;
  onRestart: (message: string) => void;
  onOpened: (r: RequestView) => void;
}) {
  const [answer, setAnswer] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    if (!answer.trim()) {
      setErrors({ answer: 'Введите ответ' });
      setMessage(null);
      return;
    }
    setSubmitting(true);
    setErrors({});
    setMessage(null);
    try {
      onOpened(unwrap(await api.POST('/api/auth/recovery/request/answer', { body: { answer } })));
    } catch (error) {
      if (statusOf(error) === 409) return onRestart(problemOf(error).detail);
      // The detail says how many tries are left, or until when answers are locked: always shown.
      setErrors(formErrors(error, ['answer']).fields);
      setMessage(problemOf(error).detail);
      setAnswer('');
      setSubmitting(false);
    }
  };

  return (
    <FormStep
      title="Ответьте на контрольный вопрос"
      description="Регистр, буква «ё» и лишние пробелы не важны. После трёх неверных ответов вопрос временно блокируется."
      errors={errors}
      fieldLabels={{ answer: 'Ответ' }}
      message={message}
      onSubmit={() => void submit()}
      onBack={onBack}
      submitLabel="Открыть запрос"
      submitting={submitting}
    >
      <AnswerField question={question} value={answer} onChange={setAnswer} />
      <Text size="sm">
        Не задавали контрольный вопрос или не помните ответ? Обратитесь в МФЦ с паспортом: сотрудник проверит
        его и восстановит доступ без ответа.
      </Text>
    </FormStep>
  );
}

/* ------------------------------------------------------------ 3. the ways to complete */

function EsignWay({ onProven }: { onProven: () => void }) {
  const token = useQuery({ queryKey: tokenKey, queryFn: tokenCertificates });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sign = async (id: string) => {
    setBusy(id);
    setError(null);
    try {
      const challenge = unwrap(await api.POST('/api/auth/esign/recover/challenge'));
      const body = await signChallenge(id, challenge);
      unwrap(await api.POST('/api/auth/esign/recover', { body }));
      onProven();
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.detail : problemOf(e).detail);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap="xs">
      {token.data?.length === 0 ? (
        <Text size="sm" c="dimmed">
          В этом браузере нет сертификата. Откройте эту страницу там, где установлен ваш сертификат.
        </Text>
      ) : null}
      {token.data?.map((c) => (
        <Group key={c.id} gap="sm" wrap="wrap" justify="space-between">
          <Text size="sm">
            {c.owner}, СНИЛС {formatSnils(c.snils)}, действует по {formatDate(c.notAfter)}
          </Text>
          <Button variant="light" loading={busy === c.id} onClick={() => void sign(c.id)}>
            Подписать
          </Button>
        </Group>
      ))}
      {error ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
    </Stack>
  );
}

function ProofStep({
  request,
  onProven,
  onCancelled,
}: {
  request: RequestView;
  onProven: () => void;
  onCancelled: (message: string) => void;
}) {
  const [bankBusy, setBankBusy] = useState(false);
  const [bankError, setBankError] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);

  const bank = async () => {
    setBankBusy(true);
    setBankError(null);
    try {
      await goToBank('recover');
    } catch (e) {
      setBankError(problemOf(e).detail);
      setBankBusy(false);
    }
  };
  const cancel = async () => {
    setCancelling(true);
    try {
      onCancelled(unwrap(await api.POST('/api/auth/recovery/request/cancel')).message);
    } catch (e) {
      onCancelled(problemOf(e).detail);
    }
  };

  return (
    <Stack gap="lg">
      <div ref={ref} tabIndex={-1} className={classes.panel} role="status" aria-labelledby="request-title">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={2} size="h3" id="request-title">
            Запрос № <span data-testid="request-number">{request.number}</span> открыт
          </Title>
          <StatusBadge domain="recoveryRequest" status={request.status} srPrefix="Статус запроса:" />
        </Group>
        <Text>
          Ответ принят, но сам по себе доступ не восстанавливает. Подтвердите личность одним из способов ниже.
          Запрос действует до {formatDateTime(request.expiresAt)}. О нём мы сообщили на прежние телефон и
          почту.
        </Text>
      </div>
      <Title order={2} size="h3">
        Как подтвердить личность
      </Title>
      <div className={classes.stack}>
        <MethodCard
          id="way-bank"
          icon={IconBuildingBank}
          title="Через банк"
          action={
            <>
              <Button loading={bankBusy} onClick={() => void bank()}>
                Подтвердить через банк
              </Button>
              {bankError ? (
                <Alert color="red" role="alert" mt="sm">
                  {bankError}
                </Alert>
              ) : null}
            </>
          }
        >
          Войдите в свой банк: он передаст ФИО, дату рождения, паспорт и СНИЛС, которые проверил при личной
          встрече. Если они совпадут с данными учётной записи, сразу зададите новый телефон и пароль.
        </MethodCard>
        <MethodCard
          id="way-esign"
          icon={IconSignature}
          title="Квалифицированной электронной подписью"
          action={<EsignWay onProven={onProven} />}
        >
          Подпишите запрос сертификатом, в котором ваш СНИЛС, — он должен совпасть со СНИЛС учётной записи.
        </MethodCard>
        <MethodCard id="way-mfc" icon={IconBuildingCommunity} title="В МФЦ">
          Приходите в любой МФЦ с паспортом и назовите номер запроса {request.number}. Сотрудник проверит
          паспорт и запишет новый номер телефона: на него придёт ссылка для входа, а временный пароль вам
          выдадут на памятке.
        </MethodCard>
      </div>
      <div>
        <Button variant="subtle" color="red" onClick={() => setConfirmCancel(true)}>
          Отменить запрос
        </Button>
      </div>
      <ConfirmDialog
        opened={confirmCancel}
        onClose={() => setConfirmCancel(false)}
        onConfirm={() => void cancel()}
        title="Отменить запрос?"
        confirmLabel="Отменить запрос"
        cancelLabel="Не отменять"
        danger
        loading={cancelling}
      >
        Восстановить доступ по запросу {request.number} будет нельзя — при необходимости откроете новый.
      </ConfirmDialog>
    </Stack>
  );
}

/* ------------------------------------------------------------ 4. new phone */

function ProofNote({ request }: { request: RequestView }) {
  if (!request.proof) return null;
  return (
    <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden="true" />} role="status">
      {request.proof.method === 'bank' ? 'Банк подтвердил' : 'Электронная подпись подтвердила'} вашу личность
      по запросу № {request.number}. Задайте новый телефон и пароль до {formatTime(request.proof.until)}.
    </Alert>
  );
}

function PhoneField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const field = useStepField('phone');
  return (
    <TextInput
      {...field}
      label="Номер мобильного телефона"
      description="Например, +7 912 345-67-89"
      type="tel"
      autoComplete="tel"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maw={320}
    />
  );
}

function PhoneStep({
  request,
  onConfirmed,
  onStale,
}: {
  request: RequestView;
  onConfirmed: (r: RequestView) => void;
  onStale: (message: string) => void;
}) {
  const [phone, setPhone] = useState('');
  const [sent, setSent] = useState<{ destination: string; at: number; wait: number } | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [codeError, setCodeError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const fail = (error: unknown) => {
    if (statusOf(error) === 409 && !formErrors(error, ['phone']).fields.phone) {
      onStale(problemOf(error).detail);
      return true;
    }
    return false;
  };

  const send = async () => {
    const v = validatePhone(phone);
    if (!phone.trim()) return setErrors({ phone: 'Введите номер мобильного телефона' });
    if (!v.ok) return setErrors({ phone: v.message });
    setSubmitting(true);
    setErrors({});
    setMessage(null);
    try {
      const r = unwrap(await api.POST('/api/auth/recovery/request/phone', { body: { phone } }));
      setSent({ destination: r.destination, at: Date.now(), wait: RESEND_SECONDS });
    } catch (error) {
      if (!fail(error)) {
        const e = formErrors(error, ['phone']);
        setErrors(e.fields);
        setMessage(e.message ?? problemOf(error).detail);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const verify = async (raw = code) => {
    const digits = raw.replace(/\D/g, '');
    if (digits.length !== 6) return setCodeError('Введите все 6 цифр кода');
    setSubmitting(true);
    setCodeError(null);
    setMessage(null);
    try {
      onConfirmed(
        unwrap(await api.POST('/api/auth/recovery/request/phone/verify', { body: { code: digits } })),
      );
    } catch (error) {
      if (!fail(error)) {
        const p = problemOf(error);
        if (p.errors?.length) setCodeError(p.detail);
        else setMessage(p.detail);
        setCode('');
      }
      setSubmitting(false);
    }
  };

  const resend = async () => {
    try {
      const r = unwrap(await api.POST('/api/auth/recovery/request/phone/resend'));
      setSent({ destination: r.destination, at: Date.now(), wait: RESEND_SECONDS });
      setMessage(null);
    } catch (error) {
      if (fail(error)) return;
      setMessage(problemOf(error).detail);
      setSent(
        (s) => s && { ...s, at: Date.now(), wait: error instanceof ApiError ? (error.retryAfter ?? 0) : 0 },
      );
    }
  };

  if (!sent)
    return (
      <FormStep
        title="Новый номер телефона"
        description="Номер, к которому у вас есть доступ: на него придёт код, по нему вы будете входить."
        errors={errors}
        fieldLabels={{ phone: 'Номер мобильного телефона' }}
        message={message}
        onSubmit={() => void send()}
        submitLabel="Получить код"
        submitting={submitting}
      >
        <PhoneField value={phone} onChange={setPhone} />
      </FormStep>
    );
  const left = Math.max(0, Math.ceil(sent.wait - (Date.now() - sent.at) / 1000));
  return (
    <FormStep
      title="Подтвердите новый номер"
      message={message}
      onSubmit={() => void verify()}
      onBack={() => {
        setSent(null);
        setCode('');
        setMessage(null);
      }}
      backLabel="Другой номер"
      submitLabel="Подтвердить"
      submitting={submitting}
    >
      <CodeInput
        key={sent.at}
        label="Код из SMS"
        description={`Код отправлен на ${sent.destination} (${request.newPhone ?? 'новый номер'}). Он действует ${CODE_TTL_MINUTES} минут.`}
        value={code}
        onChange={setCode}
        onComplete={(c) => void verify(c)}
        error={codeError}
        disabled={submitting}
        autoFocus
        resendAfter={left}
        onResend={resend}
      />
    </FormStep>
  );
}

/* ------------------------------------------------------------ 5. new password */

function PasswordStep({
  onDone,
  onStale,
}: {
  onDone: (message: string) => void;
  onStale: (message: string) => void;
}) {
  return (
    <NewPasswordStep
      description="После этого все сеансы завершатся, а прежние способы входа отключатся."
      submitLabel="Восстановить доступ"
      save={async (newPassword) =>
        unwrap(await api.POST('/api/auth/recovery/request/complete', { body: { newPassword } })).message
      }
      onDone={(message) => onDone(message ?? '')}
      onStale={onStale}
    />
  );
}

/* ------------------------------------------------------------ results */

function Done({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className={classes.panel} role="status">
      <Text component="h2" fw={700} size="xl" style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <IconCircleCheck color="var(--mantine-color-green-7)" aria-hidden="true" />
        Доступ восстановлен
      </Text>
      <Text>{message}</Text>
      <List spacing="xs">
        <List.Item>Все сеансы на всех устройствах завершены, блокировка входа снята.</List.Item>
        <List.Item>
          Приложения-аутентификаторы, резервные коды и ключи доступа с потерянного телефона отключены.
        </List.Item>
        <List.Item>Прежняя почта больше не подтверждена: уведомления на неё не приходят.</List.Item>
        <List.Item>
          24 часа нельзя менять телефон, почту и способы входа — это защищает учётную запись, если доступ
          восстанавливал кто-то другой.
        </List.Item>
        <List.Item>Мы сообщили о восстановлении на прежние телефон и почту и на новый номер.</List.Item>
      </List>
      <div>
        <Button component={Link} to="/login">
          Войти
        </Button>
      </div>
    </div>
  );
}

function Closed({ request, onNew }: { request: RequestView; onNew: () => void }) {
  const atMfc = request.status === 'completed' && request.completedBy === 'mfc';
  return (
    <div className={classes.panel} role="status">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Title order={2} size="h3">
          Запрос № {request.number}
        </Title>
        <StatusBadge domain="recoveryRequest" status={request.status} srPrefix="Статус запроса:" />
      </Group>
      <Text>
        {atMfc
          ? 'Доступ восстановлен в МФЦ. Откройте ссылку из SMS на новом телефоне и введите временный пароль с памятки: вы зададите свой пароль и подтвердите номер.'
          : request.status === 'completed'
            ? 'Доступ по этому запросу уже восстановлен. Войдите с новым телефоном и паролем.'
            : request.status === 'expired'
              ? 'Срок запроса истёк: он действует 30 дней. Откройте новый запрос.'
              : 'Запрос отменён. Если доступ всё ещё нужен — откройте новый.'}
      </Text>
      <Group gap="sm">
        {request.status === 'completed' ? (
          <Button component={Link} to="/login">
            Войти
          </Button>
        ) : (
          <Button onClick={onNew}>Открыть новый запрос</Button>
        )}
      </Group>
    </div>
  );
}

/** `/recovery/lost`: «Нет доступа к телефону и почте». */
export function LostContactsPage() {
  const { query, set, setRequest, refresh } = useStatus();
  const [notice, setNotice] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const restart = (message: string | null) => {
    setNotice(message);
    set(NONE);
  };
  const stale = (message: string) => {
    setNotice(message);
    void refresh();
  };

  const s = query.data;
  const r = s?.request ?? null;
  const open = r?.status === 'opened';
  const active = !s
    ? 0
    : s.stage === 'none'
      ? 0
      : s.stage === 'question'
        ? 1
        : !r?.proof
          ? 2
          : !r.newPhoneConfirmed
            ? 3
            : 4;

  let body;
  if (done) body = <Done message={done} />;
  else if (query.isPending)
    body = (
      <Stack gap="xs" aria-busy="true">
        <span className="kb-visually-hidden">Загрузка…</span>
        <Skeleton height={220} radius="lg" />
      </Stack>
    );
  else if (query.isError)
    body = (
      <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />}>
        {problemOf(query.error).detail}
      </Alert>
    );
  else if (r && !open) body = <Closed request={r} onNew={() => restart(null)} />;
  else
    body = (
      <FormStepper steps={STEPS} active={active}>
        {active === 0 ? (
          <PassportStep
            message={notice}
            onQuestion={(question) => {
              setNotice(null);
              set({ stage: 'question', question, request: null });
            }}
          />
        ) : active === 1 ? (
          <QuestionStep
            question={s!.question ?? ''}
            onBack={() => restart(null)}
            onRestart={restart}
            onOpened={(request) => {
              setNotice(null);
              setRequest(request);
            }}
          />
        ) : active === 2 ? (
          <ProofStep request={r!} onProven={() => void refresh()} onCancelled={restart} />
        ) : (
          <Stack gap="md">
            <ProofNote request={r!} />
            {notice ? (
              <Alert color="orange" role="alert">
                {notice}
              </Alert>
            ) : null}
            {active === 3 ? (
              <PhoneStep request={r!} onConfirmed={setRequest} onStale={stale} />
            ) : (
              <PasswordStep onDone={setDone} onStale={stale} />
            )}
          </Stack>
        )}
      </FormStepper>
    );

  return (
    <div className={classes.column}>
      <PageHeader
        title="Нет доступа к телефону и почте"
        description={
          active === 0 && !done
            ? 'Откройте запрос на восстановление: паспорт, дата рождения и ответ на контрольный вопрос. Выполнить его можно через банк, электронной подписью или в МФЦ — одного ответа недостаточно.'
            : undefined
        }
        breadcrumbs={[
          { label: 'Вход', to: '/login' },
          { label: 'Восстановление доступа', to: '/recovery' },
          { label: 'Нет доступа к телефону и почте' },
        ]}
      />
      <div className={classes.stack}>
        {body}
        {active === 0 && !done ? (
          <p className={classes.under}>
            <span>Телефон или почта доступны?</span>
            <Anchor component={Link} to="/recovery" className={classes.underLink} fw={700}>
              Восстановить по коду
            </Anchor>
          </p>
        ) : null}
      </div>
    </div>
  );
}
