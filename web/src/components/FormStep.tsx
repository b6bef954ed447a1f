import { createContext, useContext, useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { Button, Progress, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCheck, IconUserCircle } from '@tabler/icons-react';
import { formatTime } from '@kabinet/shared';
import classes from './FormStep.module.css';

/* ------------------------------------------------------------------ fields */

interface StepContext {
  errors: Record<string, string>;
  fieldId: (name: string) => string;
}

const defaultFieldId = (name: string) => `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
const Ctx = createContext<StepContext>({ errors: {}, fieldId: defaultFieldId });

/**
 * Props for a Mantine input inside a FormStep: its id (the error summary links to it), name and
 * inline error. Mantine links the error and the description to the input with aria-describedby.
 *
 *   <TextInput label="Фамилия" description="Как в паспорте" {...useStepField('lastName')} />
 */
export function useStepField(name: string): { id: string; name: string; error: string | undefined } {
  const { errors, fieldId } = useContext(Ctx);
  return { id: fieldId(name), name, error: errors[name] };
}

/** «из профиля» next to a label: the value was filled in from the citizen's profile. */
export function PrefillMark({ source = 'из профиля' }: { source?: string }) {
  return (
    <span className={classes.prefill}>
      <IconUserCircle size={14} aria-hidden="true" />
      {source}
    </span>
  );
}

/* ----------------------------------------------------------- error summary */

export interface ErrorSummaryProps {
  /** Messages by field name. */
  errors: Record<string, string>;
  /** Field names as the form calls them, for the links («Серия паспорта»). */
  fieldLabels?: Record<string, string>;
  /** A sentence about the whole form (problem `detail`). */
  message?: string | null;
  fieldId?: (name: string) => string;
  headingOrder?: 2 | 3;
}

/**
 * The box at the top of a form after a failed submit: what is wrong, each item a link that moves
 * focus to its field. It takes focus itself so screen readers read it at once.
 */
export function ErrorSummary({
  errors,
  fieldLabels = {},
  message,
  fieldId = defaultFieldId,
  headingOrder = 2,
}: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const entries = Object.entries(errors);
  const shown = entries.length > 0 || !!message;
  const signature = `${message ?? ''}|${entries.map(([k, v]) => `${k}:${v}`).join('|')}`;

  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, signature]);

  if (!shown) return null;
  const Heading = headingOrder === 2 ? 'h2' : 'h3';
  return (
    <div ref={ref} className={classes.summary} role="alert" tabIndex={-1} aria-labelledby={titleId}>
      <Heading id={titleId}>{entries.length ? 'Проверьте данные' : 'Не получилось отправить'}</Heading>
      {message ? <p>{message}</p> : null}
      {entries.length ? (
        <ul>
          {entries.map(([name, text]) => (
            <li key={name}>
              <a
                href={`#${fieldId(name)}`}
                onClick={(e) => {
                  const el = document.getElementById(fieldId(name));
                  if (!el) return;
                  e.preventDefault();
                  el.scrollIntoView({ block: 'center' });
                  el.focus({ preventScroll: true });
                }}
              >
                {fieldLabels[name] ? `${fieldLabels[name]}: ` : ''}
                {text}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/* --------------------------------------------------------------- one step */

export interface FormStepProps {
  /** The question or topic of this step («Паспортные данные»), an h2. */
  title: string;
  description?: ReactNode;
  /** Field messages by name (formErrors(error).fields). */
  errors?: Record<string, string>;
  /** Field names for the error summary links. */
  fieldLabels?: Record<string, string>;
  /** A sentence about the whole step (formErrors(error).message). */
  message?: string | null;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onBack?: () => void;
  submitLabel?: string;
  backLabel?: string;
  submitting?: boolean;
  /** Time the draft was last saved, shown by the buttons. */
  draftSavedAt?: Date | null;
  /** Ids of fields, `field-<name>` by default. */
  fieldId?: (name: string) => string;
  children: ReactNode;
}

/**
 * One step of a service form: heading, the error summary on top, the fields (children, with
 * useStepField for ids and inline errors), «Назад» and the verb that moves on.
 */
export function FormStep({
  title,
  description,
  errors = {},
  fieldLabels,
  message,
  onSubmit,
  onBack,
  submitLabel = 'Продолжить',
  backLabel = 'Назад',
  submitting,
  draftSavedAt,
  fieldId = defaultFieldId,
  children,
}: FormStepProps) {
  return (
    <Ctx.Provider value={{ errors, fieldId }}>
      <form
        className={classes.form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(e);
        }}
      >
        <div>
          <Title order={2}>{title}</Title>
          {description ? (
            <Text c="dimmed" mt={4}>
              {description}
            </Text>
          ) : null}
        </div>
        <ErrorSummary
          errors={errors}
          fieldLabels={fieldLabels}
          message={message}
          fieldId={fieldId}
          headingOrder={3}
        />
        <div className={classes.fields}>{children}</div>
        <div className={classes.buttons}>
          {onBack ? (
            <Button
              variant="default"
              onClick={onBack}
              leftSection={<IconArrowLeft size={18} aria-hidden="true" />}
              disabled={submitting}
            >
              {backLabel}
            </Button>
          ) : (
            <span />
          )}
          <div style={{ display: 'flex', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
            {draftSavedAt ? (
              <Text size="sm" c="dimmed" role="status">
                Черновик сохранён в {formatTime(draftSavedAt)}
              </Text>
            ) : null}
            <Button type="submit" loading={submitting}>
              {submitLabel}
            </Button>
          </div>
        </div>
      </form>
    </Ctx.Provider>
  );
}

/* ----------------------------------------------------------------- stepper */

export interface FormStepperProps {
  steps: { key: string; title: string }[];
  /** Index of the current step. */
  active: number;
  /** Lets the citizen go back to a finished step. */
  onStepClick?: (index: number) => void;
  /** The current FormStep. */
  children: ReactNode;
}

/** Progress through a multi-step form («Шаг 2 из 5») with the list of steps, then the current step. */
export function FormStepper({ steps, active, onStepClick, children }: FormStepperProps) {
  const current = steps[active];
  return (
    <div className={classes.stepper}>
      <div>
        <div className={classes.progressHead}>
          <Text fw={700}>
            Шаг {active + 1} из {steps.length}
            {current ? <span className="kb-visually-hidden">: {current.title}</span> : null}
          </Text>
        </div>
        <Progress
          value={((active + 1) / steps.length) * 100}
          size="md"
          radius="xl"
          aria-label={`Заполнено шагов: ${active + 1} из ${steps.length}`}
        />
      </div>
      <ol className={classes.steps} aria-label="Шаги заполнения">
        {steps.map((s, i) => {
          const state = i < active ? 'done' : i === active ? 'current' : 'todo';
          const inner = (
            <>
              <span className={classes.num} aria-hidden="true">
                {state === 'done' ? <IconCheck size={16} /> : i + 1}
              </span>
              <span>
                {s.title}
                {state === 'done' ? <span className="kb-visually-hidden"> (заполнено)</span> : null}
              </span>
            </>
          );
          return (
            <li
              key={s.key}
              className={classes.step}
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              {state === 'done' && onStepClick ? (
                <button type="button" className={classes.stepButton} onClick={() => onStepClick(i)}>
                  {inner}
                </button>
              ) : (
                inner
              )}
            </li>
          );
        })}
      </ol>
      {children}
    </div>
  );
}
