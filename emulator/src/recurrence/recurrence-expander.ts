import type { Recurrence } from '../store/item-data.ts';
import {
  DAY_NAMES,
  type DayName,
  dayNumber,
  daysInMonth,
  formatDate,
  fromDayNumber,
  parseDate,
  weekday,
} from './civil-date.ts';
import { addLocalMinutes, type LocalDateTime, zonedToUtc } from './zoned-time.ts';

/**
 * Expansion of Graph's patternedRecurrence (`resources/patternedrecurrence.md`, `recurrencepattern.md`,
 * `recurrencerange.md`) into occurrence dates, then into instants in the series' time zone. Pure: no store,
 * no HTTP. Patterns are evaluated on local dates (so a 09:00 meeting stays at 09:00 across a DST change and
 * its UTC time moves), and the range is applied to the occurrence sequence: `numbered` counts occurrences
 * from `startDate`, `endDate` is inclusive, `noEnd` runs until the caller's horizon.
 */

const INDEXES = ['first', 'second', 'third', 'fourth', 'last'] as const;

/** Guard against runaway expansions (e.g. a daily series with noEnd queried over centuries). */
const MAX_OCCURRENCES = 20_000;

/** Why a recurrence is invalid, or undefined when it can be expanded. */
export function recurrenceProblem(rec: Recurrence): string | undefined {
  const p = rec.pattern;
  const r = rec.range;
  if (!p || !r) return 'A recurrence needs a pattern and a range.';
  if (!Number.isInteger(p.interval) || p.interval < 1 || p.interval > 999)
    return 'The recurrence interval must be between 1 and 999.';
  const days = p.daysOfWeek ?? [];
  if (days.some((d) => !DAY_NAMES.includes(d.toLowerCase() as DayName))) return 'daysOfWeek holds an unknown day.';
  if (p.firstDayOfWeek && !DAY_NAMES.includes(p.firstDayOfWeek.toLowerCase() as DayName))
    return 'firstDayOfWeek is not a day.';
  if (p.index && !INDEXES.includes(p.index)) return 'index must be first, second, third, fourth or last.';
  const needsDays = p.type === 'weekly' || p.type === 'relativeMonthly' || p.type === 'relativeYearly';
  if (needsDays && days.length === 0) return `A ${p.type} pattern needs daysOfWeek.`;
  const needsDayOfMonth = p.type === 'absoluteMonthly' || p.type === 'absoluteYearly';
  if (
    needsDayOfMonth &&
    !(Number.isInteger(p.dayOfMonth) && (p.dayOfMonth as number) >= 1 && (p.dayOfMonth as number) <= 31)
  ) {
    return `A ${p.type} pattern needs dayOfMonth between 1 and 31.`;
  }
  const needsMonth = p.type === 'absoluteYearly' || p.type === 'relativeYearly';
  if (needsMonth && !(Number.isInteger(p.month) && (p.month as number) >= 1 && (p.month as number) <= 12)) {
    return `A ${p.type} pattern needs month between 1 and 12.`;
  }
  if (!['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly'].includes(p.type)) {
    return `Unknown recurrence pattern type '${String(p.type)}'.`;
  }
  if (!parseDate(r.startDate ?? '')) return 'The recurrence range needs a startDate (yyyy-mm-dd).';
  if (r.type === 'endDate') {
    const end = parseDate(r.endDate ?? '');
    if (!end) return 'An endDate range needs an endDate (yyyy-mm-dd).';
    if (dayNumber(end) < dayOf(r.startDate)) return 'The recurrence endDate is before its startDate.';
  } else if (r.type === 'numbered') {
    if (!Number.isInteger(r.numberOfOccurrences) || (r.numberOfOccurrences as number) < 1) {
      return 'A numbered range needs numberOfOccurrences of at least 1.';
    }
  } else if (r.type !== 'noEnd') return `Unknown recurrence range type '${String(r.type)}'.`;
  return undefined;
}

/** Occurrence dates (`yyyy-mm-dd`, ascending) on or before `until`, honouring the range. */
export function occurrenceDates(rec: Recurrence, until: string): string[] {
  const start = dayOf(rec.range.startDate);
  let last = dayNumber(parseDate(until) ?? parseDate(rec.range.startDate) ?? { year: 1970, month: 1, day: 1 });
  if (rec.range.type === 'endDate') last = Math.min(last, dayOf(rec.range.endDate ?? ''));
  const limit = rec.range.type === 'numbered' ? (rec.range.numberOfOccurrences ?? 1) : MAX_OCCURRENCES;
  const out: number[] = [];
  for (const day of candidates(rec, start)) {
    if (day > last || out.length >= limit) break;
    if (day >= start) out.push(day);
  }
  return out.map((n) => formatDate(fromDayNumber(n)));
}

/** Pattern days in ascending order from the period containing `start` (may yield days before `start`). */
function* candidates(rec: Recurrence, start: number): Generator<number> {
  const p = rec.pattern;
  const days = new Set((p.daysOfWeek ?? []).map((d) => DAY_NAMES.indexOf(d.toLowerCase() as DayName)));
  const s = fromDayNumber(start);
  for (let k = 0; k < MAX_OCCURRENCES * 8; k++) {
    switch (p.type) {
      case 'daily':
        yield start + k * p.interval;
        break;
      case 'weekly': {
        const first = DAY_NAMES.indexOf((p.firstDayOfWeek ?? 'sunday').toLowerCase() as DayName);
        const weekStart = start - ((weekday(start) - first + 7) % 7) + k * 7 * p.interval;
        for (let i = 0; i < 7; i++) if (days.has(weekday(weekStart + i))) yield weekStart + i;
        break;
      }
      case 'absoluteMonthly':
      case 'relativeMonthly': {
        const m = s.month - 1 + k * p.interval;
        const year = s.year + Math.floor(m / 12);
        const month = (m % 12) + 1;
        yield p.type === 'absoluteMonthly'
          ? clampedDay(year, month, p.dayOfMonth ?? 1)
          : nthWeekday(year, month, days, p.index);
        break;
      }
      case 'absoluteYearly':
      case 'relativeYearly': {
        const year = s.year + k * p.interval;
        const month = p.month ?? s.month;
        yield p.type === 'absoluteYearly'
          ? clampedDay(year, month, p.dayOfMonth ?? 1)
          : nthWeekday(year, month, days, p.index);
        break;
      }
      default:
        return;
    }
  }
}

/** Outlook puts day 29–31 on the month's last day when the month is shorter. */
function clampedDay(year: number, month: number, day: number): number {
  return dayNumber({ year, month, day: Math.min(day, daysInMonth(year, month)) });
}

/** The `index`-th day of the month whose weekday is in `days` (`last` = the last such day). */
function nthWeekday(year: number, month: number, days: Set<number>, index: Recurrence['pattern']['index']): number {
  const first = dayNumber({ year, month, day: 1 });
  const matches: number[] = [];
  for (let i = 0; i < daysInMonth(year, month); i++) if (days.has(weekday(first + i))) matches.push(first + i);
  const at = index === 'last' ? matches.length - 1 : INDEXES.indexOf(index ?? 'first');
  return matches[Math.min(at, matches.length - 1)] ?? first;
}

/** One expanded occurrence. */
export interface Occurrence {
  /** Local date (`yyyy-mm-dd`) of the occurrence in the series' zone: its identity within the series. */
  date: string;
  start: number;
  end: number;
}

export interface SeriesSpec {
  recurrence: Recurrence;
  /** Wall-clock start of the first occurrence (its time of day applies to every occurrence). */
  start: LocalDateTime;
  /** Wall-clock duration of each occurrence. */
  durationMinutes: number;
  /** IANA zone the pattern is evaluated in. */
  timeZone: string;
}

/**
 * Occurrences overlapping the window [from, to) (instants in ms). The horizon for `noEnd` series is the
 * window end, so the cost is proportional to the series length up to the window, not the window alone.
 */
export function expandSeries(spec: SeriesSpec, from: number, to: number): Occurrence[] {
  const horizon = new Date(to + 2 * 86_400_000).toISOString().slice(0, 10);
  const out: Occurrence[] = [];
  for (const date of occurrenceDates(spec.recurrence, horizon)) {
    const occ = occurrenceAt(spec, date);
    if (occ.start < to && occ.end > from) out.push(occ);
    else if (occ.start === occ.end && occ.start >= from && occ.start < to) out.push(occ);
  }
  return out;
}

/** The instants of the occurrence on `date` (whether or not the pattern produces that date). */
export function occurrenceAt(spec: SeriesSpec, date: string): Occurrence {
  const d = fromDayNumber(dayOf(date));
  const local: LocalDateTime = { ...d, hour: spec.start.hour, minute: spec.start.minute, second: spec.start.second };
  const start = zonedToUtc(local, spec.timeZone);
  const end = zonedToUtc(addLocalMinutes(local, spec.durationMinutes), spec.timeZone);
  return { date, start, end };
}

/** Whether the series produces an occurrence on `date`. */
export function isOccurrenceDate(rec: Recurrence, date: string): boolean {
  return occurrenceDates(rec, date).at(-1) === date;
}

/** Day number of a `yyyy-mm-dd` date; a malformed date is a programming error here (validated on input). */
function dayOf(text: string): number {
  const d = parseDate(text);
  if (!d) throw new RangeError(`Not a date: '${text}'`);
  return dayNumber(d);
}
