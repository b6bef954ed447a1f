import { useState } from 'react';
import { ActionIcon, Button, TextInput } from '@mantine/core';
import { IconArrowRight, IconSearch } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import classes from './SearchForm.module.css';

export interface SearchFormProps {
  /** Name of the search landmark; unique on the page («Поиск по порталу», «Поиск услуг»). */
  landmarkLabel?: string;
  /** Visible or screen-reader label of the field. */
  label?: string;
  labelHidden?: boolean;
  placeholder?: string;
  defaultValue?: string;
  /** «lg»: the big search of the home page with a «Найти» button. */
  size?: 'md' | 'lg';
  autoFocus?: boolean;
  /** Called after navigating (e.g. to close the menu drawer). */
  onSearched?: () => void;
  /** «onDark»: a white label, for the blue hero. */
  tone?: 'default' | 'onDark';
}

/** The portal search: submits to /search?q=… */
export function SearchForm({
  landmarkLabel = 'Поиск по порталу',
  label = 'Поиск по порталу',
  labelHidden = true,
  placeholder = 'Найти услугу или ответ',
  defaultValue = '',
  size = 'md',
  autoFocus,
  onSearched,
  tone = 'default',
}: SearchFormProps) {
  const [q, setQ] = useState(defaultValue);
  const navigate = useNavigate();
  return (
    <form
      role="search"
      aria-label={landmarkLabel}
      className={classes.form}
      data-size={size}
      onSubmit={(e) => {
        e.preventDefault();
        const query = q.trim();
        void navigate(query ? `/search?q=${encodeURIComponent(query)}` : '/search');
        onSearched?.();
      }}
    >
      <TextInput
        className={classes.input}
        type="search"
        name="q"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        label={label}
        labelProps={
          labelHidden
            ? { className: 'kb-visually-hidden' }
            : tone === 'onDark'
              ? { style: { color: 'var(--mantine-color-white)' } }
              : undefined
        }
        placeholder={placeholder}
        autoFocus={autoFocus}
        enterKeyHint="search"
        autoComplete="off"
        leftSection={<IconSearch size={size === 'lg' ? 22 : 18} aria-hidden="true" />}
        rightSectionWidth={size === 'lg' ? undefined : 44}
        rightSection={
          size === 'lg' ? undefined : (
            <ActionIcon type="submit" variant="subtle" size={36} aria-label="Найти">
              <IconArrowRight size={18} aria-hidden="true" />
            </ActionIcon>
          )
        }
      />
      {size === 'lg' ? (
        <Button
          type="submit"
          className={classes.button}
          variant={tone === 'onDark' ? 'white' : 'filled'}
          color={tone === 'onDark' ? 'blue.7' : undefined}
        >
          Найти
        </Button>
      ) : null}
    </form>
  );
}
