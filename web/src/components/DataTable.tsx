import { useMemo, useState, type ReactNode } from 'react';
import { Button, Pagination, Table, Text, TextInput } from '@mantine/core';
import {
  IconArrowsSort,
  IconDownload,
  IconSearch,
  IconSortAscending,
  IconSortDescending,
} from '@tabler/icons-react';
import { formatDateTime, pluralize } from '@kabinet/shared';
import { downloadText, toCsv } from '../lib/csv';
import { EmptyState } from './EmptyState';
import classes from './DataTable.module.css';

type Plain = string | number | Date | null | undefined;

export interface DataTableColumn<T> {
  key: string;
  header: string;
  /** The plain value: filtering, sorting, CSV and the default cell text. */
  value: (row: T) => Plain;
  /** Custom cell content (badges, links); the plain value is still used for CSV. */
  render?: (row: T) => ReactNode;
  sortable?: boolean;
  align?: 'left' | 'right';
  /** The column that titles each card at phone width (the first column otherwise). */
  primary?: boolean;
}

export type SortDirection = 'asc' | 'desc';

export interface DataTableProps<T> {
  /** Table caption (what the rows are); read by screen readers, shown unless `captionHidden`. */
  caption: string;
  captionHidden?: boolean;
  columns: DataTableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Rows per page, 10 by default. */
  pageSize?: number;
  /** A text filter over all columns. */
  filterable?: boolean;
  filterLabel?: string;
  /** More filters (selects, dates) shown next to the text filter. */
  toolbar?: ReactNode;
  /** File name of the CSV export; shows «Скачать CSV» when set. */
  csvFileName?: string;
  initialSort?: { key: string; direction: SortDirection };
  /** Buttons or links at the end of each row / card. */
  rowActions?: (row: T) => ReactNode;
  /** Shown when there are no rows at all. */
  empty?: ReactNode;
}

function plainText(v: Plain): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return formatDateTime(v);
  return String(v);
}

const collator = new Intl.Collator('ru-RU', { numeric: true, sensitivity: 'base' });

function compare(a: Plain, b: Plain): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(plainText(a), plainText(b));
}

const RECORDS = ['запись', 'записи', 'записей'] as const;

/**
 * A list of records: sortable columns, a text filter, pages, optional CSV export; a table on wide
 * screens and stacked cards at phone width. Sorting, filtering and paging happen in the browser.
 */
export function DataTable<T>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  pageSize = 10,
  filterable,
  filterLabel = 'Поиск по таблице',
  toolbar,
  csvFileName,
  initialSort,
  rowActions,
  empty,
}: DataTableProps<T>) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState(initialSort ?? null);
  const [page, setPage] = useState(1);

  const visible = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('ru-RU');
    let list = q
      ? rows.filter((r) => columns.some((c) => plainText(c.value(r)).toLocaleLowerCase('ru-RU').includes(q)))
      : rows.slice();
    if (sort) {
      const col = columns.find((c) => c.key === sort.key);
      if (col) {
        const sign = sort.direction === 'asc' ? 1 : -1;
        list = list.slice().sort((a, b) => sign * compare(col.value(a), col.value(b)));
      }
    }
    return list;
  }, [rows, columns, query, sort]);

  const pages = Math.max(1, Math.ceil(visible.length / pageSize));
  const current = Math.min(page, pages);
  const pageRows = visible.slice((current - 1) * pageSize, current * pageSize);
  const primary = columns.find((c) => c.primary) ?? columns[0];

  const toggleSort = (key: string) => {
    setSort((s) =>
      s?.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' },
    );
    setPage(1);
  };

  const exportCsv = () => {
    if (!csvFileName) return;
    const header = columns.map((c) => c.header);
    const body = visible.map((r) => columns.map((c) => plainText(c.value(r))));
    downloadText(csvFileName.endsWith('.csv') ? csvFileName : `${csvFileName}.csv`, toCsv([header, ...body]));
  };

  const cell = (c: DataTableColumn<T>, r: T) => (c.render ? c.render(r) : plainText(c.value(r)));

  if (rows.length === 0) {
    return <div className={classes.root}>{empty ?? <EmptyState compact>Записей пока нет.</EmptyState>}</div>;
  }

  return (
    <div className={classes.root}>
      {filterable || toolbar || csvFileName ? (
        <div className={classes.toolbar}>
          {filterable ? (
            <TextInput
              className={classes.filter}
              label={filterLabel}
              leftSection={<IconSearch size={18} aria-hidden="true" />}
              value={query}
              onChange={(e) => {
                setQuery(e.currentTarget.value);
                setPage(1);
              }}
              type="search"
            />
          ) : null}
          {toolbar}
          {csvFileName ? (
            <Button
              className={classes.export}
              variant="default"
              leftSection={<IconDownload size={18} aria-hidden="true" />}
              onClick={exportCsv}
              disabled={visible.length === 0}
            >
              Скачать CSV
            </Button>
          ) : null}
        </div>
      ) : null}

      <Text size="sm" c="dimmed" role="status" aria-live="polite">
        {query ? `Найдено: ${pluralize(visible.length, RECORDS)}` : pluralize(visible.length, RECORDS)}
      </Text>

      {visible.length === 0 ? (
        <EmptyState compact>По вашему запросу ничего не найдено. Измените условия поиска.</EmptyState>
      ) : (
        <>
          <div className={classes.tableWrap}>
            <Table
              className={classes.table}
              captionSide="top"
              striped
              highlightOnHover
              verticalSpacing="sm"
              horizontalSpacing="md"
            >
              <caption className={captionHidden ? 'kb-visually-hidden' : undefined}>{caption}</caption>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((c) => {
                    const dir = sort?.key === c.key ? sort.direction : null;
                    const SortIcon =
                      dir === 'asc'
                        ? IconSortAscending
                        : dir === 'desc'
                          ? IconSortDescending
                          : IconArrowsSort;
                    return (
                      <Table.Th
                        key={c.key}
                        scope="col"
                        style={{ textAlign: c.align ?? 'left' }}
                        aria-sort={
                          dir ? (dir === 'asc' ? 'ascending' : 'descending') : c.sortable ? 'none' : undefined
                        }
                      >
                        {c.sortable ? (
                          <button type="button" className={classes.sort} onClick={() => toggleSort(c.key)}>
                            {c.header}
                            <SortIcon size={16} aria-hidden="true" />
                            <span className="kb-visually-hidden">
                              {dir === 'asc'
                                ? ', по возрастанию'
                                : dir === 'desc'
                                  ? ', по убыванию'
                                  : ', сортировать'}
                            </span>
                          </button>
                        ) : (
                          c.header
                        )}
                      </Table.Th>
                    );
                  })}
                  {rowActions ? (
                    <Table.Th scope="col">
                      <span className="kb-visually-hidden">Действия</span>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pageRows.map((r) => (
                  <Table.Tr key={rowKey(r)}>
                    {columns.map((c) => (
                      <Table.Td key={c.key} style={{ textAlign: c.align ?? 'left' }}>
                        {cell(c, r)}
                      </Table.Td>
                    ))}
                    {rowActions ? <Table.Td style={{ textAlign: 'right' }}>{rowActions(r)}</Table.Td> : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>

          <ul className={classes.cards} aria-label={caption}>
            {pageRows.map((r) => (
              <li key={rowKey(r)} className={classes.card}>
                <p className={classes.cardTitle}>{primary ? cell(primary, r) : null}</p>
                <dl className={classes.cardFields}>
                  {columns
                    .filter((c) => c !== primary)
                    .map((c) => (
                      <div key={c.key} style={{ display: 'contents' }}>
                        <dt>{c.header}</dt>
                        <dd>{cell(c, r)}</dd>
                      </div>
                    ))}
                </dl>
                {rowActions ? <div className={classes.cardActions}>{rowActions(r)}</div> : null}
              </li>
            ))}
          </ul>
        </>
      )}

      {pages > 1 ? (
        <nav aria-label={`Страницы: ${caption}`} className={classes.footer}>
          <Text size="sm" c="dimmed">
            Страница {current} из {pages}
          </Text>
          <Pagination
            className={classes.pagination}
            total={pages}
            value={current}
            onChange={setPage}
            siblings={1}
            boundaries={1}
            getItemProps={(p) => ({ 'aria-label': `Страница ${p}` })}
            getControlProps={(control) => ({
              'aria-label': {
                first: 'Первая страница',
                previous: 'Предыдущая страница',
                next: 'Следующая страница',
                last: 'Последняя страница',
              }[control],
            })}
          />
        </nav>
      ) : null}
    </div>
  );
}
