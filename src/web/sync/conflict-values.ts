import { formatDate } from '../common/date-time.ts';
import type { PostalAddress } from './sync-types.ts';

/** Postal address parts in the order people write them on one line. */
const ADDRESS_PARTS: (keyof PostalAddress)[] = ['street', 'city', 'region', 'zip', 'country'];

function isAddress(value: object): value is PostalAddress {
  return ADDRESS_PARTS.some((part) => part in value);
}

/**
 * A contact field's value from a conflict's versions as one line of text: lists joined by commas, an address on one
 * line, a birthday as a date in the user's language, nothing for empty values. Pure.
 */
export function fieldText(field: string, value: unknown, language: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) {
    return value
      .map((item) => fieldText(field, item, language))
      .filter(Boolean)
      .join(', ');
  }
  if (typeof value === 'object') {
    if (isAddress(value)) {
      return ADDRESS_PARTS.map((part) => value[part])
        .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
        .join(', ');
    }
    // Anything else the server may add later: its values, rather than "[object Object]".
    return Object.values(value)
      .map((item) => fieldText(field, item, language))
      .filter(Boolean)
      .join(', ');
  }
  if (field === 'birthday' && typeof value === 'string') return formatDate(value, language);
  return String(value);
}

/** The value of `field` in one version of a conflict (the version may be missing: no base before the first sync). */
export function fieldValue(version: Record<string, unknown> | null, field: string): unknown {
  return version ? version[field] : undefined;
}
