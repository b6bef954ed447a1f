import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Button, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconDownload,
  IconFilter,
  IconInfoCircle,
  IconLock,
  IconSparkles,
  type Icon,
} from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StatusTone } from '@kabinet/shared';
import { authKeys, type HistoryItem } from '../../api/auth';
import { api } from '../../api/client';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { TONES } from '../../theme';
import { formatDateTimeSeconds, IP_MESSAGE, isIpOrRange } from './format';
import { DeviceIcon } from './SessionsSection';
import classes from './settings.module.css';

/** A record with its place in the answer: two attempts may share the second, address and result. */
type Row = HistoryItem & { n: number };

interface Filters {
  from: string;
  to: string;
  ip: string;
}

const EMPTY: Filters = { from: '', to: '', ip: '' };
const PAGE = 100;
/** The list shows at most this many records; the CSV has all of them. */
const MAX_PAGES = 10;

const RESULT: Record<string, { tone: StatusTone; icon: Icon }> = {
  succeeded: { tone: 'success', icon: IconCircleCheck },
  second_factor_required: { tone: 'info', icon: IconInfoCircle },
  failed: { tone: 'danger', icon: IconCircleX },
  second_factor_failed: { tone: 'danger', icon: IconCircleX },
  locked: { tone: 'warning', icon: IconLock },
  blocked_source: { tone: 'warning', icon: IconLock },
};

function query(f: Filters) {
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.ip.trim() ? { ip: f.ip.trim() } : {}),
  };
}

/** Every record for the filters (100 a page, at most 1 000), so the table can sort and page them. */
async function fetchHistory(f: Filters): Promise<{ items: HistoryItem[]; total: number }> {
  const get = async (page: number) =>
    unwrap(await api.GET('/api/auth/history', { params: { query: { ...query(f), page, pageSize: PAGE } } }));
  const first = await get(1);
  const pages = Math.min(Math.ceil(first.total / PAGE), MAX_PAGES);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => get(i + 2)));
  return { items: [...first.items, ...rest.flatMap((r) => r.items)], total: first.total };
}

function validate(f: Filters): Record<string, string> {
  const errors: Record<string, string> = {};
  if (f.ip.trim() && !isIpOrRange(f.ip)) errors.ip = IP_MESSAGE;
  if (f.from && f.to && f.from > f.to) errors.from = 'Дата «с» не может быть позже даты «по»';
  return errors;
}

/** Tab «История входов»: every attempt with time to the second, filters by date and IP range, CSV. */
export function HistorySection({ timeZone }: { timeZone: string }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const history = useQuery({
    queryKey: authKeys.history(applied),
    queryFn: () => fetchHistory(applied),
    placeholderData: keepPreviousData,
  });

  // The server's word on the filters (e.g. a range it does not accept) goes next to the field.
  const serverErrors = history.isError ? formErrors(history.error, ['from', 'to', 'ip']).fields : {};
  const shownErrors = { ...serverErrors, ...errors };

  const submit = () => {
    const local = validate(draft);
    setErrors(local);
    if (Object.keys(local).length) return;
    setApplied({ ...draft, ip: draft.ip.trim() });
  };

  useEffect(() => {
    const first = ['from', 'to', 'ip'].find((k) => errors[k]);
    if (first) document.getElementById(`history-${first}`)?.focus();
  }, [errors]);

  const rows = useMemo<Row[]>(() => history.data?.items.map((r, n) => ({ ...r, n })) ?? [], [history.data]);
  const csv = new URLSearchParams(query(applied)).toString();
  const filtered = applied.from || applied.to || applied.ip;

  const columns: DataTableColumn<Row>[] = [
    {
      key: 'at',
      header: 'Время',
      primary: true,
      sortable: true,
      value: (r) => new Date(r.at),
      render: (r) => formatDateTimeSeconds(r.at, timeZone),
    },
    {
      key: 'result',
      header: 'Результат',
      value: (r) => r.resultLabel,
      render: (r) => {
        const meta = RESULT[r.result] ?? { tone: 'neutral' as const, icon: IconInfoCircle };
        return (
          <span className={classes.result}>
            <meta.icon size={18} color={TONES[meta.tone].fg} aria-hidden="true" />
            {r.resultLabel}
          </span>
        );
      },
    },
    { key: 'method', header: 'Способ', value: (r) => r.methodLabel },
    {
      key: 'device',
      header: 'Устройство',
      value: (r) =>
        [r.browser, r.os, r.deviceType].filter(Boolean).join(', ') + (r.newDevice ? ' (новое)' : ''),
      render: (r) => (
        <span>
          <DeviceIcon type={r.deviceType} />
          {[r.browser, r.os].filter(Boolean).join(', ') || 'неизвестно'}
          {r.newDevice ? (
            <span className={classes.newDevice}>
              <IconSparkles size={14} aria-hidden="true" />
              Новое устройство
            </span>
          ) : null}
        </span>
      ),
    },
    {
      key: 'ip',
      header: 'IP-адрес',
      value: (r) => (r.location ? `${r.ip ?? 'неизвестен'} · ${r.location}` : (r.ip ?? 'неизвестен')),
    },
  ];

  return (
    <div className={classes.stack}>
      <Title order={2}>История входов</Title>
      <p className={classes.dimmed}>
        Все попытки входа за 90 дней: время с точностью до секунды, адрес, устройство и результат. Если видите
        вход, которого не было, смените пароль и завершите чужие сеансы.
      </p>
      <form
        noValidate
        role="search"
        aria-label="Фильтр истории входов"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className={classes.filters}>
          <TextInput
            id="history-from"
            type="date"
            label="С даты"
            value={draft.from}
            max={draft.to || undefined}
            onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
            error={shownErrors.from}
          />
          <TextInput
            id="history-to"
            type="date"
            label="По дату"
            value={draft.to}
            min={draft.from || undefined}
            onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
            error={shownErrors.to}
          />
          <TextInput
            id="history-ip"
            label="IP-адрес или диапазон"
            description="Например, 203.0.113.7 или 203.0.113.0/24"
            inputMode="text"
            autoCapitalize="none"
            spellCheck={false}
            value={draft.ip}
            onChange={(e) => setDraft({ ...draft, ip: e.currentTarget.value })}
            error={shownErrors.ip}
          />
          <div className={classes.filterButtons}>
            <Button type="submit" leftSection={<IconFilter size={18} aria-hidden="true" />}>
              Показать
            </Button>
            {filtered ? (
              <Button
                variant="default"
                onClick={() => {
                  setDraft(EMPTY);
                  setApplied(EMPTY);
                  setErrors({});
                }}
              >
                Сбросить фильтры
              </Button>
            ) : null}
          </div>
        </div>
      </form>

      {history.isPending ? (
        <Stack gap="xs" aria-busy="true">
          <span className="kb-visually-hidden">Загрузка…</span>
          <Skeleton height={48} />
          <Skeleton height={48} />
          <Skeleton height={48} />
        </Stack>
      ) : history.isError ? (
        <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
          {problemOf(history.error).detail}
        </Alert>
      ) : (
        <>
          {history.data.total > history.data.items.length ? (
            <Text role="status">
              Показаны последние {history.data.items.length} записей из {history.data.total}. Уточните период
              или скачайте все записи в CSV.
            </Text>
          ) : null}
          <DataTable
            caption={filtered ? 'Входы в кабинет по фильтру' : 'Входы в кабинет'}
            captionHidden
            columns={columns}
            rows={rows}
            rowKey={(r) => String(r.n)}
            pageSize={20}
            initialSort={{ key: 'at', direction: 'desc' }}
            toolbar={
              <Button
                component="a"
                href={`/api/auth/history.csv${csv ? `?${csv}` : ''}`}
                download="login-history.csv"
                variant="default"
                leftSection={<IconDownload size={18} aria-hidden="true" />}
              >
                Скачать CSV
              </Button>
            }
            empty={
              <EmptyState compact>
                {filtered
                  ? 'За этот период и с этого адреса входов не было. Измените фильтры.'
                  : 'Входов пока нет.'}
              </EmptyState>
            }
          />
          <Text size="sm" c="dimmed">
            Место входа определяется по IP-адресу приблизительно:{' '}
            <Anchor href="https://db-ip.com/" target="_blank" rel="noreferrer">
              IP Geolocation by DB-IP
            </Anchor>
            .
          </Text>
        </>
      )}
    </div>
  );
}
