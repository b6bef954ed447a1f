import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Loader, Skeleton, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconClockHour4,
  IconHelpCircle,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '@kabinet/shared';
import type { Me } from '../../api/me';
import { meQueryKey } from '../../api/me';
import { problemOf } from '../../api/problem';
import { PageHeader } from '../../components/PageHeader';
import { RequireLogin } from '../../components/RequireLogin';
import { StatusBadge } from '../../components/StatusBadge';
import page from '../pages.module.css';
import { ConfirmationMethods } from './ConfirmationMethods';
import { StandardForm, valuesFrom } from './StandardForm';
import { standardQueryKey, useStandard, type StandardView } from './standard';
import classes from './level.module.css';

// «Уровень учётной записи»: the three levels of PRODUCT.md §1, the standard-level form with its
// registry checks (pending → confirmed / rejected), and the ways to confirm identity.

const LEVELS = [
  {
    level: 'simplified',
    how: 'Телефон или почта подтверждены кодом, задан пароль.',
    unlocks: 'Справочные страницы, каталог услуг, общедоступные услуги, часть справок и записи на приём.',
  },
  {
    level: 'standard',
    how: 'Указаны ФИО, дата рождения, паспорт и СНИЛС (и ИНН, если хотите) и проверены в МВД, Социальном фонде и ФНС.',
    unlocks: 'Большинство заявлений и оплата начислений.',
  },
  {
    level: 'confirmed',
    how: 'Личность подтверждена: через банк, в МФЦ, кодом из письма Почты России или электронной подписью.',
    unlocks: 'Все услуги, в том числе электронная подпись, доверенности и работа от имени организаций.',
  },
] as const;

const ORDER = { simplified: 0, standard: 1, confirmed: 2 } as const;

function Levels({ current }: { current: Me['level'] }) {
  return (
    <section aria-labelledby="levels-title">
      <Title order={2} id="levels-title" className={page.h2}>
        Что даёт каждый уровень
      </Title>
      <ul className={classes.levels}>
        {LEVELS.map((l) => (
          <li key={l.level} className={classes.level} data-current={l.level === current || undefined}>
            <h3>
              <StatusBadge domain="accountLevel" status={l.level} />
            </h3>
            {l.level === current ? <p className={classes.current}>Ваш уровень сейчас</p> : null}
            {ORDER[l.level] < ORDER[current] ? <p>Пройден</p> : null}
            <p>
              <strong>Как получить.</strong> {l.how}
            </p>
            <p>
              <strong>Что доступно.</strong> {l.unlocks}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

const CHECK_META = {
  pending: { word: 'Проверяется', icon: IconClockHour4, color: 'var(--mantine-color-blue-7)' },
  valid: { word: 'Подтверждено', icon: IconCircleCheck, color: 'var(--mantine-color-green-8)' },
  invalid: { word: 'Не подтверждено', icon: IconCircleX, color: 'var(--mantine-color-red-8)' },
  no_answer: { word: 'Ведомство не ответило', icon: IconHelpCircle, color: 'var(--mantine-color-orange-8)' },
} as const;

function Checks({ checks }: { checks: StandardView['checks'] }) {
  if (!checks.length) return null;
  return (
    <ul className={classes.checks} aria-label="Проверки в ведомствах">
      {checks.map((c) => {
        const m = CHECK_META[c.status];
        return (
          <li key={c.kind} className={classes.check}>
            <m.icon size={22} color={m.color} aria-hidden="true" />
            <div>
              <p className={classes.checkTitle}>
                {c.title} — {c.registry}: {m.word}
              </p>
              {c.reason ? <p>{c.reason}</p> : null}
              {c.whatToDo ? <p>Что делать: {c.whatToDo}</p> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function StandardSection({ user }: { user: Me }) {
  const queryClient = useQueryClient();
  const standard = useStandard(true);
  const [editing, setEditing] = useState(false);
  const lastStatus = useRef<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const view = standard.data;

  // The check finished while the page was open: the level changed, so /api/me must be read again
  // (the server has renewed this session's cookie with the answer).
  useEffect(() => {
    if (!view) return;
    if (lastStatus.current === 'pending' && view.status !== 'pending') {
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      resultRef.current?.focus();
    }
    lastStatus.current = view.status;
  }, [view, queryClient]);

  if (standard.isPending)
    return (
      <Stack gap="xs" aria-busy="true">
        <span className="kb-visually-hidden">Загрузка…</span>
        <Skeleton height={32} width="60%" />
        <Skeleton height={160} radius="lg" />
      </Stack>
    );
  if (standard.isError)
    return (
      <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
        {problemOf(standard.error).detail}
      </Alert>
    );
  if (!view) return null;

  const submitted = (v: StandardView) => {
    setEditing(false);
    lastStatus.current = v.status;
    queryClient.setQueryData(standardQueryKey, v);
    if (v.status !== 'pending') void queryClient.invalidateQueries({ queryKey: meQueryKey });
  };

  let body;
  if (view.status === 'pending') {
    body = (
      <div className={page.panel} role="status">
        <Stack gap="sm">
          <Text fw={700} size="lg" style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            <Loader size="sm" aria-hidden="true" />
            Данные на проверке
          </Text>
          <Text>{view.message}</Text>
          {view.submittedAt ? (
            <Text size="sm" c="dimmed">
              Отправлено {formatDateTime(view.submittedAt, user.timeZone)}. Страницу можно закрыть — о
              результате мы сообщим в SMS и на почту.
            </Text>
          ) : null}
          <Checks checks={view.checks} />
        </Stack>
      </div>
    );
  } else if (view.status === 'confirmed') {
    body = (
      <Alert
        ref={resultRef}
        tabIndex={-1}
        color="green"
        variant="light"
        icon={<IconCircleCheck aria-hidden="true" />}
        title={view.level === 'simplified' ? 'Проверка завершена' : 'Данные подтверждены'}
      >
        <Stack gap="xs">
          <Text>{view.message}</Text>
          {view.completedAt ? (
            <Text size="sm">Проверка завершена {formatDateTime(view.completedAt, user.timeZone)}.</Text>
          ) : null}
          <Checks checks={view.checks} />
        </Stack>
      </Alert>
    );
  } else if (view.status === 'rejected' && !editing) {
    body = (
      <Stack gap="md">
        <Alert
          ref={resultRef}
          tabIndex={-1}
          color="red"
          variant="light"
          icon={<IconCircleX aria-hidden="true" />}
          title="Данные не подтверждены"
        >
          <Stack gap="xs">
            <Text>{view.message}</Text>
            {view.reason ? <Text>{view.reason}</Text> : null}
            {view.whatToDo ? (
              <Text>
                <strong>Что делать:</strong> {view.whatToDo}
              </Text>
            ) : null}
            <Checks checks={view.checks} />
          </Stack>
        </Alert>
        <div>
          <Button onClick={() => setEditing(true)}>Исправить данные</Button>
        </div>
      </Stack>
    );
  }

  const showForm = view.level === 'simplified' && (view.status === 'none' || editing);
  return (
    <section aria-labelledby="standard-title">
      <Title order={2} id="standard-title" className={page.h2}>
        Стандартная учётная запись
      </Title>
      <Stack gap="md">
        {view.status === 'none' ? <Text>{view.message}</Text> : null}
        {body}
        {showForm ? (
          <StandardForm
            initial={valuesFrom(view.status === 'rejected' ? view.submitted : null)}
            onSubmitted={submitted}
          />
        ) : null}
      </Stack>
    </section>
  );
}

/** `/profile/level`: the account level, the standard-level form and the ways to confirm identity. */
export function LevelPage() {
  return (
    <>
      <PageHeader
        title="Уровень учётной записи"
        description="От уровня зависит, какие услуги вам доступны. Повысьте его, чтобы подавать заявления и оплачивать начисления."
        breadcrumbs={[{ label: 'Профиль', to: '/profile' }, { label: 'Уровень учётной записи' }]}
      />
      <RequireLogin what="Уровень учётной записи виден после входа в личный кабинет.">
        {(user) => (
          <div className={page.stack}>
            <div className={page.panel}>
              <Text size="lg">
                Ваша учётная запись: <StatusBadge domain="accountLevel" status={user.level} />
              </Text>
            </div>
            <Levels current={user.level} />
            {user.level === 'confirmed' ? null : <StandardSection user={user} />}
            {user.level === 'standard' ? (
              <ConfirmationMethods />
            ) : user.level === 'simplified' ? (
              <section aria-labelledby="confirm-later">
                <Title order={2} id="confirm-later" className={page.h2}>
                  Подтвердить личность
                </Title>
                <Text>
                  Подтвердить личность — через банк, в МФЦ, письмом Почты России или электронной подписью —
                  можно после того, как учётная запись станет стандартной: сначала отправьте данные выше.
                </Text>
              </section>
            ) : (
              <Alert
                color="green"
                variant="light"
                icon={<IconCircleCheck aria-hidden="true" />}
                title="Личность подтверждена"
              >
                Вам доступны все услуги портала.
              </Alert>
            )}
          </div>
        )}
      </RequireLogin>
    </>
  );
}
