/**
 * Neutral payload shapes per item kind. Field names follow Microsoft Graph (the EWS field set maps onto
 * the same MAPI properties), with one rule that keeps the store protocol-neutral: an email address is
 * always the flat `{name, address}` pair, never Graph's `{emailAddress: {...}}` wrapper or an EWS Mailbox.
 * Date-times are ISO-8601 strings; a `DateTimeTimeZone` is `{dateTime, timeZone}` as in Graph and EWS.
 */

export interface Address {
  name?: string;
  address: string;
}

export interface ItemBody {
  contentType: 'html' | 'text';
  content: string;
}

export interface FileAttachment {
  /** Stable within the item. */
  id: string;
  name: string;
  contentType: string;
  /** Base64 of the file. */
  contentBytes: string;
  size: number;
  isInline: boolean;
  contentId?: string;
  lastModifiedDateTime?: string;
}

export interface InternetHeader {
  name: string;
  value: string;
}

export interface MessageData {
  subject?: string;
  body?: ItemBody;
  from?: Address;
  sender?: Address;
  toRecipients?: Address[];
  ccRecipients?: Address[];
  bccRecipients?: Address[];
  replyTo?: Address[];
  isRead?: boolean;
  isDraft?: boolean;
  importance?: 'low' | 'normal' | 'high';
  categories?: string[];
  internetMessageId?: string;
  internetMessageHeaders?: InternetHeader[];
  receivedDateTime?: string;
  sentDateTime?: string;
  conversationId?: string;
  isReadReceiptRequested?: boolean;
  isDeliveryReceiptRequested?: boolean;
  flag?: { flagStatus: 'notFlagged' | 'flagged' | 'complete' };
  attachments?: FileAttachment[];
  /** Set on meeting requests, cancellations and responses (rendered as an eventMessage). */
  meeting?: MeetingMessageInfo;
}

export interface PhysicalAddress {
  street?: string;
  city?: string;
  state?: string;
  countryOrRegion?: string;
  postalCode?: string;
}

export interface ContactData {
  givenName?: string;
  middleName?: string;
  surname?: string;
  displayName?: string;
  nickName?: string;
  initials?: string;
  title?: string;
  generation?: string;
  fileAs?: string;
  companyName?: string;
  department?: string;
  jobTitle?: string;
  officeLocation?: string;
  profession?: string;
  manager?: string;
  assistantName?: string;
  spouseName?: string;
  children?: string[];
  emailAddresses?: Address[];
  imAddresses?: string[];
  businessPhones?: string[];
  homePhones?: string[];
  mobilePhone?: string;
  businessHomePage?: string;
  homeAddress?: PhysicalAddress;
  businessAddress?: PhysicalAddress;
  otherAddress?: PhysicalAddress;
  birthday?: string;
  personalNotes?: string;
  categories?: string[];
  yomiGivenName?: string;
  yomiSurname?: string;
  yomiCompanyName?: string;
}

export interface DateTimeTimeZone {
  /** Local wall time without offset, e.g. `2026-03-02T09:30:00.0000000`. */
  dateTime: string;
  /** Windows or IANA zone name, e.g. `Russian Standard Time` or `UTC`. */
  timeZone: string;
}

export interface RecurrencePattern {
  type: 'daily' | 'weekly' | 'absoluteMonthly' | 'relativeMonthly' | 'absoluteYearly' | 'relativeYearly';
  interval: number;
  daysOfWeek?: string[];
  dayOfMonth?: number;
  month?: number;
  firstDayOfWeek?: string;
  index?: 'first' | 'second' | 'third' | 'fourth' | 'last';
}

export interface RecurrenceRange {
  type: 'endDate' | 'noEnd' | 'numbered';
  startDate: string;
  endDate?: string;
  numberOfOccurrences?: number;
  recurrenceTimeZone?: string;
}

export interface Recurrence {
  pattern: RecurrencePattern;
  range: RecurrenceRange;
}

export interface Attendee extends Address {
  type: 'required' | 'optional' | 'resource';
  response?: 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
  /** When the attendee responded (Graph `status.time`, ISO-8601 UTC). */
  responseTime?: string;
}

/** A modified occurrence of a series: which occurrence (by its original start) and what differs. */
export interface EventException {
  originalStart: string;
  start?: DateTimeTimeZone;
  end?: DateTimeTimeZone;
  subject?: string;
  location?: string;
  body?: ItemBody;
  isAllDay?: boolean;
  showAs?: EventData['showAs'];
  importance?: EventData['importance'];
  sensitivity?: EventData['sensitivity'];
  categories?: string[];
  isReminderOn?: boolean;
  reminderMinutesBeforeStart?: number;
  attendees?: Attendee[];
}

export interface EventData {
  subject?: string;
  body?: ItemBody;
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  isAllDay?: boolean;
  location?: string;
  organizer?: Address;
  attendees?: Attendee[];
  recurrence?: Recurrence;
  /** Original start dates (`yyyy-mm-dd`) of deleted occurrences. */
  cancelledOccurrences?: string[];
  exceptions?: EventException[];
  iCalUId?: string;
  showAs?: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
  sensitivity?: 'normal' | 'personal' | 'private' | 'confidential';
  importance?: 'low' | 'normal' | 'high';
  isReminderOn?: boolean;
  reminderMinutesBeforeStart?: number;
  isCancelled?: boolean;
  categories?: string[];
  /** Client token that makes creation idempotent (`resources/event.md`, transactionId); fixed after create. */
  transactionId?: string;
  /** The calendar owner's own response; absent on the organizer's copy (rendered as `organizer`). */
  responseStatus?: { response: NonNullable<Attendee['response']>; time?: string };
  responseRequested?: boolean;
  allowNewTimeProposals?: boolean;
  isOnlineMeeting?: boolean;
}

/** What makes a message an Outlook meeting message (Graph `eventMessage`, `resources/eventmessage.md`). */
export interface MeetingMessageInfo {
  meetingMessageType:
    | 'meetingRequest'
    | 'meetingCancelled'
    | 'meetingAccepted'
    | 'meetingTenativelyAccepted'
    | 'meetingDeclined';
  startDateTime: DateTimeTimeZone;
  endDateTime: DateTimeTimeZone;
  location?: string;
  isAllDay?: boolean;
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  recurrence?: Recurrence;
  /** iCalUId of the meeting the message is about. */
  iCalUId?: string;
}

/** To Do / Exchange task, in the shape of Graph's todoTask. */
export interface TaskData {
  title?: string;
  body?: ItemBody;
  status?: 'notStarted' | 'inProgress' | 'completed' | 'waitingOnOthers' | 'deferred';
  importance?: 'low' | 'normal' | 'high';
  startDateTime?: DateTimeTimeZone;
  dueDateTime?: DateTimeTimeZone;
  completedDateTime?: DateTimeTimeZone;
  reminderDateTime?: DateTimeTimeZone;
  isReminderOn?: boolean;
  recurrence?: Recurrence;
  categories?: string[];
  /** Links to the item in the app that created the task (`resources/linkedresource.md`). */
  linkedResources?: LinkedResource[];
  /** When the body last changed (todoTask `bodyLastModifiedDateTime`), ms since epoch. */
  bodyModifiedAt?: number;
}

/** A todoTask's linkedResource: where the task came from in another app. */
export interface LinkedResource {
  id: string;
  webUrl?: string;
  applicationName?: string;
  displayName?: string;
  externalId?: string;
}

/** Accepts `{name, address}` or Graph's `{emailAddress: {name, address}}`; returns the neutral pair. */
export function toAddress(value: unknown): Address | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const inner = (v.emailAddress && typeof v.emailAddress === 'object' ? v.emailAddress : v) as Record<string, unknown>;
  if (typeof inner.address !== 'string') return undefined;
  const out: Address = { address: inner.address };
  if (typeof inner.name === 'string') out.name = inner.name;
  return out;
}

export function toAddressList(value: unknown): Address[] {
  if (!Array.isArray(value)) return [];
  return value.map(toAddress).filter((a): a is Address => a !== undefined);
}

const ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'", apos: "'" };
const BLOCK_END = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Plain text of a body: HTML tags dropped (line breaks kept), common entities decoded, whitespace folded. */
export function bodyText(body: ItemBody | undefined): string {
  if (!body) return '';
  if (body.contentType === 'text') return body.content;
  let html = body.content;
  if (/<(script|style)/i.test(html)) html = html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '');
  const text = html
    .replace(/<(\/?)([a-zA-Z][\w-]*)[^>]*>/g, (_m, close: string, tag: string) => {
      const t = tag.toLowerCase();
      return t === 'br' || (close && BLOCK_END.has(t)) ? '\n' : '';
    })
    .replace(/&(nbsp|lt|gt|quot|amp|#39|apos);/g, (_m, e: string) => ENTITIES[e] ?? '');
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

/** Display name Exchange composes for a contact saved without one. */
export function composeContactDisplayName(d: ContactData): string {
  return [d.givenName, d.middleName, d.surname].filter((p) => p?.trim()).join(' ');
}
