import type { Event } from '@microsoft/microsoft-graph-types';
import type { DirectoryUser } from '../../contracts.ts';
import { utcToZoned } from '../../recurrence/zoned-time.ts';
import { type Attendee, bodyText, type EventData, type ItemBody, type Recurrence } from '../../store/index.ts';
import type { GraphJson } from '../graph-types.ts';
import { recipient } from '../message-mapper.ts';
import { isoSeconds, type RenderEnv } from '../outlook-item-mapper.ts';
import { type EventInstance, eventData, occurrenceId } from './event-instances.ts';
import { localOf, renderFloating, renderInstant, responseZone, zoneOf } from './event-time.ts';
import { occurrenceICalUId } from './ical-uid.ts';

/**
 * event resource JSON (`api-reference/v1.0/resources/event.md`) for one instance. An occurrence or exception
 * is the master's data with the instance's times, its own id and iCalUId, `seriesMasterId`, `originalStart`
 * and no recurrence; an exception also carries its overrides. Times are in the response zone
 * (`Prefer: outlook.timezone`, UTC by default); all-day events keep their midnight dates.
 */

export interface EventRenderEnv extends RenderEnv {
  /** `Prefer: outlook.timezone` of the request. */
  timeZone?: string;
  /** Owner of the calendar, for isOrganizer and the default organizer. */
  owner: DirectoryUser;
}

/** `0001-01-01T00:00:00Z`: Outlook's "no time" for response statuses nobody set. */
const NO_TIME = '0001-01-01T00:00:00Z';

export function renderEvent(inst: EventInstance, env: EventRenderEnv, select?: string[]): Record<string, unknown> {
  const master = eventData(inst.item);
  const d: EventData = inst.overrides ? { ...master, ...definedOnly(inst.overrides) } : master;
  const masterId = env.mailbox.itemId(inst.item, env.idStyle);
  const isInstance = inst.type === 'occurrence' || inst.type === 'exception';
  const id = isInstance && inst.date ? occurrenceId(masterId, inst.date) : masterId;
  const zone = responseZone(env.timeZone);
  const organizer = d.organizer ?? { name: env.owner.displayName, address: env.owner.email };
  const isOrganizer = organizer.address.toLowerCase() === env.owner.email.toLowerCase();
  const location = d.location ?? '';
  const out: GraphJson<Event> = {
    '@odata.etag': `W/"${inst.item.changeKey}"`,
    id,
    createdDateTime: isoSeconds(inst.item.createdAt),
    lastModifiedDateTime: isoSeconds(inst.item.modifiedAt),
    changeKey: inst.item.changeKey,
    categories: d.categories ?? [],
    transactionId: d.transactionId ?? null,
    originalStartTimeZone: master.start.timeZone,
    originalEndTimeZone: master.end.timeZone,
    iCalUId:
      isInstance && inst.date && master.iCalUId
        ? occurrenceICalUId(master.iCalUId, inst.date)
        : (master.iCalUId ?? null),
    reminderMinutesBeforeStart: d.reminderMinutesBeforeStart ?? 15,
    isReminderOn: d.isReminderOn ?? true,
    hasAttachments: false,
    subject: d.subject ?? '',
    bodyPreview: bodyText(d.body).slice(0, 255),
    importance: d.importance ?? 'normal',
    sensitivity: d.sensitivity ?? 'normal',
    isAllDay: d.isAllDay ?? false,
    isCancelled: d.isCancelled ?? false,
    isOrganizer,
    responseRequested: d.responseRequested ?? true,
    seriesMasterId: isInstance ? masterId : null,
    showAs: d.showAs ?? 'busy',
    type: inst.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: d.isOnlineMeeting ?? false,
    onlineMeetingProvider: 'unknown',
    allowNewTimeProposals: d.allowNewTimeProposals ?? true,
    isDraft: false,
    hideAttendees: false,
    responseStatus: isOrganizer
      ? { response: 'organizer', time: NO_TIME }
      : { response: d.responseStatus?.response ?? 'none', time: d.responseStatus?.time ?? NO_TIME },
    body: renderBody(d.body, env.bodyType),
    start: times(inst, d, 'start', zone),
    end: times(inst, d, 'end', zone),
    location: {
      displayName: location,
      locationType: 'default',
      uniqueIdType: location ? 'private' : 'unknown',
      ...(location ? { uniqueId: location } : {}),
      address: {},
      coordinates: {},
    },
    locations: location
      ? [{ displayName: location, locationType: 'default', uniqueId: location, uniqueIdType: 'private' }]
      : [],
    recurrence: inst.type === 'seriesMaster' && master.recurrence ? renderRecurrence(master.recurrence, master) : null,
    attendees: (d.attendees ?? []).map(renderAttendee),
    organizer: recipient(organizer),
    onlineMeeting: null,
  };
  if (isInstance && inst.originalStart !== undefined) out.originalStart = isoSeconds(inst.originalStart);
  if (inst.type === 'seriesMaster' && select?.some((s) => s.toLowerCase() === 'cancelledoccurrences')) {
    // Returned only on $select of a series master (event resource, cancelledOccurrences).
    out.cancelledOccurrences = (master.cancelledOccurrences ?? []).map((date) => `OID.${masterId}.${date}`);
  }
  return out as Record<string, unknown>;
}

function times(inst: EventInstance, d: EventData, which: 'start' | 'end', zone: { name: string; iana: string }) {
  const at = which === 'start' ? inst.start : inst.end;
  if (!d.isAllDay) return renderInstant(at, zone);
  // All-day dates float: take the date in the event's own zone and show it as midnight.
  const local = utcToZoned(at, zoneOf(d.start));
  return renderFloating({ ...local, hour: 0, minute: 0, second: 0 }, zone);
}

export function renderAttendee(a: Attendee): Record<string, unknown> {
  return {
    type: a.type,
    status: { response: a.response ?? 'none', time: a.responseTime ?? NO_TIME },
    emailAddress: { name: a.name ?? a.address, address: a.address },
  };
}

/** patternedRecurrence with every property present, as Graph returns it. */
export function renderRecurrence(r: Recurrence, d: Pick<EventData, 'start'>): Record<string, unknown> {
  const p = r.pattern;
  return {
    pattern: {
      type: p.type,
      interval: p.interval,
      month: p.month ?? 0,
      dayOfMonth: p.dayOfMonth ?? 0,
      daysOfWeek: p.daysOfWeek ?? [],
      firstDayOfWeek: p.firstDayOfWeek ?? 'sunday',
      index: p.index ?? 'first',
    },
    range: {
      type: r.range.type,
      startDate: r.range.startDate,
      endDate: r.range.type === 'endDate' ? (r.range.endDate ?? '0001-01-01') : '0001-01-01',
      recurrenceTimeZone: r.range.recurrenceTimeZone ?? d.start.timeZone,
      numberOfOccurrences: r.range.type === 'numbered' ? (r.range.numberOfOccurrences ?? 0) : 0,
    },
  };
}

function renderBody(body: ItemBody | undefined, want: 'text' | 'html' | undefined): ItemBody {
  const b = body ?? { contentType: 'html', content: '' };
  if (want === 'text' && b.contentType === 'html') return { contentType: 'text', content: bodyText(b) };
  return { contentType: b.contentType, content: b.content };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The local start date of an event in its own zone (`yyyy-mm-dd`). */
export function startDateOf(d: EventData): string {
  const l = localOf(d.start);
  return `${String(l.year).padStart(4, '0')}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}
