import { randomBytes } from 'node:crypto';
import type { Directory, DirectoryUser } from '../contracts.ts';
import type { Address, ExtendedPropertyKey, Item, Mailbox, MailboxStore, MessageData } from '../store/index.ts';
import { conversationIdFor } from './message-mapper.ts';
import { isoSeconds } from './outlook-item-mapper.ts';

export interface SendRequest {
  store: MailboxStore;
  directory: Directory;
  sender: DirectoryUser;
  mailbox: Mailbox;
  message: Partial<MessageData>;
  extendedProperties?: { key: ExtendedPropertyKey; value: string | null }[];
  /** `saveToSentItems` of sendMail (default true); a sent draft moves to Sent Items the same way. */
  saveToSentItems: boolean;
  /** Sending an existing draft (`POST /messages/{id}/send`). */
  draft?: Item;
}

export interface SendResult {
  internetMessageId: string;
  /** The Sent Items copy, when saved. */
  sentItem?: Item;
  /** Directory users whose Inbox received a copy. */
  deliveredTo: string[];
}

/**
 * Sends a message: the Sent Items copy (a sent draft keeps its immutable id; `user-sendmail.md`,
 * `message-send.md`) and one delivered copy in the Inbox of every recipient who is an emulator user.
 * Recipients' copies are unread, carry no Bcc line and no MAPI named properties (those do not travel
 * over SMTP); custom `x-` headers and the Internet Message-ID do.
 */
export function sendMessage(req: SendRequest): SendResult {
  const now = isoSeconds(req.store.clock());
  const own: Address = { name: req.sender.displayName, address: req.sender.email };
  const base = { ...(req.draft?.data as Partial<MessageData> | undefined), ...req.message };
  const internetMessageId = base.internetMessageId ?? newInternetMessageId(req.sender.email);
  const sent: Partial<MessageData> = {
    ...base,
    from: base.from ?? own,
    sender: own,
    isDraft: false,
    isRead: true,
    sentDateTime: now,
    receivedDateTime: now,
    internetMessageId,
    conversationId: base.conversationId ?? conversationIdFor(base.subject ?? ''),
  };

  let sentItem: Item | undefined;
  const sentItems = req.mailbox.wellKnownFolder('sentitems');
  if (req.draft) {
    if (req.saveToSentItems) {
      sentItem = req.mailbox.updateItem(req.draft, sent, { extendedProperties: req.extendedProperties ?? [] });
      req.mailbox.moveItem(sentItem, sentItems);
    } else req.mailbox.deleteItem(req.draft);
  } else if (req.saveToSentItems) {
    sentItem = req.mailbox.createItem(sentItems, 'message', sent, { extendedProperties: req.extendedProperties ?? [] });
  }

  const deliveredTo: string[] = [];
  const { bccRecipients: _bcc, ...visible } = sent;
  for (const address of uniqueRecipients(sent)) {
    const user = req.directory.findUser(address);
    if (!user || deliveredTo.includes(user.id)) continue;
    const inbox = req.store.mailbox(user.id).wellKnownFolder('inbox');
    req.store.mailbox(user.id).createItem(inbox, 'message', { ...visible, isRead: false, receivedDateTime: now });
    deliveredTo.push(user.id);
  }
  return { internetMessageId, ...(sentItem ? { sentItem } : {}), deliveredTo };
}

function uniqueRecipients(m: Partial<MessageData>): string[] {
  const all = [...(m.toRecipients ?? []), ...(m.ccRecipients ?? []), ...(m.bccRecipients ?? [])];
  return [...new Set(all.map((a) => a.address.toLowerCase()))];
}

/** An RFC 5322 Message-ID in the sender's domain. */
export function newInternetMessageId(senderEmail: string): string {
  const domain = senderEmail.split('@')[1] ?? 'emulator.local';
  return `<${randomBytes(12).toString('hex').toUpperCase()}@${domain}>`;
}
