import { GraphError } from '../../contracts.ts';
import { recurrenceProblem } from '../../recurrence/recurrence-expander.ts';
import { localMinutesBetween } from '../../recurrence/zoned-time.ts';
import { type Attendee, type EventData, type ItemBody, type Recurrence, toAddress } from '../../store/index.ts';
import { graphErrors } from '../errors.ts';
import { asBoolean, asString, asStringArray, readBody, type SideWrites } from '../outlook-item-mapper.ts';
import { instantOf, isMidnight, localOf, readDateTimeTimeZone, resolveZoneName } from './event-time.ts';

/**
 * Parses event create/update bodies into the neutral EventData (`api/user-post-events.md`,
 * `api/event-update.md`). Unknown properties are refused as Graph's OData reader does; read-only ones are
 * ignored. `location` is kept as its displayName; `locations` is accepted and its first entry wins.
 */

const WRITABLE = new Set([
  'subject',
  'body',
  'start',
  'end',
  'isAllDay',
  'location',
  'locations',
  'attendees',
  'organizer',
  'recurrence',
  'showAs',
  'importance',
  'sensitivity',
  'categories',
  'isReminderOn',
  'reminderMinutesBeforeStart',
  'transactionId',
  'responseRequested',
  'allowNewTimeProposals',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'hideAttendees',
  'isDraft',
]);

const READ_ONLY = new Set([
  'id',
  'changeKey',
  'createdDateTime',
  'lastModifiedDateTime',
  'iCalUId',
  'uid',
  'type',
  'seriesMasterId',
  'originalStart',
  'originalStartTimeZone',
  'originalEndTimeZone',
  'isOrganizer',
  'isCancelled',
  'responseStatus',
  'webLink',
  'bodyPreview',
  'hasAttachments',
  'onlineMeeting',
  'onlineMeetingUrl',
  'occurrenceId',
  'cancelledOccurrences',
  'calendar',
  'instances',
]);

const SHOW_AS = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'];
const IMPORTANCE = ['low', 'normal', 'high'];
const SENSITIVITY = ['normal', 'personal', 'private', 'confidential'];
const ATTENDEE_TYPES = ['required', 'optional', 'resource'];

/** Outlook's answer when an all-day or time range rule is broken (observed; `resources/event.md` isAllDay). */
export function propertyValidationFailure(): GraphError {
  return new GraphError(400, 'ErrorPropertyValidationFailure', 'At least one property failed validation.');
}

export function readEventBody(body: unknown): { data: Partial<EventData>; side: SideWrites; nulls: string[] } {
  const { fields, side } = readBody(body, WRITABLE, READ_ONLY, 'Microsoft.OutlookServices.Event');
  const data: Partial<EventData> = {};
  const nulls: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === null && k !== 'subject' && k !== 'body') {
      nulls.push(k);
      continue;
    }
    switch (k) {
      case 'subject':
        data.subject = v === null ? '' : asString(v, k);
        break;
      case 'body':
        data.body = parseBody(v);
        break;
      case 'start':
      case 'end':
        data[k] = readDateTimeTimeZone(v, k);
        break;
      case 'isAllDay':
      case 'isReminderOn':
      case 'responseRequested':
      case 'allowNewTimeProposals':
      case 'isOnlineMeeting':
        data[k] = asBoolean(v, k);
        break;
      case 'location':
        data.location = locationName(v);
        break;
      case 'locations':
        if (!Array.isArray(v)) throw graphErrors.badRequest("Invalid value for property 'locations'.");
        if (!('location' in fields)) data.location = v.length ? locationName(v[0]) : '';
        break;
      case 'attendees':
        data.attendees = parseAttendees(v);
        break;
      case 'organizer': {
        const a = toAddress(v);
        if (a) data.organizer = a;
        break;
      }
      case 'recurrence':
        data.recurrence = parseRecurrence(v);
        break;
      case 'showAs':
        data.showAs = oneOf(v, SHOW_AS, k) as EventData['showAs'];
        break;
      case 'importance':
        data.importance = oneOf(v, IMPORTANCE, k) as EventData['importance'];
        break;
      case 'sensitivity':
        data.sensitivity = oneOf(v, SENSITIVITY, k) as EventData['sensitivity'];
        break;
      case 'categories':
        data.categories = asStringArray(v, k);
        break;
      case 'reminderMinutesBeforeStart':
        if (!Number.isInteger(v) || (v as number) < 0)
          throw graphErrors.badRequest(`Invalid value for property '${k}'.`);
        data.reminderMinutesBeforeStart = v as number;
        break;
      case 'transactionId':
        data.transactionId = asString(v, k);
        break;
    }
  }
  return { data, side, nulls };
}

/** Checks the merged event: end not before start, and all-day events from midnight to midnight in one zone. */
export function validateEventTimes(d: Pick<EventData, 'start' | 'end' | 'isAllDay'>): void {
  if (instantOf(d.end) < instantOf(d.start)) throw propertyValidationFailure();
  if (!d.isAllDay) return;
  const start = localOf(d.start);
  const end = localOf(d.end);
  // resources/event.md: "start and end time must be set to midnight and be in the same time zone".
  if (!isMidnight(start) || !isMidnight(end) || resolveZoneName(d.start.timeZone) !== resolveZoneName(d.end.timeZone)) {
    throw propertyValidationFailure();
  }
  if (localMinutesBetween(start, end) < 24 * 60) throw propertyValidationFailure();
}

function parseBody(v: unknown): ItemBody {
  if (v === null) return { contentType: 'text', content: '' };
  const b = v as { contentType?: unknown; content?: unknown };
  const type = typeof b?.contentType === 'string' ? b.contentType.toLowerCase() : 'text';
  if (type !== 'text' && type !== 'html')
    throw graphErrors.badRequest(`Invalid body contentType '${String(b?.contentType)}'.`);
  return { contentType: type, content: typeof b?.content === 'string' ? b.content : '' };
}

function locationName(v: unknown): string {
  if (typeof v === 'string') return v;
  const name = (v as { displayName?: unknown } | null)?.displayName;
  return typeof name === 'string' ? name : '';
}

function parseAttendees(v: unknown): Attendee[] {
  if (!Array.isArray(v)) throw graphErrors.badRequest("Invalid value for property 'attendees'.");
  return v.map((raw) => {
    const address = toAddress(raw);
    if (!address) throw graphErrors.badRequest('An attendee needs an emailAddress with an address.');
    const r = raw as { type?: unknown; status?: { response?: unknown; time?: unknown } };
    const type = r.type === undefined || r.type === null ? 'required' : oneOf(r.type, ATTENDEE_TYPES, 'type');
    const out: Attendee = { ...address, type: type as Attendee['type'] };
    if (typeof r.status?.response === 'string') out.response = r.status.response as Attendee['response'];
    return out;
  });
}

/** A patternedRecurrence from a request body, validated (also used by To Do tasks). */
export function parseRecurrence(v: unknown): Recurrence {
  const r = v as { pattern?: Record<string, unknown>; range?: Record<string, unknown> } | null;
  if (!r || typeof r.pattern !== 'object' || typeof r.range !== 'object' || !r.pattern || !r.range) {
    throw graphErrors.badRequest("Invalid value for property 'recurrence'.");
  }
  const p = r.pattern;
  const g = r.range;
  const rec: Recurrence = {
    pattern: {
      type: p.type as Recurrence['pattern']['type'],
      interval: p.interval === undefined ? 1 : (p.interval as number),
      ...(Array.isArray(p.daysOfWeek) && p.daysOfWeek.length
        ? { daysOfWeek: (p.daysOfWeek as string[]).map((d) => String(d).toLowerCase()) }
        : {}),
      ...(typeof p.dayOfMonth === 'number' && p.dayOfMonth > 0 ? { dayOfMonth: p.dayOfMonth } : {}),
      ...(typeof p.month === 'number' && p.month > 0 ? { month: p.month } : {}),
      ...(typeof p.firstDayOfWeek === 'string' ? { firstDayOfWeek: p.firstDayOfWeek.toLowerCase() } : {}),
      ...(typeof p.index === 'string' ? { index: p.index as Recurrence['pattern']['index'] } : {}),
    },
    range: {
      type: g.type as Recurrence['range']['type'],
      startDate: String(g.startDate ?? ''),
      ...(typeof g.endDate === 'string' && g.type === 'endDate' ? { endDate: g.endDate } : {}),
      ...(typeof g.numberOfOccurrences === 'number' && g.type === 'numbered'
        ? { numberOfOccurrences: g.numberOfOccurrences }
        : {}),
      ...(typeof g.recurrenceTimeZone === 'string' && g.recurrenceTimeZone
        ? { recurrenceTimeZone: g.recurrenceTimeZone }
        : {}),
    },
  };
  const problem = recurrenceProblem(rec);
  if (problem) throw new GraphError(400, 'ErrorInvalidRequest', problem);
  if (rec.range.recurrenceTimeZone) resolveZoneName(rec.range.recurrenceTimeZone, true);
  return rec;
}

function oneOf(v: unknown, allowed: string[], field: string): string {
  if (typeof v !== 'string') throw graphErrors.badRequest(`Invalid value for property '${field}'.`);
  const match = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  if (!match) throw graphErrors.badRequest(`Requested value '${v}' was not found for property '${field}'.`);
  return match;
}
