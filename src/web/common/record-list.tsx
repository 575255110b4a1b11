import {
  Anchor,
  Checkbox,
  EmptyState,
  Group,
  Loader,
  Pagination,
  Select,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowDown, IconArrowsSort, IconArrowUp, IconDatabaseOff, IconSearch } from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { ListResponse } from '../api/api-types.ts';
import type { RecordsApi } from '../api/records.api.ts';
import { LoadError } from './status-pages.tsx';
import { useAsync } from './use-async.hook.ts';

export interface Column<T> {
  key: string;
  label: string;
  /** API sort field; the header becomes a sort toggle. */
  sortField?: string;
  /** Wrap the cell in a link to the record. */
  link?: boolean;
  render(row: T): ReactNode;
}

interface Props<T extends { id: string }> {
  api: RecordsApi<T>;
  columns: Column<T>[];
  /** Filters sent with the list request (groupId, …). */
  filters?: Record<string, string | undefined>;
  rowHref(row: T): string;
  rowLabel(row: T): string;
  selection?: string[];
  onSelectionChange?(ids: string[]): void;
  /** Bump to refetch after a change made elsewhere (e.g. members added). */
  reloadKey?: number;
  defaultSort?: string;
  toolbar?: ReactNode;
  testId: string;
}

const PAGE_SIZES = ['25', '50', '100'];

/** Searchable, sortable, paged table of records; its state lives in the URL so Back restores it. */
export function RecordList<T extends { id: string }>(props: Props<T>) {
  const { api, columns, filters, rowHref, rowLabel, selection, onSelectionChange, reloadKey, testId } = props;
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const size = PAGE_SIZES.includes(params.get('size') ?? '') ? Number(params.get('size')) : 50;
  const sort = params.get('sort') ?? props.defaultSort ?? '';

  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search, 300);

  const update = (changes: Record<string, string | null>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new search text resets paging.
  useEffect(() => {
    if (debounced !== q) update({ q: debounced, page: null });
  }, [debounced]);

  const filterKey = JSON.stringify(filters ?? {});
  const list = useAsync<ListResponse<T>>(
    () => api.list({ ...filters, q: q || undefined, limit: size, offset: (page - 1) * size, sort: sort || undefined }),
    [api, filterKey, q, page, size, sort, reloadKey],
  );

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const selected = new Set(selection ?? []);
  const allSelected = items.length > 0 && items.every((row) => selected.has(row.id));

  const toggleAll = () => {
    if (!onSelectionChange) return;
    onSelectionChange(allSelected ? [] : items.map((row) => row.id));
  };
  const toggleOne = (id: string) => {
    if (!onSelectionChange) return;
    onSelectionChange(selected.has(id) ? [...selected].filter((x) => x !== id) : [...selected, id]);
  };

  const sortHeader = (column: Column<T>) => {
    if (!column.sortField) return column.label;
    const field = column.sortField;
    const active = sort === field || sort === `-${field}`;
    const Icon = !active ? IconArrowsSort : sort.startsWith('-') ? IconArrowDown : IconArrowUp;
    return (
      <UnstyledButton
        onClick={() => update({ sort: sort === field ? `-${field}` : field, page: null })}
        data-testid={`sort-${column.key}`}
      >
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {column.label}
          </Text>
          <Icon size={14} />
        </Group>
      </UnstyledButton>
    );
  };

  return (
    <div data-testid={testId}>
      <Group mb="sm" gap="sm" wrap="wrap">
        <TextInput
          placeholder={t('list.searchPlaceholder')}
          aria-label={t('list.search')}
          leftSection={<IconSearch size={16} />}
          rightSection={list.loading ? <Loader size="xs" /> : null}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
          data-testid="list-search"
        />
        {props.toolbar}
      </Group>

      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <Table.ScrollContainer minWidth={720} type="native">
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="list-table">
            <Table.Thead>
              <Table.Tr>
                {onSelectionChange && (
                  <Table.Th w={40}>
                    <Checkbox aria-label={t('list.selectAll')} checked={allSelected} onChange={toggleAll} />
                  </Table.Th>
                )}
                {columns.map((column) => (
                  <Table.Th key={column.key}>{sortHeader(column)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((row) => (
                <Table.Tr key={row.id} data-testid="list-row">
                  {onSelectionChange && (
                    <Table.Td>
                      <Checkbox
                        aria-label={t('list.selectRow', { name: rowLabel(row) })}
                        checked={selected.has(row.id)}
                        onChange={() => toggleOne(row.id)}
                        data-testid="row-select"
                      />
                    </Table.Td>
                  )}
                  {columns.map((column) => (
                    <Table.Td key={column.key}>
                      {column.link ? (
                        <Anchor component={Link} to={rowHref(row)}>
                          {column.render(row) || t('list.untitled')}
                        </Anchor>
                      ) : (
                        column.render(row)
                      )}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {!list.loading && !list.error && items.length === 0 && (
        <EmptyState
          my="lg"
          size="sm"
          icon={<IconDatabaseOff />}
          title={q ? t('list.nothingFound') : t('list.empty')}
          description={q ? t('list.nothingFoundHint') : t('list.emptyHint')}
          data-testid="list-empty"
        />
      )}

      <Group justify="space-between" mt="sm" gap="sm" wrap="wrap">
        <Text size="sm" c="dimmed" data-testid="list-total">
          {t('list.total', { count: total })}
        </Text>
        <Group gap="sm" wrap="wrap">
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={(p) => update({ page: String(p) })}
            size="sm"
          />
          <Select
            aria-label={t('list.pageSize')}
            data={PAGE_SIZES.map((value) => ({ value, label: t('list.perPage', { count: Number(value) }) }))}
            value={String(size)}
            onChange={(value) => update({ size: value, page: null })}
            allowDeselect={false}
            w={130}
            size="xs"
          />
        </Group>
      </Group>
    </div>
  );
}
