import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Skeleton, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCopy,
  IconDeviceMobileMessage,
  IconDownload,
  IconInfoCircle,
  IconKey,
  IconMail,
  IconPlus,
  IconPrinter,
  IconShieldLock,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatPhone, pluralize } from '@kabinet/shared';
import { authKeys, type Factors, type TotpSetup } from '../../api/auth';
import { api } from '../../api/client';
import { useMe } from '../../api/me';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { CodeInput } from '../../components/CodeInput';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useStepUp, type StepUp } from '../../components/StepUpDialog';
import { downloadText } from '../../lib/csv';
import { TONES } from '../../theme';
import { formatDateTimeSeconds } from './format';
import { ActionError } from './ActionError';
import classes from './settings.module.css';
import { notify } from '../auth/notify';
import { PasskeysCard } from './PasskeysCard';
import { LoginMethodsCard } from './LoginMethodsCard';
import { PushDevicesCard } from './PushDevicesCard';

const CODES = ['код', 'кода', 'кодов'] as const;

function useFactors() {
  return useQuery({
    queryKey: authKeys.factors,
    queryFn: async () => unwrap(await api.GET('/api/auth/factors')),
  });
}

/** «Включён» with an icon: the state in words, not only in colour. */
function On({ children = 'Включён' }: { children?: string }) {
  return (
    <span className={classes.state} style={{ color: TONES.success.fg }}>
      <IconCircleCheck size={18} aria-hidden="true" />
      {children}
    </span>
  );
}

/* ----------------------------------------------------------- TOTP setup */

/** «JBSW Y3DP EHPK 3PXP» — the secret in groups of four for typing by hand. */
const groups = (secret: string) => secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? [];

function TotpSetupPanel({
  setup,
  onDone,
  onCancel,
  guard,
}: {
  setup: TotpSetup;
  onDone: () => void;
  onCancel: () => void;
  guard: StepUp['guard'];
}) {
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const confirm = useMutation({
    mutationFn: (c: string) =>
      guard(async () =>
        unwrap(await api.POST('/api/auth/factors/totp/confirm', { body: { id: setup.id, code: c } })),
      ),
    onSuccess: () => onDone(),
    onError: (error) => {
      setFieldError(formErrors(error, ['code']).fields.code ?? null);
      setCode('');
    },
  });
  const submit = (c = code) => {
    if (c.replace(/\D/g, '').length !== 6) {
      setFieldError('Введите все 6 цифр кода из приложения');
      return;
    }
    setFieldError(null);
    confirm.mutate(c.replace(/\D/g, ''));
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(setup.secret);
      notify('green', 'Ключ скопирован', 'Вставьте его в приложение.');
    } catch {
      notify('red', 'Не удалось скопировать', 'Выделите ключ и скопируйте его вручную.');
    }
  };
  const titleId = 'totp-setup-title';

  return (
    <section className={`${classes.stack} ${classes.nested}`} aria-labelledby={titleId}>
      <Title order={3} id={titleId} size="h4">
        Подключение приложения-аутентификатора
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <ol className={classes.setup}>
            <li>
              <div className={classes.setupStep}>
                <p>
                  Установите на телефон приложение-аутентификатор: Яндекс Ключ, Google Authenticator,
                  Microsoft Authenticator или другое с поддержкой TOTP.
                </p>
              </div>
            </li>
            <li>
              <div className={classes.setupStep}>
                <p>Отсканируйте QR-код в приложении.</p>
                <img
                  className={classes.qr}
                  src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`}
                  alt="QR-код для подключения приложения-аутентификатора к Кабинету"
                  width={200}
                  height={200}
                />
                <p>Не получается отсканировать? Введите в приложении этот ключ вручную:</p>
                <p className={classes.secret} id="totp-secret">
                  <span className="kb-visually-hidden">Ключ: </span>
                  {groups(setup.secret).map((g, i) => (
                    <span key={i}>{g}</span>
                  ))}
                </p>
                <div>
                  <Button
                    variant="default"
                    leftSection={<IconCopy size={18} aria-hidden="true" />}
                    onClick={() => void copy()}
                  >
                    Скопировать ключ
                  </Button>
                </div>
              </div>
            </li>
            <li>
              <div className={classes.setupStep}>
                <p>Введите 6 цифр, которые показывает приложение.</p>
                <CodeInput
                  label="Код из приложения"
                  value={code}
                  onChange={setCode}
                  onComplete={submit}
                  error={fieldError}
                  disabled={confirm.isPending}
                />
              </div>
            </li>
          </ol>
          <ActionError error={confirm.error} />
          <div className={classes.actions}>
            <Button type="submit" loading={confirm.isPending}>
              Подключить приложение
            </Button>
            <Button variant="default" onClick={onCancel} disabled={confirm.isPending}>
              Отмена
            </Button>
          </div>
        </Stack>
      </form>
    </section>
  );
}

/* --------------------------------------------------------- backup codes */

function BackupCodesPanel({ codes, onClose }: { codes: string[]; onClose: () => void }) {
  const { data: me } = useMe();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const created = formatDateTimeSeconds(new Date(), me?.timeZone);
  const text = [
    'Резервные коды для входа в Кабинет',
    `Созданы: ${created}`,
    me ? `Учётная запись: ${me.shortName}` : null,
    '',
    'Каждый код действует один раз. Введите его вместо кода из SMS или приложения,',
    'если телефона нет под рукой. Храните коды отдельно от телефона.',
    '',
    ...codes.map((c, i) => `${String(i + 1).padStart(2, ' ')}. ${c}`),
    '',
  ]
    .filter((l) => l !== null)
    .join('\r\n');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      notify('green', 'Коды скопированы', 'Сохраните их в надёжном месте.');
    } catch {
      notify('red', 'Не удалось скопировать', 'Скачайте коды файлом.');
    }
  };
  const print = () => {
    document.body.classList.add('kb-print-codes');
    const done = () => {
      document.body.classList.remove('kb-print-codes');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  };

  return (
    <section
      ref={ref}
      tabIndex={-1}
      className={`${classes.stack} ${classes.nested} ${classes.printable}`}
      aria-labelledby="backup-codes-title"
    >
      <Title order={3} id="backup-codes-title" size="h4">
        Ваши резервные коды
      </Title>
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle aria-hidden="true" />}
        className={classes.noPrint}
      >
        Сохраните коды сейчас — больше мы их не покажем. Каждый код действует один раз. Храните их отдельно от
        телефона: они помогут войти, если телефона не будет под рукой.
      </Alert>
      <ol className={classes.codes} aria-label="Резервные коды">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <div className={`${classes.actions} ${classes.noPrint}`}>
        <Button
          variant="default"
          leftSection={<IconCopy size={18} aria-hidden="true" />}
          onClick={() => void copy()}
        >
          Скопировать коды
        </Button>
        <Button variant="default" leftSection={<IconPrinter size={18} aria-hidden="true" />} onClick={print}>
          Распечатать
        </Button>
        <Button
          variant="default"
          leftSection={<IconDownload size={18} aria-hidden="true" />}
          onClick={() => downloadText('kabinet-backup-codes.txt', text, 'text/plain;charset=utf-8')}
        >
          Скачать файлом
        </Button>
        <Button onClick={onClose}>Готово, коды сохранены</Button>
      </div>
    </section>
  );
}

/* --------------------------------------------------------------- section */

function FactorsBody({ factors }: { factors: Factors }) {
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const tz = me?.timeZone;
  const stepUp = useStepUp();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [removing, setRemoving] = useState<Factors['apps'][number] | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [confirmCodes, setConfirmCodes] = useState(false);
  const frozen = !!factors.frozenUntil;
  const refresh = () => queryClient.invalidateQueries({ queryKey: authKeys.factors });

  const start = useMutation({
    mutationFn: () => stepUp.guard(async () => unwrap(await api.POST('/api/auth/factors/totp'))),
    onSuccess: (data) => setSetup(data),
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      stepUp.guard(
        async () => unwrap(await api.DELETE('/api/auth/factors/{id}', { params: { path: { id } } })),
        // one dialog at a time: the confirmation gives way to the step-up dialog
        { onStepUp: () => setRemoving(null) },
      ),
    onSuccess: () => {
      setRemoving(null);
      notify('green', 'Приложение отключено', 'Коды из него больше не подходят.');
      void refresh();
    },
    onError: () => setRemoving(null),
  });
  const backup = useMutation({
    mutationFn: () =>
      stepUp.guard(async () => unwrap(await api.POST('/api/auth/backup-codes')), {
        onStepUp: () => setConfirmCodes(false),
      }),
    onSuccess: (data) => {
      setConfirmCodes(false);
      setCodes(data.codes);
      void refresh();
    },
    onError: () => setConfirmCodes(false),
  });

  return (
    <div className={classes.stack}>
      <Title order={2}>Способы входа и второй фактор</Title>
      <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden="true" />}>
        Второй фактор включён всегда: после пароля мы спрашиваем код. Отключить его нельзя, но можно выбрать
        способ надёжнее SMS — ключ доступа, подтверждение на устройстве или приложение-аутентификатор.
        {!factors.recentlyAuthenticated
          ? ' Перед изменениями мы попросим подтвердить, что это вы, — кодом второго фактора.'
          : null}
      </Alert>
      {frozen ? (
        <Alert color="orange" variant="light" role="status" icon={<IconAlertTriangle aria-hidden="true" />}>
          Недавно восстанавливали пароль, поэтому до {formatDateTimeSeconds(factors.frozenUntil, tz)} способы
          входа нельзя менять — это защищает учётную запись от захвата.
        </Alert>
      ) : null}

      {/* SMS / e-mail */}
      <section className={classes.card} aria-labelledby="factor-sms">
        <div className={classes.cardHead}>
          <Title order={3} id="factor-sms">
            {factors.sms ? 'Код по SMS' : 'Код на электронную почту'}
          </Title>
          {factors.sms || factors.email ? <On /> : null}
        </div>
        {factors.sms ? (
          <p className={classes.itemTitle}>
            <IconDeviceMobileMessage
              size={20}
              aria-hidden="true"
              style={{ verticalAlign: -4, marginRight: 6 }}
            />
            {formatPhone(factors.sms)}
          </p>
        ) : factors.email ? (
          <p className={classes.itemTitle}>
            <IconMail size={20} aria-hidden="true" style={{ verticalAlign: -4, marginRight: 6 }} />
            {factors.email}
          </p>
        ) : (
          <Text>Подтверждённого телефона нет. Обратитесь в поддержку или в МФЦ.</Text>
        )}
        <p className={classes.dimmed}>
          Работает для всех и всегда остаётся запасным способом. Номер меняется в разделе «Мои данные».
        </p>
      </section>

      <PasskeysCard frozen={frozen} />

      <PushDevicesCard frozen={frozen} />

      <LoginMethodsCard frozen={frozen} />

      {/* Authenticator apps */}
      <section className={classes.card} aria-labelledby="factor-apps">
        <div className={classes.cardHead}>
          <Title order={3} id="factor-apps">
            Приложения-аутентификаторы
          </Title>
          {factors.apps.length ? <On>{`Подключено: ${factors.apps.length}`}</On> : null}
        </div>
        <p className={classes.dimmed}>
          Приложение на телефоне показывает новый код каждые 30 секунд. Оно работает без связи и надёжнее SMS:
          такой код не перехватить.
        </p>
        {factors.apps.length ? (
          <ul className={classes.list} aria-label="Подключённые приложения">
            {factors.apps.map((a) => (
              <li key={a.id} className={classes.item}>
                <div>
                  <p className={classes.itemTitle}>
                    <IconShieldLock
                      size={20}
                      aria-hidden="true"
                      style={{ verticalAlign: -4, marginRight: 6 }}
                    />
                    {a.label}
                  </p>
                  <p className={classes.itemMeta}>
                    Подключено {formatDateTimeSeconds(a.createdAt, tz)}.{' '}
                    {a.lastUsedAt
                      ? `Последний раз использовалось ${formatDateTimeSeconds(a.lastUsedAt, tz)}.`
                      : 'Ещё не использовалось.'}
                  </p>
                </div>
                <Button
                  variant="default"
                  color="red"
                  leftSection={<IconTrash size={18} aria-hidden="true" />}
                  onClick={() => setRemoving(a)}
                  disabled={frozen}
                  aria-label={`Отключить приложение «${a.label}»`}
                >
                  Отключить
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <Text>Приложение не подключено.</Text>
        )}
        <ActionError error={remove.error} />
        {setup ? (
          <TotpSetupPanel
            setup={setup}
            guard={stepUp.guard}
            onCancel={() => setSetup(null)}
            onDone={() => {
              setSetup(null);
              notify(
                'green',
                'Приложение подключено',
                factors.backupCodesLeft > 0
                  ? 'Теперь при входе можно вводить код из приложения.'
                  : 'Теперь создайте резервные коды — на случай, если телефона не будет под рукой.',
              );
              void refresh();
            }}
          />
        ) : (
          <>
            <ActionError error={start.error} />
            <div>
              <Button
                leftSection={<IconPlus size={18} aria-hidden="true" />}
                onClick={() => start.mutate()}
                loading={start.isPending}
                disabled={frozen}
              >
                Подключить приложение
              </Button>
            </div>
          </>
        )}
      </section>

      {/* Backup codes */}
      <section className={classes.card} aria-labelledby="factor-backup">
        <div className={classes.cardHead}>
          <Title order={3} id="factor-backup">
            Резервные коды
          </Title>
          {factors.backupCodesLeft > 0 ? (
            <On>{`Осталось ${pluralize(factors.backupCodesLeft, CODES)} из 10`}</On>
          ) : null}
        </div>
        <p className={classes.dimmed}>
          Десять одноразовых кодов на случай, если телефона не будет под рукой. Распечатайте их или сохраните
          в надёжном месте.
        </p>
        {factors.backupCodesLeft === 0 && !codes ? (
          <Text>
            <IconKey size={18} aria-hidden="true" style={{ verticalAlign: -3, marginRight: 6 }} />
            Резервных кодов нет.
          </Text>
        ) : null}
        {codes ? (
          <BackupCodesPanel codes={codes} onClose={() => setCodes(null)} />
        ) : (
          <>
            <ActionError error={backup.error} />
            <div>
              <Button
                variant={factors.backupCodesLeft > 0 ? 'default' : 'filled'}
                onClick={() => (factors.backupCodesLeft > 0 ? setConfirmCodes(true) : backup.mutate())}
                loading={backup.isPending && !confirmCodes}
                disabled={frozen}
              >
                {factors.backupCodesLeft > 0 ? 'Создать новые коды' : 'Создать резервные коды'}
              </Button>
            </div>
          </>
        )}
      </section>

      <ConfirmDialog
        opened={!!removing}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id)}
        title="Отключить приложение?"
        confirmLabel="Отключить"
        danger
        loading={remove.isPending}
      >
        Коды из приложения «{removing?.label}» перестанут подходить для входа. Коды по SMS и резервные коды
        продолжат работать.
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirmCodes}
        onClose={() => setConfirmCodes(false)}
        onConfirm={() => backup.mutate()}
        title="Создать новые резервные коды?"
        confirmLabel="Создать новые коды"
        loading={backup.isPending}
      >
        Старые коды ({pluralize(factors.backupCodesLeft, CODES)}) сразу перестанут действовать.
      </ConfirmDialog>
      {stepUp.dialog}
    </div>
  );
}

/** Tab «Способы входа и второй фактор». */
export function FactorsSection() {
  const factors = useFactors();
  if (factors.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <span className="kb-visually-hidden">Загрузка…</span>
        <Skeleton height={32} width="50%" />
        <Skeleton height={120} radius="lg" />
        <Skeleton height={160} radius="lg" />
      </Stack>
    );
  }
  if (factors.isError) {
    return (
      <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
        {problemOf(factors.error).detail}{' '}
        <Button variant="subtle" onClick={() => void factors.refetch()}>
          Повторить
        </Button>
      </Alert>
    );
  }
  return <FactorsBody factors={factors.data} />;
}
