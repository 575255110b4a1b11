import { Select, TextInput } from '@mantine/core';
import { DateInput, DateTimePicker } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import type { FilterField } from '../api/api-types.ts';
import { accountsApi } from '../api/records.api.ts';
import { AsyncRecordSelect } from '../common/async-record-select.tsx';
import { isoToPicker, pickerToIso } from '../common/date-time.ts';
import { enumLabel } from '../common/enum-label.ts';
import { loadLookups } from '../common/resource-cache.ts';
import { useAsync } from '../common/use-async.hook.ts';
import { UserSelect } from '../common/user-select.tsx';
import { useCurrentUser } from '../session/use-session.hook.ts';

interface Props {
  field: FilterField;
  value: string | boolean | null | undefined;
  onChange(value: string | boolean | null): void;
}

/** Values of an enum field; contact "type" comes without values and takes them from the lookups. */
function enumValues(field: FilterField, contactTypes: string[] | undefined): string[] {
  if (field.values?.length) return field.values;
  return field.name === 'type' ? (contactTypes ?? []) : [];
}

/** The value control of one filter condition, chosen by the field's type. */
export function FilterValueInput({ field, value, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const lookups = useAsync(loadLookups, []);
  const label = t('filter.value');
  const text = typeof value === 'string' ? value : null;

  switch (field.type) {
    case 'boolean':
      return (
        <Select
          aria-label={label}
          data={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          value={value === true ? 'true' : value === false ? 'false' : null}
          onChange={(v) => onChange(v === 'true')}
          w={120}
        />
      );
    case 'enum':
      return (
        <Select
          aria-label={label}
          data={enumValues(
            field,
            lookups.data?.contactTypes.map((item) => item.id),
          ).map((v) => ({
            value: v,
            label: enumLabel(t, field.name, v, lookups.data, i18n.language),
          }))}
          value={text}
          onChange={onChange}
          w={180}
        />
      );
    case 'user':
      return <UserSelect aria-label={label} value={text} onChange={onChange} w={200} />;
    case 'account':
      return (
        <AsyncRecordSelect
          aria-label={label}
          value={text}
          onChange={(v) => onChange(v)}
          search={async (q) =>
            (await accountsApi.list({ q, limit: 20 })).items.map((a) => ({ value: a.id, label: a.name }))
          }
          w={220}
        />
      );
    case 'date':
      return (
        <DateInput aria-label={label} value={text} onChange={onChange} valueFormat="DD.MM.YYYY" clearable w={160} />
      );
    case 'datetime':
      return (
        <DateTimePicker
          aria-label={label}
          value={isoToPicker(text, user.timeZone)}
          onChange={(v) => onChange(pickerToIso(v, user.timeZone))}
          valueFormat="DD.MM.YYYY HH:mm"
          clearable
          w={200}
        />
      );
    default:
      return (
        <TextInput
          aria-label={label}
          value={text ?? ''}
          onChange={(event) => onChange(event.currentTarget.value)}
          w={200}
          data-testid="filter-value"
        />
      );
  }
}
