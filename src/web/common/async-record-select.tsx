import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Option {
  value: string;
  label: string;
}

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  /** Label of the current value (e.g. accountName from the record), so no lookup is needed. */
  valueLabel?: string | null;
  onChange(value: string | null, label: string | null): void;
  /** Finds records by text; called as the user types. */
  search(q: string): Promise<Option[]>;
};

/** Searchable select over a record list that asks the server as the user types (accounts, contacts). */
export function AsyncRecordSelect({ value, valueLabel, onChange, search, ...rest }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: search is a stable API call per field.
  useEffect(() => {
    let live = true;
    // The input shows the selected label; do not search for it.
    const q = value && debounced === valueLabel ? '' : debounced;
    setLoading(true);
    search(q)
      .then((found) => live && setOptions(found))
      .catch(() => live && setOptions([]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [debounced]);

  const data = [...options];
  if (value && !data.some((o) => o.value === value)) data.unshift({ value, label: valueLabel || value });

  return (
    <Select
      searchable
      clearable
      data={data}
      value={value}
      filter={({ options: all }) => all}
      searchValue={query}
      onSearchChange={setQuery}
      onChange={(next, option) => onChange(next, option?.label ?? null)}
      nothingFoundMessage={loading ? t('common.loading') : t('common.nothingFound')}
      rightSection={loading ? <Loader size="xs" /> : undefined}
      {...rest}
    />
  );
}
