import {
  type ContactData,
  composeContactDisplayName,
  conversationIdFor,
  type ExtendedPropertyKey,
  FOLDER_KIND_OF,
  type Folder,
  type Item,
  type ItemKind,
  type Mailbox,
  type MailboxStore,
  StoreError,
  toAddress,
  toAddressList,
} from '../store/index.ts';

/** Where an Outlook action lands: an item's ids and version after the write. */
export interface OutlookItemRef {
  /** Immutable id (survives moves). */
  id: string;
  /** Default (REST/EWS-style) id, which changes when the item moves. */
  defaultId: string;
  changeKey: string;
  folderId: string;
}

/** Fields of an Outlook action: the neutral payload plus optional correlation data. */
export type OutlookFields = Record<string, unknown> & {
  extendedProperties?: (ExtendedPropertyKey & { value: string | null })[];
  extensions?: { extensionName: string; fields: Record<string, unknown> | null }[];
};

/** A mailbox reference: the directory user's object id, or the user itself. */
export type MailboxRef = string | { id: string };

export interface Outlook {
  create(mailbox: MailboxRef, kind: ItemKind, folder: string | undefined, fields: OutlookFields): OutlookItemRef;
  update(mailbox: MailboxRef, kind: ItemKind, itemId: string, fields: OutlookFields): OutlookItemRef;
  delete(mailbox: MailboxRef, kind: ItemKind, itemId: string): void;
  move(mailbox: MailboxRef, kind: ItemKind, itemId: string, folder: string): OutlookItemRef;
  createFolder(mailbox: MailboxRef, kind: ItemKind, parent: string | undefined, displayName: string): { id: string };
}

/**
 * "The user in Outlook": writes that happen in the mailbox outside any API client, for the control API and
 * scenario tests (a contact edited by hand, a message read on the phone, a meeting moved). They go through
 * the store like every other write, so delta, EWS sync and subscriptions report them.
 *
 * `folder` is a folder id, a well-known name (`inbox`, `contacts`, `calendar`, `tasks`, …) or a display-name
 * path (`Inbox/Проекты/Альфа`); undefined is the kind's default folder. `fields` use the neutral shapes of
 * store/item-data.ts; Graph-style `{emailAddress: {…}}` recipients are accepted too.
 */
export function createOutlook(store: MailboxStore): Outlook {
  const mb = (ref: MailboxRef): Mailbox => store.mailbox(typeof ref === 'string' ? ref : ref.id);
  const refOf = (m: Mailbox, item: Item): OutlookItemRef => ({
    id: m.itemId(item, 'immutable'),
    defaultId: m.itemId(item, 'default'),
    changeKey: item.changeKey,
    folderId: m.folders.get(item.folderNum)?.id ?? '',
  });
  const itemOf = (m: Mailbox, kind: ItemKind, id: string): Item => {
    const item = m.item(id);
    if (item.kind !== kind) throw new StoreError('notFound', `No ${kind} with id ${id}.`);
    return item;
  };
  return {
    create(mailbox, kind, folder, fields) {
      const m = mb(mailbox);
      const target = resolveFolder(m, kind, folder);
      const { data, side } = split(kind, fields, true);
      return refOf(m, m.createItem(target, kind, data, side));
    },
    update(mailbox, kind, itemId, fields) {
      const m = mb(mailbox);
      const item = itemOf(m, kind, itemId);
      const { data, side } = split(kind, fields, false);
      return refOf(m, m.updateItem(item, data, side));
    },
    delete(mailbox, kind, itemId) {
      const m = mb(mailbox);
      m.deleteItem(itemOf(m, kind, itemId));
    },
    move(mailbox, kind, itemId, folder) {
      const m = mb(mailbox);
      return refOf(m, m.moveItem(itemOf(m, kind, itemId), resolveFolder(m, kind, folder)));
    },
    createFolder(mailbox, kind, parent, displayName) {
      const m = mb(mailbox);
      const p = resolveFolder(m, kind, parent);
      return { id: m.createFolder(p.num, displayName, FOLDER_KIND_OF[kind]).id };
    },
  };
}

const DEFAULT_FOLDER: Record<ItemKind, string> = {
  message: 'inbox',
  contact: 'contacts',
  event: 'calendar',
  task: 'tasks',
};
const ADDRESS_LISTS = ['toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo', 'emailAddresses'];
const ADDRESSES = ['from', 'sender', 'organizer'];

function resolveFolder(m: Mailbox, kind: ItemKind, ref: string | undefined): Folder {
  const wanted = FOLDER_KIND_OF[kind];
  const name = ref ?? DEFAULT_FOLDER[kind];
  let folder: Folder | undefined;
  try {
    folder = m.folder(name);
  } catch (err) {
    if (!(err instanceof StoreError) || !name.includes('/')) throw err;
    folder = byPath(m, name);
  }
  if (!folder || (folder.kind !== wanted && folder.parentNum !== null)) {
    throw new StoreError('notFound', `No ${wanted} folder '${name}'.`);
  }
  return folder;
}

/** `Inbox/Проекты/Альфа`: the first segment may be a well-known name or a top-level display name. */
function byPath(m: Mailbox, path: string): Folder | undefined {
  const [first = '', ...rest] = path.split('/').filter(Boolean);
  let folder: Folder | undefined;
  try {
    folder = m.folder(first);
  } catch {
    folder = m.childFolders(m.root.num).find((f) => f.displayName === first);
  }
  for (const seg of rest) folder = folder && m.childFolders(folder.num).find((f) => f.displayName === seg);
  return folder;
}

function split(kind: ItemKind, fields: OutlookFields, creating: boolean) {
  const { extendedProperties, extensions, ...rest } = fields;
  const data: Record<string, unknown> = { ...rest };
  for (const k of ADDRESS_LISTS) if (k in data) data[k] = toAddressList(data[k]);
  for (const k of ADDRESSES) if (k in data) data[k] = toAddress(data[k]) ?? null;
  if (creating && kind === 'contact' && !data.displayName) {
    const composed = composeContactDisplayName(data as ContactData);
    if (composed) data.displayName = composed;
  }
  if (creating && kind === 'message') {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    data.isRead ??= false;
    data.isDraft ??= false;
    data.receivedDateTime ??= now;
    data.sentDateTime ??= data.receivedDateTime;
    data.conversationId ??= conversationIdFor(String(data.subject ?? ''));
  }
  const side = {
    extendedProperties: (extendedProperties ?? []).map(({ value, ...key }) => ({ key, value })),
    extensions: extensions ?? [],
  };
  return { data, side };
}
