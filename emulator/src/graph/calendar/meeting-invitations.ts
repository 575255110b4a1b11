import type { Directory, DirectoryUser } from '../../contracts.ts';
import { formatDateTime, utcToZoned } from '../../recurrence/zoned-time.ts';
import type {
  Address,
  EventData,
  Item,
  Mailbox,
  MailboxStore,
  MeetingMessageInfo,
  MessageData,
} from '../../store/index.ts';
import { newInternetMessageId } from '../mail-delivery.ts';
import { conversationIdFor } from '../message-mapper.ts';
import { isoSeconds } from '../outlook-item-mapper.ts';
import { eventData } from './event-instances.ts';
import { instantOf } from './event-time.ts';

/**
 * Meetings between emulator users, as Exchange runs them: saving an event with attendees sends each
 * attendee who has a mailbox here a copy in their default calendar (same iCalUId, response `none`) and a
 * meeting request in their Inbox (`resources/eventmessagerequest.md`); later saves update the copies and
 * send requests again when the time, place or subject changed; deleting the meeting cancels the copies.
 * An attendee's accept/tentativelyAccept/decline (`api/event-accept.md`) updates the organizer's attendee
 * status and, with sendResponse, puts a response message in the organizer's Inbox.
 */

export interface MeetingDeps {
  store: MailboxStore;
  directory: Directory;
}

type Response = 'accepted' | 'tentativelyAccepted' | 'declined';

/** Whether `owner` organizes the event (no organizer stored means the calendar owner created it). */
export function isOrganizedBy(d: EventData, owner: DirectoryUser): boolean {
  return !d.organizer || d.organizer.address.toLowerCase() === owner.email.toLowerCase();
}

/** Propagates an organizer's create/update to the attendees' calendars; `before` is undefined on create. */
export function syncMeeting(
  deps: MeetingDeps,
  organizer: DirectoryUser,
  item: Item,
  before: EventData | undefined,
): void {
  const d = eventData(item);
  if (!isOrganizedBy(d, organizer) || !d.iCalUId) return;
  const from: Address = { name: organizer.displayName, address: organizer.email };
  const now = deps.store.clock();
  const current = attendeeUsers(deps, d, organizer);
  const previous = before ? attendeeUsers(deps, before, organizer) : [];
  const changed = !before || materiallyChanged(before, d);
  for (const user of current) {
    const mailbox = deps.store.mailbox(user.id);
    const copy = findByICalUId(mailbox, d.iCalUId);
    const shared = copyData(d, from);
    if (copy) {
      // Fields the organizer cleared (e.g. exceptions after a series change) are cleared on the copy too.
      const cleared = Object.keys(copy.data).filter((k) => !(k in shared) && k !== 'responseStatus');
      const patch: Record<string, unknown> = {
        ...shared,
        responseStatus: eventData(copy).responseStatus ?? { response: 'none' },
      };
      for (const k of cleared) patch[k] = null;
      mailbox.updateItem(copy, patch);
    } else {
      mailbox.createItem(mailbox.wellKnownFolder('calendar'), 'event', {
        ...shared,
        responseStatus: { response: 'none' },
      });
    }
    if (changed || !copy) deliver(mailbox, from, d.subject ?? '', d, 'meetingRequest', now);
  }
  for (const user of previous) {
    if (current.some((u) => u.id === user.id)) continue;
    cancelCopy(deps, user, d, from, now);
  }
}

/** The organizer deleted (or cancelled) the meeting: every attendee copy is cancelled. */
export function cancelMeeting(deps: MeetingDeps, organizer: DirectoryUser, d: EventData): void {
  if (!isOrganizedBy(d, organizer) || !d.iCalUId) return;
  const from: Address = { name: organizer.displayName, address: organizer.email };
  for (const user of attendeeUsers(deps, d, organizer)) cancelCopy(deps, user, d, from, deps.store.clock());
}

/** An attendee answers the meeting request behind its copy `item`. */
export function respondToMeeting(
  deps: MeetingDeps,
  attendee: DirectoryUser,
  item: Item,
  response: Response,
  sendResponse: boolean,
): void {
  const d = eventData(item);
  const now = deps.store.clock();
  const time = isoSeconds(now);
  const mailbox = deps.store.mailbox(attendee.id);
  // event-decline.md: a declined meeting leaves the attendee's calendar.
  if (response === 'declined') mailbox.deleteItem(item);
  else mailbox.updateItem(item, { responseStatus: { response, time } });
  const organizer = d.organizer ? deps.directory.findUser(d.organizer.address) : undefined;
  if (!organizer || !d.iCalUId) return;
  const orgMailbox = deps.store.mailbox(organizer.id);
  const master = findByICalUId(orgMailbox, d.iCalUId);
  if (master) {
    const attendees = (eventData(master).attendees ?? []).map((a) =>
      a.address.toLowerCase() === attendee.email.toLowerCase() ? { ...a, response, responseTime: time } : a,
    );
    orgMailbox.updateItem(master, { attendees });
  }
  if (sendResponse) {
    const type =
      response === 'accepted'
        ? 'meetingAccepted'
        : response === 'declined'
          ? 'meetingDeclined'
          : 'meetingTenativelyAccepted';
    const prefix = response === 'accepted' ? 'Accepted' : response === 'declined' ? 'Declined' : 'Tentative';
    const to = [{ name: organizer.displayName, address: organizer.email }];
    deliver(
      orgMailbox,
      { name: attendee.displayName, address: attendee.email },
      `${prefix}: ${d.subject ?? ''}`,
      d,
      type,
      now,
      to,
    );
  }
}

/** The event with `uid` in any calendar of the mailbox. */
export function findByICalUId(mailbox: Mailbox, uid: string): Item | undefined {
  for (const item of mailbox.items.values()) {
    if (item.kind === 'event' && (item.data as { iCalUId?: string }).iCalUId === uid) return item;
  }
  return undefined;
}

function attendeeUsers(deps: MeetingDeps, d: EventData, organizer: DirectoryUser): DirectoryUser[] {
  const out: DirectoryUser[] = [];
  for (const a of d.attendees ?? []) {
    const user = deps.directory.findUser(a.address, organizer.tenantId);
    if (user && user.id !== organizer.id && !out.some((u) => u.id === user.id)) out.push(user);
  }
  return out;
}

function copyData(d: EventData, organizer: Address): Partial<EventData> {
  const { transactionId: _t, responseStatus: _r, ...rest } = structuredClone(d);
  return { ...rest, organizer };
}

function materiallyChanged(a: EventData, b: EventData): boolean {
  const key = (d: EventData) =>
    JSON.stringify([
      d.start,
      d.end,
      d.isAllDay,
      d.location,
      d.subject,
      d.recurrence,
      d.exceptions,
      d.cancelledOccurrences,
    ]);
  return key(a) !== key(b);
}

function cancelCopy(deps: MeetingDeps, user: DirectoryUser, d: EventData, from: Address, now: number): void {
  const mailbox = deps.store.mailbox(user.id);
  const copy = findByICalUId(mailbox, d.iCalUId ?? '');
  if (!copy) return;
  const subject = `Canceled: ${d.subject ?? ''}`;
  mailbox.updateItem(copy, { isCancelled: true, subject });
  deliver(mailbox, from, subject, d, 'meetingCancelled', now);
}

function deliver(
  mailbox: Mailbox,
  from: Address,
  subject: string,
  d: EventData,
  type: MeetingMessageInfo['meetingMessageType'],
  now: number,
  to?: Address[],
): void {
  const utc = (ms: number) => ({ dateTime: formatDateTime(utcToZoned(ms, 'Etc/UTC')), timeZone: 'UTC' });
  const meeting: MeetingMessageInfo = {
    meetingMessageType: type,
    startDateTime: utc(instantOf(d.start)),
    endDateTime: utc(instantOf(d.end)),
    isAllDay: d.isAllDay ?? false,
    type: d.recurrence ? 'seriesMaster' : 'singleInstance',
    ...(d.location ? { location: d.location } : {}),
    ...(d.recurrence ? { recurrence: d.recurrence } : {}),
    ...(d.iCalUId ? { iCalUId: d.iCalUId } : {}),
  };
  const attendees = d.attendees ?? [];
  const message: MessageData = {
    subject,
    body: d.body ?? { contentType: 'html', content: '' },
    from,
    sender: from,
    toRecipients: to ?? attendees.filter((a) => a.type !== 'optional').map(plainAddress),
    ccRecipients: to ? [] : attendees.filter((a) => a.type === 'optional').map(plainAddress),
    isRead: false,
    isDraft: false,
    importance: d.importance ?? 'normal',
    receivedDateTime: isoSeconds(now),
    sentDateTime: isoSeconds(now),
    internetMessageId: newInternetMessageId(from.address),
    conversationId: conversationIdFor(subject),
    meeting,
  };
  mailbox.createItem(mailbox.wellKnownFolder('inbox'), 'message', message as Record<string, unknown>);
}

function plainAddress(a: Address): Address {
  return a.name ? { name: a.name, address: a.address } : { address: a.address };
}
