import { formatDate, parseDate } from '../../recurrence/civil-date.ts';
import { expandSeries, isOccurrenceDate, occurrenceAt, type SeriesSpec } from '../../recurrence/recurrence-expander.ts';
import { localMinutesBetween, parseDateTime, resolveTimeZone, utcToZoned } from '../../recurrence/zoned-time.ts';
import type { EventData, EventException, Item } from '../../store/index.ts';
import { instantOf, zoneOf } from './event-time.ts';

/**
 * The instances an event item stands for. A single event is one `singleInstance`; a series master
 * (`seriesMaster`) stands for its `occurrence`s, its `exception`s (modified occurrences, kept on the master
 * as overrides) and none of its cancelled occurrences (`api/event-list-instances.md`,
 * `api/user-list-calendarview.md`). An occurrence is identified by its original local date in the series'
 * zone, which is also the suffix of its id.
 */

export type EventType = 'singleInstance' | 'seriesMaster' | 'occurrence' | 'exception';

export interface EventInstance {
  item: Item;
  type: EventType;
  /** Original date (`yyyy-mm-dd`) of an occurrence or exception. */
  date?: string;
  start: number;
  end: number;
  /** Where an occurrence was scheduled by the pattern (occurrence/exception only). */
  originalStart?: number;
  overrides?: EventException;
}

/** Separator between a series master's id and an occurrence date; `.` never occurs in base64url ids. */
const SEP = '.';

export function occurrenceId(masterId: string, date: string): string {
  return `${masterId}${SEP}${date}`;
}

/** Splits an occurrence id (also Graph's `OID.{masterId}.{date}` occurrenceId form) into master id and date. */
export function splitOccurrenceId(id: string): { masterId: string; date?: string } {
  const bare = id.startsWith('OID.') ? id.slice(4) : id;
  const at = bare.lastIndexOf(SEP);
  if (at > 0 && parseDate(bare.slice(at + 1))) return { masterId: bare.slice(0, at), date: bare.slice(at + 1) };
  return { masterId: id };
}

export function eventData(item: Item): EventData {
  return item.data as unknown as EventData;
}

/** The recurrence of an event evaluated in its zone, or undefined for a single event. */
export function seriesSpec(d: EventData): SeriesSpec | undefined {
  if (!d.recurrence) return undefined;
  const zone = resolveTimeZone(d.recurrence.range.recurrenceTimeZone ?? '') ?? zoneOf(d.start);
  const start = utcToZoned(instantOf(d.start), zone);
  const end = utcToZoned(instantOf(d.end), zone);
  if (d.isAllDay) {
    const local = { ...start, hour: 0, minute: 0, second: 0 };
    return { recurrence: d.recurrence, start: local, durationMinutes: localMinutesBetween(local, end), timeZone: zone };
  }
  return {
    recurrence: d.recurrence,
    start,
    durationMinutes: Math.max(0, localMinutesBetween(start, end)),
    timeZone: zone,
  };
}

/** Instances overlapping [from, to), ordered by start. A master is expanded; it is not itself an instance here. */
export function instancesInWindow(item: Item, from: number, to: number): EventInstance[] {
  const d = eventData(item);
  const spec = seriesSpec(d);
  if (!spec) {
    const start = instantOf(d.start);
    const end = instantOf(d.end);
    return overlaps(start, end, from, to) ? [{ item, type: 'singleInstance', start, end }] : [];
  }
  const cancelled = new Set(d.cancelledOccurrences ?? []);
  const exceptions = exceptionsByDate(d);
  const out: EventInstance[] = [];
  for (const occ of expandSeries(spec, from, to)) {
    if (cancelled.has(occ.date) || exceptions.has(occ.date)) continue;
    out.push({ item, type: 'occurrence', date: occ.date, start: occ.start, end: occ.end, originalStart: occ.start });
  }
  for (const [date, ex] of exceptions) {
    if (cancelled.has(date)) continue;
    const inst = exceptionInstance(item, spec, date, ex);
    if (overlaps(inst.start, inst.end, from, to)) out.push(inst);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The instance of a series on `date` (occurrence or exception), or undefined when cancelled or not in the pattern. */
export function instanceOn(item: Item, date: string): EventInstance | undefined {
  const d = eventData(item);
  const spec = seriesSpec(d);
  if (!spec || (d.cancelledOccurrences ?? []).includes(date) || !isOccurrenceDate(spec.recurrence, date))
    return undefined;
  const ex = exceptionsByDate(d).get(date);
  if (ex) return exceptionInstance(item, spec, date, ex);
  const occ = occurrenceAt(spec, date);
  return { item, type: 'occurrence', date, start: occ.start, end: occ.end, originalStart: occ.start };
}

/** The series master or single event itself as an instance (for `/events` and `GET /events/{id}`). */
export function itemInstance(item: Item): EventInstance {
  const d = eventData(item);
  return {
    item,
    type: d.recurrence ? 'seriesMaster' : 'singleInstance',
    start: instantOf(d.start),
    end: instantOf(d.end),
  };
}

/** Exceptions keyed by their occurrence's original local date. */
export function exceptionsByDate(d: EventData): Map<string, EventException> {
  const spec = seriesSpec(d);
  const map = new Map<string, EventException>();
  if (!spec) return map;
  for (const ex of d.exceptions ?? []) map.set(exceptionDate(ex, spec.timeZone), ex);
  return map;
}

/**
 * The occurrence date an exception replaces. `originalStart` is the occurrence's original wall-clock start
 * in the series' zone (as the seeder and EWS write it); a value with an offset or `Z` is an instant.
 */
export function exceptionDate(ex: EventException, zone: string): string {
  const parsed = parseDateTime(ex.originalStart);
  if (!parsed) return ex.originalStart.slice(0, 10);
  const l = 'local' in parsed ? parsed.local : utcToZoned(parsed.instant, zone);
  return formatDate(l);
}

function exceptionInstance(item: Item, spec: SeriesSpec, date: string, ex: EventException): EventInstance {
  const occ = occurrenceAt(spec, date);
  return {
    item,
    type: 'exception',
    date,
    start: ex.start ? instantOf(ex.start) : occ.start,
    end: ex.end ? instantOf(ex.end) : occ.end,
    originalStart: occ.start,
    overrides: ex,
  };
}

function overlaps(start: number, end: number, from: number, to: number): boolean {
  return start === end ? start >= from && start < to : start < to && end > from;
}
