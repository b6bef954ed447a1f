import { useId, useRef, useState, type DragEvent } from 'react';
import { ActionIcon, Button, Progress, Text } from '@mantine/core';
import {
  IconCircleCheck,
  IconFile,
  IconRefresh,
  IconTrash,
  IconUpload,
  IconAlertTriangle,
} from '@tabler/icons-react';
import { problemOf } from '../api/problem';
import classes from './FileDrop.module.css';

export interface FileDropProps<R> {
  /** What to attach («Скан паспорта, страница с фото»). */
  label: string;
  /** Accepted types: MIME types or extensions (['application/pdf', '.jpg', 'image/png']). */
  accept: string[];
  /** Human list of types for the hint («PDF, JPG или PNG»). */
  acceptLabel: string;
  /** Largest file in bytes. */
  maxSize: number;
  multiple?: boolean;
  /** Uploads one file: report progress 0–100, respect the signal. uploadFile() from the api layer fits. */
  upload: (file: File, onProgress: (percent: number) => void, signal: AbortSignal) => Promise<R>;
  onUploaded?: (file: File, result: R) => void;
  onRemove?: (file: File, result: R | undefined) => void;
  disabled?: boolean;
}

type ItemState = 'uploading' | 'done' | 'error';

interface Item<R> {
  id: number;
  file: File;
  state: ItemState;
  progress: number;
  error?: string;
  result?: R;
  controller?: AbortController;
}

const sizeFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });

/** «5 МБ», «340 КБ». */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${sizeFormat.format(bytes / (1024 * 1024))} МБ`;
  if (bytes >= 1024) return `${sizeFormat.format(Math.ceil(bytes / 1024))} КБ`;
  return `${bytes} Б`;
}

function accepts(file: File, accept: string[]): boolean {
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return accept.some((a) => {
    const rule = a.toLowerCase();
    if (rule.startsWith('.')) return name.endsWith(rule);
    if (rule.endsWith('/*')) return type.startsWith(rule.slice(0, -1));
    return type === rule;
  });
}

let nextId = 1;

/**
 * Attach files by dragging or picking. Type and size are checked before anything is sent (the
 * server checks again by content); each file shows its progress, and a failed upload can be retried.
 */
export function FileDrop<R>({
  label,
  accept,
  acceptLabel,
  maxSize,
  multiple,
  upload,
  onUploaded,
  onRemove,
  disabled,
}: FileDropProps<R>) {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const input = useRef<HTMLInputElement>(null);
  const [items, setItems] = useState<Item<R>[]>([]);
  const [active, setActive] = useState(false);
  const [rejected, setRejected] = useState<string[]>([]);

  const patch = (id: number, p: Partial<Item<R>>) =>
    setItems((list) => list.map((it) => (it.id === id ? { ...it, ...p } : it)));

  const start = (item: Item<R>) => {
    const controller = new AbortController();
    patch(item.id, { state: 'uploading', progress: 0, error: undefined, controller });
    upload(item.file, (progress) => patch(item.id, { progress }), controller.signal).then(
      (result) => {
        patch(item.id, { state: 'done', progress: 100, result, controller: undefined });
        onUploaded?.(item.file, result);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        patch(item.id, { state: 'error', error: problemOf(error).detail, controller: undefined });
      },
    );
  };

  const add = (files: FileList | File[]) => {
    const list = Array.from(files).slice(0, multiple ? undefined : 1);
    const problems: string[] = [];
    const fresh: Item<R>[] = [];
    for (const file of list) {
      if (!accepts(file, accept)) problems.push(`Файл «${file.name}» не подходит: загрузите ${acceptLabel}.`);
      else if (file.size > maxSize)
        problems.push(
          `Файл «${file.name}» весит ${formatFileSize(file.size)} — больше ${formatFileSize(maxSize)}. Уменьшите его или выберите другой.`,
        );
      else if (file.size === 0) problems.push(`Файл «${file.name}» пустой. Выберите другой файл.`);
      else fresh.push({ id: nextId++, file, state: 'uploading', progress: 0 });
    }
    setRejected(problems);
    if (fresh.length === 0) return;
    setItems((current) => (multiple ? [...current, ...fresh] : fresh));
    fresh.forEach(start);
  };

  const remove = (item: Item<R>) => {
    item.controller?.abort();
    setItems((list) => list.filter((it) => it.id !== item.id));
    onRemove?.(item.file, item.result);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setActive(false);
    if (!disabled && e.dataTransfer.files.length) add(e.dataTransfer.files);
  };

  return (
    <div>
      <div
        className={classes.zone}
        data-active={active || undefined}
        data-invalid={rejected.length ? true : undefined}
        onDragEnter={(e) => {
          e.preventDefault();
          if (!disabled) setActive(true);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setActive(false);
        }}
        onDrop={onDrop}
      >
        <IconUpload size={32} stroke={1.6} aria-hidden="true" color="var(--mantine-color-blue-6)" />
        <label htmlFor={inputId} className={classes.label}>
          {label}
        </label>
        <p id={hintId} className={classes.hint}>
          Перетащите {multiple ? 'файлы' : 'файл'} сюда или выберите на устройстве. {acceptLabel}, до{' '}
          {formatFileSize(maxSize)}
          {multiple ? ' каждый' : ''}.
        </p>
        <input
          ref={input}
          id={inputId}
          type="file"
          className="kb-visually-hidden"
          accept={accept.join(',')}
          multiple={multiple}
          disabled={disabled}
          aria-describedby={rejected.length ? `${hintId} ${errorId}` : hintId}
          onChange={(e) => {
            if (e.currentTarget.files) add(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <Button
          variant="default"
          onClick={() => input.current?.click()}
          disabled={disabled}
          tabIndex={-1}
          aria-hidden="true"
        >
          Выбрать {multiple ? 'файлы' : 'файл'}
        </Button>
      </div>
      {rejected.length ? (
        <div id={errorId} role="alert">
          {rejected.map((r) => (
            <Text key={r} c="red.6" size="sm" mt={4}>
              {r}
            </Text>
          ))}
        </div>
      ) : null}
      {items.length ? (
        <ul className={classes.list} aria-label="Прикреплённые файлы">
          {items.map((it) => (
            <li key={it.id} className={classes.item} data-state={it.state}>
              {it.state === 'done' ? (
                <IconCircleCheck size={28} color="var(--kb-tone-success-fg)" aria-hidden="true" />
              ) : it.state === 'error' ? (
                <IconAlertTriangle size={28} color="var(--kb-tone-danger-fg)" aria-hidden="true" />
              ) : (
                <IconFile size={28} color="var(--mantine-color-gray-6)" aria-hidden="true" />
              )}
              <div style={{ minWidth: 0 }}>
                <div className={classes.name} title={it.file.name}>
                  {it.file.name}
                </div>
                <div className={classes.meta}>
                  {formatFileSize(it.file.size)}
                  {it.state === 'done'
                    ? ' · Загружен'
                    : it.state === 'uploading'
                      ? ` · Загружается: ${it.progress} %`
                      : ''}
                </div>
                {it.state === 'uploading' ? (
                  <Progress
                    value={it.progress}
                    size="sm"
                    mt={4}
                    aria-label={`Загрузка файла ${it.file.name}`}
                    animated={it.progress < 100}
                  />
                ) : null}
                {it.state === 'error' ? (
                  <div className={classes.itemError} role="alert">
                    Не удалось загрузить: {it.error}
                  </div>
                ) : null}
              </div>
              <div className={classes.actions}>
                {it.state === 'error' ? (
                  <Button
                    variant="light"
                    leftSection={<IconRefresh size={18} aria-hidden="true" />}
                    onClick={() => start(it)}
                  >
                    Повторить
                  </Button>
                ) : null}
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size={44}
                  onClick={() => remove(it)}
                  aria-label={
                    it.state === 'uploading' ? `Отменить загрузку ${it.file.name}` : `Удалить ${it.file.name}`
                  }
                >
                  <IconTrash size={20} aria-hidden="true" />
                </ActionIcon>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
