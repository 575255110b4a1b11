import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { lookupName } from './enum-label.ts';
import { loadLookups } from './resource-cache.ts';
import { useAsync } from './use-async.hook.ts';
import type { FieldErrors } from './use-field-errors.hook.ts';

interface Props {
  /** Which lookup list offers the types. */
  lookup: 'accountTypes' | 'contactTypes';
  label: string;
  value: string | null;
  onChange(type: string | null): void;
  errors: FieldErrors;
  readOnly: boolean;
}

/** The optional «Type» picker of an account or contact, over the lookup list in the UI language. */
export function TypeField({ lookup, label, value, onChange, errors, readOnly }: Props) {
  const { i18n } = useTranslation();
  const lookups = useAsync(loadLookups, []);
  const items = lookups.data?.[lookup];
  const data = (items ?? []).map((item) => ({ value: item.id, label: lookupName(items, item.id, i18n.language) }));
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={onChange}
      clearable
      error={errors.errorFor('type')}
      readOnly={readOnly}
      data-testid="field-type"
    />
  );
}
