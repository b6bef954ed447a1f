import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle, IconMail } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDate, plural } from '@kabinet/shared';
import { api } from '../../api/client';
import { meQueryKey } from '../../api/me';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { CodeInput } from '../../components/CodeInput';
import { ErrorSummary } from '../../components/FormStep';
import { PageHeader } from '../../components/PageHeader';
import { RequireLogin } from '../../components/RequireLogin';
import { Timeline } from '../../components/Timeline';
import page from '../pages.module.css';

type PostStatus = NonNullable<Awaited<ReturnType<typeof fetchStatus>>>;
type Letter = NonNullable<PostStatus['letter']>;

const queryKey = ['identity', 'post'] as const;
const fetchStatus = async () => unwrap(await api.GET('/api/identity/post'));

type Field = 'index' | 'region' | 'city' | 'street' | 'house' | 'flat';
const LABELS: Record<Field, string> = {
  index: 'Почтовый индекс',
  region: 'Регион',
  city: 'Населённый пункт',
  street: 'Улица',
  house: 'Дом, корпус, строение',
  flat: 'Квартира',
};

/** «101000 32 00001 0»: index, month, number, check digit — as printed on the receipt. */
const formatTrack = (t: string) => `${t.slice(0, 6)} ${t.slice(6, 8)} ${t.slice(8, 13)} ${t.slice(13)}`;
const addressLine = (a: Letter['address']) =>
  [a.index, a.region, a.city, a.street, `д. ${a.house}`, a.flat ? `кв. ${a.flat}` : null]
    .filter(Boolean)
    .join(', ');

/** `/profile/level/post`: identity confirmed by a Russian Post letter with a one-time code. */
export function PostLetterPage() {
  return (
    <>
      <PageHeader
        title="Подтверждение личности письмом"
        description="Заказное письмо Почты России с кодом: заберите его в отделении с паспортом и введите код здесь."
        breadcrumbs={[{ label: 'Профиль', to: '/profile' }, { label: 'Письмо Почтой России' }]}
      />
      <RequireLogin what="Заказать письмо с кодом можно после входа в личный кабинет.">
        {() => <PostLetterContent />}
      </RequireLogin>
    </>
  );
}

function PostLetterContent() {
  const query = useQuery({
    queryKey,
    queryFn: fetchStatus,
    // The letter moves while the page is open: ask the post again now and then.
    refetchInterval: (q) => (q.state.data?.letter?.status === 'sent' ? 5000 : false),
  });
  if (query.isPending) return <Text aria-busy="true">Загрузка…</Text>;
  if (query.isError) return <Alert color="red">{problemOf(query.error).detail}</Alert>;
  const s = query.data;
  const letter = s.letter;
  return (
    <div className={page.stack}>
      {s.level === 'confirmed' ? (
        <Alert color="green" icon={<IconCircleCheck aria-hidden="true" />} title="Личность подтверждена">
          Ваша учётная запись — подтверждённая: доступны все услуги.{' '}
          <Link to="/profile">Перейти в профиль</Link>
        </Alert>
      ) : null}
      {letter && letter.status === 'sent' ? <LetterOnItsWay letter={letter} /> : null}
      {letter && letter.status !== 'sent' && letter.status !== 'confirmed' ? (
        <Alert color="yellow" icon={<IconInfoCircle aria-hidden="true" />} title="Предыдущее письмо">
          {letter.message}
        </Alert>
      ) : null}
      {s.canOrder ? (
        <OrderForm ordersLeft={s.ordersLeft} />
      ) : s.level !== 'confirmed' && !(letter && letter.status === 'sent') ? (
        <Alert color="blue" icon={<IconInfoCircle aria-hidden="true" />}>
          {s.orderRefusal}
        </Alert>
      ) : null}
    </div>
  );
}

function OrderForm({ ordersLeft }: { ordersLeft: number }) {
  const client = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({
    index: '',
    region: '',
    city: '',
    street: '',
    house: '',
    flat: '',
  });
  const order = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/identity/post', { body: { address: values } })),
    onSuccess: (data) => client.setQueryData(queryKey, data),
  });
  const errors = order.error ? formErrors(order.error) : { fields: {}, message: null };
  const fields = Object.fromEntries(
    Object.entries(errors.fields).map(([k, v]) => [k.replace(/^address\./, ''), v]),
  ) as Partial<Record<Field, string>>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    order.mutate();
  };
  const input = (name: Field, required: boolean, autoComplete?: string) => (
    <TextInput
      id={`post-${name}`}
      name={name}
      label={LABELS[name]}
      description={required ? undefined : 'Необязательно'}
      required={required}
      autoComplete={autoComplete}
      inputMode={name === 'index' ? 'numeric' : undefined}
      maxLength={name === 'index' ? 8 : 150}
      value={values[name]}
      error={fields[name]}
      onChange={(e) => {
        // Read now: the event's target is gone by the time the updater runs.
        const value = e.currentTarget.value;
        setValues((v) => ({ ...v, [name]: value }));
      }}
    />
  );
  return (
    <section className={page.panel} aria-labelledby="post-order">
      <Title order={2} id="post-order" className={page.h2}>
        Куда отправить письмо
      </Title>
      <Text mb="md">
        Письмо придёт на имя из вашего паспорта. Укажите адрес, где вы сможете получить заказное письмо. Можно
        заказать ещё {ordersLeft} {plural(ordersLeft, ['письмо', 'письма', 'писем'])} за 30 дней.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorSummary
            errors={fields as Record<string, string>}
            fieldLabels={LABELS}
            message={errors.message}
            fieldId={(n) => `post-${n}`}
          />
          {input('index', true, 'postal-code')}
          {input('region', false, 'address-level1')}
          {input('city', true, 'address-level2')}
          {input('street', true, 'address-line1')}
          <Group grow align="flex-start">
            {input('house', true)}
            {input('flat', false)}
          </Group>
          <Group>
            <Button
              type="submit"
              loading={order.isPending}
              leftSection={<IconMail size={18} aria-hidden="true" />}
            >
              Заказать письмо
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  );
}

function LetterOnItsWay({ letter }: { letter: Letter }) {
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const confirm = useMutation({
    mutationFn: async (value: string) =>
      unwrap(await api.POST('/api/identity/post/confirm', { body: { code: value } })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: meQueryKey });
      await client.invalidateQueries({ queryKey });
    },
    onError: async () => {
      setCode('');
      await client.invalidateQueries({ queryKey });
    },
  });
  const events = [...letter.events].reverse().map((e, i) => ({
    id: `${e.status}-${i}`,
    time: e.at,
    title: e.title,
    author: e.place,
  }));
  return (
    <>
      <section className={page.panel} aria-labelledby="post-letter">
        <Title order={2} id="post-letter" className={page.h2}>
          Письмо в пути
        </Title>
        <Text mb="md">{letter.message}</Text>
        <dl className={page.facts}>
          <dt>Трек-номер</dt>
          <dd>{letter.trackNumber ? formatTrack(letter.trackNumber) : '—'}</dd>
          <dt>Получатель</dt>
          <dd>{letter.recipientName}</dd>
          <dt>Адрес</dt>
          <dd>{addressLine(letter.address)}</dd>
          <dt>Отправлено</dt>
          <dd>{formatDate(letter.dispatchedAt)}</dd>
          <dt>Код действует до</dt>
          <dd>{formatDate(letter.expiresAt)}</dd>
        </dl>
        <Title order={3} size="h4" mt="lg" mb="sm">
          Отслеживание
        </Title>
        <Timeline events={events} label="Где письмо" />
      </section>
      <section className={page.panel} aria-labelledby="post-code">
        <Title order={2} id="post-code" className={page.h2}>
          Введите код из письма
        </Title>
        <CodeInput
          label="Код из письма"
          description={`Осталось попыток: ${letter.attemptsLeft}`}
          value={code}
          onChange={setCode}
          onComplete={(c) => confirm.mutate(c)}
          error={confirm.error ? problemOf(confirm.error).detail : null}
          disabled={confirm.isPending}
        />
      </section>
    </>
  );
}
