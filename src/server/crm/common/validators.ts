import { invalid } from '../../errors.ts';

/** True for an IANA time zone name such as `Europe/Moscow` or `UTC` (not offsets like `+03:00`). */
export function isIanaTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the runtime knows, for pickers. */
export function timeZoneNames(): string[] {
  const names = Intl.supportedValuesOf('timeZone');
  return names.includes('UTC') ? names : ['UTC', ...names];
}

/** Throws a validation error naming `field` unless `value` is an IANA time zone. */
export function assertTimeZone(field: string, value: string): void {
  if (!isIanaTimeZone(value))
    throw invalid(field, `"${value}" is not an IANA time zone name (e.g. Europe/Moscow)`, 'timeZone');
}

/** A calendar date YYYY-MM-DD that exists (rejects 2023-02-30). */
export function assertDate(field: string, value: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw invalid(field, `"${value}" is not a date in the form YYYY-MM-DD`, 'date');
  }
}

/** Normalises an ISO date-time with offset to UTC `…Z`; throws naming `field` when unparsable. */
export function toUtcIso(field: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw invalid(field, `"${value}" is not an ISO 8601 date-time with a time zone offset`, 'dateTime');
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw invalid(field, `"${value}" is not a valid date-time`, 'dateTime');
  return d.toISOString();
}

/** Trims a text field; empty becomes null. */
export function cleanText(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const t = value.trim();
  return t === '' ? null : t;
}
