import { type CivilDate, dayNumber, fromDayNumber, pad } from './civil-date.ts';
import { windowsToIana } from './windows-zones.ts';

/**
 * Wall-clock times in named zones, through `Intl` (no tz database of our own). Graph's dateTimeTimeZone is a
 * local time plus a zone name (`resources/datetimetimezone.md`), so every conversion goes local → instant →
 * local. A local time that does not exist (spring-forward gap) moves forward by the gap; an ambiguous one
 * (fall-back overlap) takes the earlier instant, which is what Windows does for appointments.
 */

export interface LocalDateTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
}

/** IANA id for a Windows or IANA zone name (and Outlook's `tzone://Microsoft/Utc`); undefined when unknown. */
export function resolveTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return undefined;
  if (/^(utc|gmt|z|tzone:\/\/microsoft\/utc)$/i.test(trimmed)) return 'Etc/UTC';
  const windows = windowsToIana(trimmed);
  if (windows) return windows;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(iana: string): Intl.DateTimeFormat {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(iana, f);
  }
  return f;
}

/** The wall-clock time in `iana` at instant `ms` (seconds precision). */
export function utcToZoned(ms: number, iana: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(iana).formatToParts(new Date(Math.floor(ms / 1000) * 1000))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of `iana` from UTC at instant `ms`, in milliseconds. */
export function offsetAt(ms: number, iana: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return asUtc(utcToZoned(whole, iana)) - whole;
}

/** The instant of a wall-clock time in `iana` (see the file comment for gaps and overlaps). */
export function zonedToUtc(local: LocalDateTime, iana: string): number {
  const naive = asUtc(local);
  // Offsets on both sides of any transition near this time; try the earlier instant first.
  const candidates = [
    ...new Set([offsetAt(naive - 86_400_000, iana), offsetAt(naive + 86_400_000, iana), offsetAt(naive, iana)]),
  ]
    .map((off) => naive - off)
    .sort((a, b) => a - b);
  for (const t of candidates) if (asUtc(utcToZoned(t, iana)) === naive) return t;
  // In a gap: keep the offset in force before it, which lands after the gap.
  return naive - offsetAt(naive - 86_400_000, iana);
}

/** The local time as if it were UTC (a plain arithmetic value). */
export function asUtc(l: LocalDateTime): number {
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
}

/** Local time plus `minutes` of wall-clock time (no zone involved). */
export function addLocalMinutes(l: LocalDateTime, minutes: number): LocalDateTime {
  return fromNaive(asUtc(l) + minutes * 60_000);
}

export function fromNaive(ms: number): LocalDateTime {
  const day = Math.floor(ms / 86_400_000);
  const rest = ms - day * 86_400_000;
  return {
    ...fromDayNumber(day),
    hour: Math.floor(rest / 3_600_000),
    minute: Math.floor((rest % 3_600_000) / 60_000),
    second: Math.floor((rest % 60_000) / 1000),
  };
}

/** Wall-clock minutes from `a` to `b`. */
export function localMinutesBetween(a: LocalDateTime, b: LocalDateTime): number {
  return Math.round((asUtc(b) - asUtc(a)) / 60_000);
}

/**
 * Parses Graph's local `dateTime` (`2017-04-15T12:00:00.0000000`, also a bare date or minutes-only). A value
 * carrying `Z` or an offset is an instant, returned as `instant` for the caller to place in a zone.
 */
export function parseDateTime(text: string): { local: LocalDateTime } | { instant: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    text.trim(),
  );
  if (!m) return undefined;
  const local: LocalDateTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  };
  const check = fromNaive(asUtc(local));
  if (
    check.month !== local.month ||
    check.day !== local.day ||
    local.hour > 23 ||
    local.minute > 59 ||
    local.second > 59
  ) {
    return undefined;
  }
  if (!m[7]) return { local };
  if (m[7].toUpperCase() === 'Z') return { instant: asUtc(local) };
  const sign = m[7].startsWith('-') ? -1 : 1;
  const digits = m[7].slice(1).replace(':', '');
  const offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  return { instant: asUtc(local) - offsetMin * 60_000 };
}

/** Graph's rendering of a local time: seven fractional digits, no offset. */
export function formatDateTime(l: LocalDateTime): string {
  return `${String(l.year).padStart(4, '0')}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}.0000000`;
}

/** Midnight of a local date. */
export function startOfDay(d: CivilDate): LocalDateTime {
  return { year: d.year, month: d.month, day: d.day, hour: 0, minute: 0, second: 0 };
}

/** Day number of a local time's date. */
export function localDayNumber(l: LocalDateTime): number {
  return dayNumber(l);
}
