import type { FastifyRequest } from 'fastify';
import { GraphError } from '../../contracts.ts';
import { formatDateTime, utcToZoned } from '../../recurrence/zoned-time.ts';
import type { EventData, EventException, Folder, Item } from '../../store/index.ts';
import { graphErrors } from '../errors.ts';
import { guard } from '../ids.ts';
import type { SideWrites } from '../outlook-item-mapper.ts';
import { ifMatchChangeKey, type MailboxContext } from '../request-context.ts';
import type { EventRef } from './calendar-context.ts';
import { propertyValidationFailure, readEventBody, validateEventTimes } from './event-body-reader.ts';
import { eventData, exceptionDate, exceptionsByDate, instanceOn, seriesSpec } from './event-instances.ts';
import { newICalUId } from './ical-uid.ts';
import { cancelMeeting, syncMeeting } from './meeting-invitations.ts';

/**
 * Event writes: create (with transactionId de-duplication), update of an event or series (or of one
 * occurrence, which turns it into an exception) and delete (of one occurrence, which cancels it).
 * `api/user-post-events.md`, `api/event-update.md`, `api/event-delete.md`.
 */

/** Fields an occurrence may override; the rest belong to the series (`api/event-update.md`). */
const OCCURRENCE_FIELDS = [
  'start',
  'end',
  'subject',
  'location',
  'body',
  'isAllDay',
  'showAs',
  'importance',
  'sensitivity',
  'categories',
  'isReminderOn',
  'reminderMinutesBeforeStart',
  'attendees',
] as const;

/** Creates an event; a repeated transactionId returns the event created the first time instead of a duplicate. */
export function createEvent(
  req: FastifyRequest,
  ctx: MailboxContext,
  folder: Folder,
): { item: Item; created: boolean } {
  const { data, side } = readEventBody(req.body);
  if (data.transactionId) {
    // resources/event.md transactionId: the server avoids redundant POSTs when a client retries a create.
    const existing = findByTransactionId(ctx, data.transactionId);
    if (existing) return { item: existing, created: false };
  }
  if (!data.start || !data.end) throw new GraphError(400, 'ErrorInvalidRequest', 'An event needs both start and end.');
  validateEventTimes(data as EventData);
  const payload: Partial<EventData> = { ...data, iCalUId: newICalUId(ctx.options.store.clock()) };
  const item = guard(() => ctx.mailbox.createItem(folder, 'event', payload as Record<string, unknown>, side));
  syncMeeting(ctx.options, ctx.owner, item, undefined);
  return { item, created: true };
}

/** Updates an event, a whole series, or one occurrence (which becomes or stays an exception). */
export function updateEvent(req: FastifyRequest, ctx: MailboxContext, ref: EventRef): void {
  const { data, side, nulls } = readEventBody(req.body);
  const ifChangeKey = ifMatchChangeKey(req);
  const before = structuredClone(eventData(ref.item));
  if (data.transactionId !== undefined && data.transactionId !== before.transactionId) {
    // resources/event.md: "you can't change transactionId in a subsequent update".
    throw graphErrors.invalidRequest('The transactionId of an event cannot be changed.');
  }
  if (ref.date !== undefined) {
    updateOccurrence(ctx, ref.item, ref.date, data, side, ifChangeKey);
  } else {
    if (nulls.includes('start') || nulls.includes('end')) throw propertyValidationFailure();
    const patch: Record<string, unknown> = { ...data };
    for (const k of nulls) patch[k] = null;
    const merged = { ...before, ...data } as EventData;
    for (const k of nulls) delete (merged as unknown as Record<string, unknown>)[k];
    validateEventTimes(merged);
    const seriesChanged =
      before.recurrence &&
      ('recurrence' in patch ||
        JSON.stringify([merged.start, merged.end]) !== JSON.stringify([before.start, before.end]));
    // Changing a series' pattern or times drops its exceptions and cancellations, as Outlook does.
    if (seriesChanged) Object.assign(patch, { exceptions: null, cancelledOccurrences: null });
    guard(() => ctx.mailbox.updateItem(ref.item, patch, { ...side, ...(ifChangeKey ? { ifChangeKey } : {}) }));
  }
  syncMeeting(ctx.options, ctx.owner, ref.item, before);
}

/** Deletes an event or series, or cancels one occurrence of a series. */
export function deleteEvent(req: FastifyRequest, ctx: MailboxContext, ref: EventRef): void {
  const ifChangeKey = ifMatchChangeKey(req);
  const opts = ifChangeKey ? { ifChangeKey } : {};
  const d = eventData(ref.item);
  if (ref.date !== undefined) {
    const before = structuredClone(d);
    const spec = seriesSpec(d);
    const exceptions = (d.exceptions ?? []).filter((ex) => !spec || exceptionDate(ex, spec.timeZone) !== ref.date);
    const cancelled = [...new Set([...(d.cancelledOccurrences ?? []), ref.date])].sort();
    guard(() => ctx.mailbox.updateItem(ref.item, { cancelledOccurrences: cancelled, exceptions }, opts));
    syncMeeting(ctx.options, ctx.owner, ref.item, before);
    return;
  }
  const before = structuredClone(d);
  guard(() => ctx.mailbox.deleteItem(ref.item, opts));
  cancelMeeting(ctx.options, ctx.owner, before);
}

function updateOccurrence(
  ctx: MailboxContext,
  item: Item,
  date: string,
  data: Partial<EventData>,
  side: SideWrites,
  ifChangeKey: string | undefined,
): void {
  if (data.recurrence) throw graphErrors.invalidRequest('The recurrence of a single occurrence cannot be set.');
  const inst = instanceOn(item, date);
  if (!inst || inst.originalStart === undefined) throw graphErrors.itemNotFound();
  const d = eventData(item);
  const existing = exceptionsByDate(d).get(date);
  const spec = seriesSpec(d);
  const zone = spec?.timeZone ?? 'Etc/UTC';
  // originalStart: the occurrence's wall-clock start in the series' zone (the seeder's and EWS's convention).
  const ex: EventException = {
    ...(existing ?? {}),
    originalStart: formatDateTime(utcToZoned(inst.originalStart, zone)),
  };
  for (const k of OCCURRENCE_FIELDS) if (data[k] !== undefined) (ex as unknown as Record<string, unknown>)[k] = data[k];
  const start = ex.start ?? d.start;
  const end = ex.end ?? d.end;
  validateEventTimes({ start, end, isAllDay: ex.isAllDay ?? d.isAllDay ?? false });
  const others = (d.exceptions ?? []).filter((e) => !spec || exceptionDate(e, spec.timeZone) !== date);
  guard(() =>
    ctx.mailbox.updateItem(item, { exceptions: [...others, ex] }, { ...side, ...(ifChangeKey ? { ifChangeKey } : {}) }),
  );
}

function findByTransactionId(ctx: MailboxContext, transactionId: string): Item | undefined {
  for (const item of ctx.mailbox.items.values()) {
    if (item.kind === 'event' && (item.data as { transactionId?: string }).transactionId === transactionId) return item;
  }
  return undefined;
}
