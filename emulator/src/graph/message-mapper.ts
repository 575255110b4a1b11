import {
  type Address,
  bodyText,
  conversationIdFor,
  type FileAttachment,
  type Item,
  type ItemBody,
  type MessageData,
  toAddress,
  toAddressList,
} from '../store/index.ts';
import { meetingMessageFields } from './calendar/event-message-fields.ts';
import { graphErrors } from './errors.ts';
import type { FileAttachment as GraphFileAttachment, GraphJson, Message } from './graph-types.ts';
import {
  asBoolean,
  asString,
  asStringArray,
  derivedValue,
  isoSeconds,
  outlookItemFields,
  parentFolderId,
  type RenderEnv,
  readBody,
  type SideWrites,
} from './outlook-item-mapper.ts';

export { conversationIdFor };

/**
 * message resource ↔ neutral MessageData (`api-reference/v1.0/resources/message.md`). Properties appear
 * in the order of the reference's JSON representation; `internetMessageHeaders` and `uniqueBody` are only
 * returned when selected, as Graph does.
 */

const WRITABLE = new Set([
  'subject',
  'body',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'from',
  'sender',
  'importance',
  'isRead',
  'categories',
  'internetMessageId',
  'internetMessageHeaders',
  'flag',
  'isReadReceiptRequested',
  'isDeliveryReceiptRequested',
  'inferenceClassification',
  'attachments',
]);

const READ_ONLY = new Set([
  'id',
  'changeKey',
  'createdDateTime',
  'lastModifiedDateTime',
  'parentFolderId',
  'conversationId',
  'conversationIndex',
  'bodyPreview',
  'hasAttachments',
  'webLink',
  'receivedDateTime',
  'sentDateTime',
  'isDraft',
  'uniqueBody',
]);

const SELECT_ONLY = ['internetMessageHeaders', 'uniqueBody'];

/** PR_MESSAGE_FLAGS, PR_MESSAGE_DELIVERY_TIME, PR_CLIENT_SUBMIT_TIME: how importers set state Graph keeps read-only. */
const TAG_MESSAGE_FLAGS = 0x0e07;
const TAG_DELIVERY_TIME = 0x0e06;
const TAG_SUBMIT_TIME = 0x0039;
const MSGFLAG_READ = 0x1;
const MSGFLAG_UNSENT = 0x8;

export function renderMessage(item: Item, env: RenderEnv, select?: string[]): Record<string, unknown> {
  const d = item.data as MessageData;
  const base = outlookItemFields(item, env);
  const received = d.receivedDateTime ?? base.createdDateTime;
  const hasAttachments = d.attachments ? d.attachments.some((a) => !a.isInline) : false;
  const out: GraphJson<Message> = {
    ...base,
    receivedDateTime: received,
    sentDateTime: d.sentDateTime ?? received,
    hasAttachments,
    internetMessageId: d.internetMessageId ?? null,
    subject: d.subject ?? '',
    bodyPreview: derivedValue(item, 'preview', () => bodyText(d.body).slice(0, 255)),
    importance: d.importance ?? 'normal',
    parentFolderId: parentFolderId(item, env),
    conversationId: d.conversationId ?? derivedValue(item, 'conversationId', () => conversationIdFor(d.subject ?? '')),
    conversationIndex: derivedValue(item, 'conversationIndex', () => conversationIndexFor(item.createdAt)),
    isDeliveryReceiptRequested: d.isDeliveryReceiptRequested ?? false,
    isReadReceiptRequested: d.isReadReceiptRequested ?? false,
    isRead: d.isRead ?? true,
    isDraft: d.isDraft ?? false,
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(base.id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: 'focused',
    body: renderBody(d.body, env.bodyType),
    sender: recipient(d.sender ?? d.from),
    from: recipient(d.from ?? d.sender),
    toRecipients: recipients(d.toRecipients),
    ccRecipients: recipients(d.ccRecipients),
    bccRecipients: recipients(d.bccRecipients),
    replyTo: recipients(d.replyTo),
    flag: { flagStatus: d.flag?.flagStatus ?? 'notFlagged' },
  };
  if (env.basic) {
    delete out.bodyPreview;
    delete out.body;
  }
  if (select?.some((s) => SELECT_ONLY.includes(s))) {
    out.internetMessageHeaders = d.internetMessageHeaders ?? [];
    if (!env.basic) out.uniqueBody = renderBody(d.body, env.bodyType);
  }
  // Meeting requests, responses and cancellations are eventMessages (calendar/event-message-fields.ts).
  return (d.meeting ? { ...out, ...meetingMessageFields(d) } : out) as Record<string, unknown>;
}

/** Graph `fileAttachment` JSON. */
export function renderAttachment(a: FileAttachment, withContent: boolean): Record<string, unknown> {
  const out: GraphJson<GraphFileAttachment> = {
    '@odata.type': '#microsoft.graph.fileAttachment',
    id: a.id,
    lastModifiedDateTime: a.lastModifiedDateTime ?? null,
    name: a.name,
    contentType: a.contentType,
    size: a.size,
    isInline: a.isInline,
    contentId: a.contentId ?? null,
    contentLocation: null,
    ...(withContent ? { contentBytes: a.contentBytes } : {}),
  };
  return out as Record<string, unknown>;
}

/** Parses a message create/update body into neutral fields plus side writes. */
export function readMessageBody(
  body: unknown,
  mode: 'create' | 'update',
): { data: Partial<MessageData>; side: SideWrites } {
  const { fields, side } = readBody(body, WRITABLE, READ_ONLY, 'Microsoft.OutlookServices.Message');
  const data: Partial<MessageData> = {};
  for (const [k, v] of Object.entries(fields)) {
    switch (k) {
      case 'subject':
        data.subject = v === null ? '' : asString(v, k);
        break;
      case 'body':
        data.body = parseBody(v);
        break;
      case 'toRecipients':
      case 'ccRecipients':
      case 'bccRecipients':
      case 'replyTo':
        data[k] = toAddressList(v);
        break;
      case 'from':
      case 'sender': {
        const a = toAddress(v);
        if (a) data[k] = a;
        break;
      }
      case 'importance':
        if (v !== 'low' && v !== 'normal' && v !== 'high')
          throw graphErrors.badRequest(`Invalid importance '${String(v)}'.`);
        data.importance = v;
        break;
      case 'isRead':
      case 'isReadReceiptRequested':
      case 'isDeliveryReceiptRequested':
        data[k] = asBoolean(v, k);
        break;
      case 'categories':
        data.categories = asStringArray(v, k);
        break;
      case 'internetMessageId':
        data.internetMessageId = asString(v, k);
        break;
      case 'internetMessageHeaders':
        data.internetMessageHeaders = parseHeaders(v);
        break;
      case 'flag':
        data.flag = { flagStatus: ((v as { flagStatus?: string })?.flagStatus ?? 'notFlagged') as 'flagged' };
        break;
      case 'attachments':
        if (mode === 'create') data.attachments = parseAttachments(v);
        break;
    }
  }
  applyMapiTags(data, side);
  return { data, side };
}

/** Graph's JSON for a recipient: `{emailAddress: {name, address}}`; Exchange shows the address as name when unnamed. */
export function recipient(a: Address | undefined): { emailAddress: { name: string; address: string } } | null {
  if (!a) return null;
  return { emailAddress: { name: a.name ?? a.address, address: a.address } };
}

function recipients(list: Address[] | undefined): { emailAddress: { name: string; address: string } }[] {
  return (list ?? []).map((a) => ({ emailAddress: { name: a.name ?? a.address, address: a.address } }));
}

function conversationIndexFor(createdAt: number): string {
  const buf = Buffer.alloc(22);
  buf.writeUIntBE(Math.floor(createdAt / 1000), 0, 6);
  return buf.toString('base64');
}

function renderBody(body: ItemBody | undefined, want: 'text' | 'html' | undefined): ItemBody {
  const b = body ?? { contentType: 'text', content: '' };
  if (want === 'text' && b.contentType === 'html') return { contentType: 'text', content: bodyText(b) };
  return { contentType: b.contentType, content: b.content };
}

function parseBody(v: unknown): ItemBody {
  const b = v as { contentType?: unknown; content?: unknown } | null;
  const type = typeof b?.contentType === 'string' ? b.contentType.toLowerCase() : 'text';
  if (type !== 'text' && type !== 'html')
    throw graphErrors.badRequest(`Invalid body contentType '${String(b?.contentType)}'.`);
  return { contentType: type, content: typeof b?.content === 'string' ? b.content : '' };
}

function parseHeaders(v: unknown): { name: string; value: string }[] {
  if (!Array.isArray(v)) throw graphErrors.badRequest('internetMessageHeaders must be a collection.');
  return v.map((h) => {
    const name = (h as { name?: unknown }).name;
    if (typeof name !== 'string' || !/^x-/i.test(name)) {
      // Graph accepts only custom `x-` headers on create (message resource, internetMessageHeaders).
      throw graphErrors.invalidRequest('Only custom headers starting with x- can be set.');
    }
    return { name, value: String((h as { value?: unknown }).value ?? '') };
  });
}

function parseAttachments(v: unknown): FileAttachment[] {
  if (!Array.isArray(v)) throw graphErrors.badRequest('attachments must be a collection.');
  return v.map((raw, i) => parseAttachment(raw, `att${i + 1}`));
}

/** A `fileAttachment` from a request body. */
export function parseAttachment(raw: unknown, id: string): FileAttachment {
  const a = raw as Record<string, unknown>;
  if (typeof a?.name !== 'string' || typeof a.contentBytes !== 'string') {
    throw graphErrors.badRequest('A file attachment needs a name and contentBytes.');
  }
  return {
    id,
    name: a.name,
    contentType: typeof a.contentType === 'string' ? a.contentType : 'application/octet-stream',
    contentBytes: a.contentBytes,
    size: Buffer.from(a.contentBytes, 'base64').length,
    isInline: a.isInline === true,
    ...(typeof a.contentId === 'string' ? { contentId: a.contentId } : {}),
    lastModifiedDateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** Consumes the MAPI tags importers use to set read/draft state and original dates (they are not stored twice). */
function applyMapiTags(data: Partial<MessageData>, side: SideWrites): void {
  side.extendedProperties = side.extendedProperties.filter((p) => {
    const tag = p.key.propertyTag;
    if (tag === TAG_MESSAGE_FLAGS && p.value !== null) {
      const flags = Number(p.value);
      data.isDraft = (flags & MSGFLAG_UNSENT) !== 0;
      data.isRead = (flags & MSGFLAG_READ) !== 0;
      return false;
    }
    if ((tag === TAG_DELIVERY_TIME || tag === TAG_SUBMIT_TIME) && p.value) {
      const t = Date.parse(p.value);
      if (!Number.isNaN(t)) data[tag === TAG_DELIVERY_TIME ? 'receivedDateTime' : 'sentDateTime'] = isoSeconds(t);
      return false;
    }
    return true;
  });
}
