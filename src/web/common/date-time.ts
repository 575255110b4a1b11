import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The wall-clock format Mantine's date-time pickers read and write. */
const PICKER_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** A valid IANA zone: the given one, else the browser's (a bad stored value must not break pages). */
export function safeZone(timeZone: string | undefined): string {
  if (!timeZone) return dayjs.tz.guess();
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return dayjs.tz.guess();
  }
}

/** ISO instant → picker value in the user's time zone (times are shown where the user lives). */
export function isoToPicker(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  return dayjs(iso).tz(safeZone(timeZone)).format(PICKER_FORMAT);
}

/** Picker value (wall clock in the user's zone) → ISO instant for the API. */
export function pickerToIso(value: string | null, timeZone: string): string | null {
  if (!value) return null;
  return dayjs.tz(value, PICKER_FORMAT, safeZone(timeZone)).toISOString();
}

/** Human date-time in the user's language and zone. */
export function formatDateTime(
  iso: string | null | undefined,
  language: string,
  timeZone: string,
  length: 'medium' | 'short' = 'medium',
): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language, {
    dateStyle: length,
    timeStyle: 'short',
    timeZone: safeZone(timeZone),
  }).format(new Date(iso));
}

/** Human time of day in the user's zone. */
export function formatTime(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone: safeZone(timeZone) }).format(new Date(iso));
}

/** "YYYY-MM-DD" (a calendar date without zone, e.g. a birthday) in the user's language. */
export function formatDate(date: string | null | undefined, language: string): string {
  if (!date) return '';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Monday 00:00 of the week containing `day`, in the user's zone. */
export function weekStart(day: dayjs.Dayjs): dayjs.Dayjs {
  const offset = (day.day() + 6) % 7;
  return day.startOf('day').subtract(offset, 'day');
}

/** Now, in the user's zone. */
export function nowIn(timeZone: string): dayjs.Dayjs {
  return dayjs().tz(safeZone(timeZone));
}

/** An ISO instant as a dayjs in the user's zone. */
export function inZone(iso: string, timeZone: string): dayjs.Dayjs {
  return dayjs(iso).tz(safeZone(timeZone));
}

export { dayjs };
