import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { loadLookups } from '../common/resource-cache.ts';
import { useAsync } from '../common/use-async.hook.ts';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string;
  onChange(value: string): void;
};

/** Zones the browser knows, used when the server's lookup list is unavailable. */
function browserZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}

/** Searchable IANA time zone picker (server list from /api/lookups). */
export function TimeZoneSelect({ value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const lookups = useAsync(loadLookups, []);
  const zones = lookups.data?.timeZones?.length ? lookups.data.timeZones : browserZones();
  const data = zones.includes(value) || !value ? zones : [value, ...zones];
  return (
    <Select
      searchable
      data={data}
      value={value || null}
      onChange={(zone) => zone && onChange(zone)}
      allowDeselect={false}
      nothingFoundMessage={t('common.nothingFound')}
      limit={200}
      {...rest}
    />
  );
}
