import type { FastifyRequest } from 'fastify';
import { GraphError } from '../../contracts.ts';
import {
  formatDateTime,
  type LocalDateTime,
  parseDateTime,
  resolveTimeZone,
  utcToZoned,
  zonedToUtc,
} from '../../recurrence/zoned-time.ts';
import type { DateTimeTimeZone } from '../../store/index.ts';
import { graphErrors } from '../errors.ts';

/**
 * dateTimeTimeZone in and out (`resources/datetimetimezone.md`). Requests may name Windows or IANA zones;
 * the store keeps the local time and the zone name as written (they become originalStartTimeZone /
 * originalEndTimeZone). Responses are in UTC unless `Prefer: outlook.timezone` names another zone
 * (`api/event-get.md`, "Prefer: outlook.timezone").
 */

/** Graph's answer to an unknown zone name (as observed from Outlook). */
export function timeZoneNotSupported(name: string): GraphError {
  return new GraphError(
    400,
    'TimeZoneNotSupportedException',
    `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`,
  );
}

/** Reads a request `dateTimeTimeZone`; a value with an offset or `Z` is placed in the named zone. */
export function readDateTimeTimeZone(value: unknown, field: string): DateTimeTimeZone {
  const v = value as { dateTime?: unknown; timeZone?: unknown } | null;
  if (!v || typeof v !== 'object' || typeof v.dateTime !== 'string') {
    throw graphErrors.badRequest(`Invalid value for property '${field}'.`);
  }
  const zoneName = typeof v.timeZone === 'string' && v.timeZone.trim() ? v.timeZone.trim() : 'UTC';
  const iana = resolveTimeZone(zoneName);
  if (!iana) throw timeZoneNotSupported(zoneName);
  const parsed = parseDateTime(v.dateTime);
  if (!parsed)
    throw graphErrors.badRequest(`Cannot convert the literal '${v.dateTime}' to the expected type 'Edm.DateTime'.`);
  const local = 'local' in parsed ? parsed.local : utcToZoned(parsed.instant, iana);
  return { dateTime: formatDateTime(local), timeZone: zoneName };
}

/** The zone of a stored value as an IANA id (stored names were validated on write; UTC otherwise). */
export function zoneOf(dt: DateTimeTimeZone): string {
  return resolveTimeZone(dt.timeZone) ?? 'Etc/UTC';
}

export function localOf(dt: DateTimeTimeZone): LocalDateTime {
  const parsed = parseDateTime(dt.dateTime);
  if (!parsed) return { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  return 'local' in parsed ? parsed.local : utcToZoned(parsed.instant, zoneOf(dt));
}

/** The instant a stored dateTimeTimeZone denotes. */
export function instantOf(dt: DateTimeTimeZone): number {
  return zonedToUtc(localOf(dt), zoneOf(dt));
}

/** The zone responses use: the `Prefer: outlook.timezone` value when it names a known zone, else UTC. */
export function responseZone(preferred: string | undefined): { name: string; iana: string } {
  const iana = preferred ? resolveTimeZone(preferred) : undefined;
  return iana && preferred ? { name: preferred, iana } : { name: 'UTC', iana: 'Etc/UTC' };
}

/** An instant as Graph renders it in the response zone. */
export function renderInstant(ms: number, zone: { name: string; iana: string }): DateTimeTimeZone {
  return { dateTime: formatDateTime(utcToZoned(ms, zone.iana)), timeZone: zone.name };
}

/** All-day events float: their dates stay midnight whatever zone the response is in. */
export function renderFloating(local: LocalDateTime, zone: { name: string }): DateTimeTimeZone {
  return { dateTime: formatDateTime(local), timeZone: zone.name };
}

/** Whether a local time is exactly midnight. */
export function isMidnight(l: LocalDateTime): boolean {
  return l.hour === 0 && l.minute === 0 && l.second === 0;
}

/**
 * The [start, end) window of calendarView, instances and calendarView/delta: both parameters are required
 * (`api/user-list-calendarview.md`); values without an offset are in the `Prefer: outlook.timezone` zone,
 * else UTC. Parameter names are case-insensitive, as Microsoft's own samples write `startdatetime`.
 */
export function readWindow(req: FastifyRequest, preferredZone: string | undefined): [number, number] {
  const q = req.query as Record<string, string | undefined>;
  const find = (name: string) => Object.entries(q).find(([k]) => k.toLowerCase() === name)?.[1];
  const start = find('startdatetime');
  const end = find('enddatetime');
  if (!start || !end) {
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    );
  }
  const zone = responseZone(preferredZone).iana;
  const at = (text: string) => {
    const parsed = parseDateTime(text);
    if (!parsed)
      throw new GraphError(
        400,
        'ErrorInvalidParameter',
        `The value '${text}' of parameter 'StartDateTime/EndDateTime' is invalid.`,
      );
    return 'instant' in parsed ? parsed.instant : zonedToUtc(parsed.local, zone);
  };
  return [at(start), at(end)];
}

/** IANA id of a zone name; with `strict`, an unknown name is Graph's TimeZoneNotSupportedException. */
export function resolveZoneName(name: string, strict = false): string | undefined {
  const iana = resolveTimeZone(name);
  if (!iana && strict) throw timeZoneNotSupported(name);
  return iana;
}
