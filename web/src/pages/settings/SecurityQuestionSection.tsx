import { useState } from 'react';
import { Alert, NativeSelect, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '@kabinet/shared';
import { api } from '../../api/client';
import type { paths } from '../../api/openapi';
import type { Me } from '../../api/me';
import { formErrors, problemOf, unwrap } from '../../api/problem';
import { FormStep, useStepField } from '../../components/FormStep';
import { isStepUpCancelled, useStepUp } from '../../components/StepUpDialog';
import { PasswordField } from '../auth/PasswordStrength';
import { notify } from '../auth/notify';
import { RecoveryRequestsCard } from './RecoveryRequestsCard';
import classes from './settings.module.css';

// Settings → «Контрольный вопрос». With passport data it only opens a contacts-lost recovery request
// (PRODUCT.md §1); setting or changing it is a critical change: step-up, owner notified, audited.

type QuestionKey =
  paths['/api/auth/security-question']['put']['requestBody']['content']['application/json']['questionKey'];

const questionKey = ['auth', 'security-question'] as const;
const OWN = 'own';
const LABELS = {
  questionKey: 'Вопрос',
  ownQuestion: 'Ваш вопрос',
  answer: 'Ответ',
  repeat: 'Ответ ещё раз',
};

interface Value {
  questionKey: string;
  ownQuestion: string;
  answer: string;
  repeat: string;
}

function Fields({
  value,
  onChange,
  options,
}: {
  value: Value;
  onChange: (v: Value) => void;
  options: { key: string; text: string }[];
}) {
  const q = useStepField('questionKey');
  const own = useStepField('ownQuestion');
  const answer = useStepField('answer');
  const repeat = useStepField('repeat');
  const set = (k: keyof Value) => (e: { currentTarget: { value: string } }) =>
    onChange({ ...value, [k]: e.currentTarget.value });
  return (
    <>
      <NativeSelect
        {...q}
        label={LABELS.questionKey}
        data={[
          { value: '', label: 'Выберите вопрос' },
          ...options.map((o) => ({ value: o.key, label: o.text })),
          { value: OWN, label: 'Свой вопрос' },
        ]}
        value={value.questionKey}
        onChange={set('questionKey')}
        maw={480}
      />
      {value.questionKey === OWN ? (
        <TextInput
          {...own}
          label={LABELS.ownQuestion}
          description="От 10 до 200 символов. Ответ не должен угадываться по вашим соцсетям и документам."
          value={value.ownQuestion}
          onChange={set('ownQuestion')}
          maxLength={200}
          maw={480}
        />
      ) : null}
      <PasswordField
        {...answer}
        label={LABELS.answer}
        description="От 3 до 100 символов. Регистр, буква «ё» и лишние пробелы не важны."
        autoComplete="off"
        value={value.answer}
        onChange={set('answer')}
        maw={480}
      />
      <PasswordField
        {...repeat}
        label={LABELS.repeat}
        autoComplete="off"
        value={value.repeat}
        onChange={set('repeat')}
        maw={480}
      />
    </>
  );
}

const EMPTY: Value = { questionKey: '', ownQuestion: '', answer: '', repeat: '' };
const norm = (s: string) => s.trim().toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/\s+/g, ' ');

/** Tab «Контрольный вопрос». */
export function SecurityQuestionSection({ user }: { user: Me }) {
  const queryClient = useQueryClient();
  const stepUp = useStepUp({
    reason: 'Контрольный вопрос помогает восстановить доступ. Подтвердите, что его меняете вы.',
  });
  const current = useQuery({
    queryKey: questionKey,
    queryFn: async () => unwrap(await api.GET('/api/auth/security-question')),
  });
  const [value, setValue] = useState<Value>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    const local: Record<string, string> = {};
    if (!value.questionKey) local.questionKey = 'Выберите вопрос из списка или «Свой вопрос»';
    if (value.questionKey === OWN && value.ownQuestion.trim().length < 10)
      local.ownQuestion = 'Вопрос — не короче 10 символов';
    const answer = norm(value.answer);
    if (answer.length < 3) local.answer = 'Ответ — не короче 3 символов';
    else if (answer.length > 100) local.answer = 'Ответ — не длиннее 100 символов';
    else if (answer !== norm(value.repeat)) local.repeat = 'Ответы не совпадают';
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length) return;
    setSubmitting(true);
    try {
      const had = !!current.data?.question;
      await stepUp.guard(async () =>
        unwrap(
          await api.PUT('/api/auth/security-question', {
            body: {
              // One of the keys the server listed (or «own»); the server checks it again.
              questionKey: value.questionKey as QuestionKey,
              ownQuestion: value.questionKey === OWN ? value.ownQuestion : null,
              answer: value.answer,
            },
          }),
        ),
      );
      setValue(EMPTY);
      notify(
        'green',
        had ? 'Контрольный вопрос изменён' : 'Контрольный вопрос задан',
        'Мы сообщили об этом на ваш телефон и почту.',
      );
      await queryClient.invalidateQueries({ queryKey: questionKey });
    } catch (error) {
      if (!isStepUpCancelled(error)) {
        setErrors(formErrors(error, ['questionKey', 'ownQuestion', 'answer']).fields);
        setMessage(problemOf(error).detail);
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (current.isPending)
    return (
      <Stack gap="xs" aria-busy="true">
        <span className="kb-visually-hidden">Загрузка…</span>
        <Skeleton height={80} radius="lg" />
      </Stack>
    );
  if (current.isError)
    return (
      <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />}>
        {problemOf(current.error).detail}
      </Alert>
    );
  const q = current.data.question;
  return (
    <div className={classes.stack}>
      <div className={classes.card}>
        <Text component="h2" fw={700} size="xl">
          Контрольный вопрос
        </Text>
        {q ? (
          <p className={classes.state}>
            <IconCircleCheck size={20} color="var(--mantine-color-green-8)" aria-hidden="true" />
            Задан: «{q.text}» — {formatDateTime(q.updatedAt, user.timeZone)}
          </p>
        ) : (
          <p className={classes.state}>
            <IconInfoCircle size={20} color="var(--mantine-color-blue-7)" aria-hidden="true" />
            Не задан
          </p>
        )}
        <Text>
          Если вы потеряете доступ и к телефону, и к почте, ответ вместе с паспортными данными позволит подать
          заявку на восстановление. Её подтвердят через банк, электронную подпись или в МФЦ — одного ответа
          для входа недостаточно.
        </Text>
      </div>
      <FormStep
        title={q ? 'Сменить контрольный вопрос' : 'Задать контрольный вопрос'}
        errors={errors}
        fieldLabels={LABELS}
        message={message}
        onSubmit={() => void submit()}
        submitLabel={q ? 'Сменить вопрос' : 'Сохранить вопрос'}
        submitting={submitting}
      >
        <Fields value={value} onChange={setValue} options={current.data.options} />
      </FormStep>
      <RecoveryRequestsCard timeZone={user.timeZone} />
      {stepUp.dialog}
    </div>
  );
}
