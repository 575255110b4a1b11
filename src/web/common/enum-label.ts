import type { TFunction } from 'i18next';
import type { Language, LookupItem, Lookups } from '../api/api-types.ts';

/** Name of a lookup value (contact or account type) in the UI language. */
export function lookupName(items: LookupItem[] | undefined, id: string | null | undefined, language: string): string {
  if (!id) return '';
  const item = items?.find((entry) => entry.id === id);
  if (!item) return id;
  return item.name[(language === 'ru' ? 'ru' : 'en') as Language] || item.name.en;
}

/**
 * Label of an enumerated value of a filter field: lookups for types, translations for
 * activity enums, the raw value otherwise (values the UI does not know yet).
 */
export function enumLabel(
  t: TFunction,
  field: string,
  value: string,
  lookups: Lookups | undefined,
  language: string,
): string {
  if (field === 'type') {
    const items = [...(lookups?.contactTypes ?? []), ...(lookups?.accountTypes ?? [])];
    return lookupName(items, value, language);
  }
  if (field === 'category') return t(`activity.categories.${value}`, { defaultValue: value });
  if (field === 'status') return t(`activity.statuses.${value}`, { defaultValue: value });
  if (field === 'priority') return t(`activity.priorities.${value}`, { defaultValue: value });
  return value;
}
