import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { loadUsers } from './resource-cache.ts';
import { useAsync } from './use-async.hook.ts';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange(value: string | null): void;
};

/** Searchable picker over CRM users (owners, grantees). */
export function UserSelect({ value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const users = useAsync(loadUsers, []);
  const data = (users.data ?? []).map((user) => ({ value: user.id, label: user.displayName || user.login }));
  // Keep the current value visible even before (or without) the user list.
  if (value && !data.some((item) => item.value === value)) data.unshift({ value, label: value });
  return (
    <Select
      searchable
      nothingFoundMessage={t('common.nothingFound')}
      data={data}
      value={value}
      onChange={onChange}
      {...rest}
    />
  );
}
