import { canonicalPropertyKey } from './extended-property-key.ts';
import { Mailbox } from './mailbox.ts';
import type { MailboxStore } from './mailbox-store.ts';
import type { ExtendedPropertyValue, Folder, FolderKind, Item, ItemKind, OpenExtension } from './types.ts';

/**
 * Plain-JSON snapshot of every mailbox (for the emulator's `POST /_emulator/snapshot`). Mailbox GUIDs and
 * counters are kept, so ids and change keys stay valid after a restart. Change logs are not kept: a restored
 * log holds one `created` entry per object, so a delta token from before the snapshot resumes with every
 * object that changed since, but without removals that happened before the save (clients re-list on
 * syncStateNotFound anyway).
 */
export interface StoreSnapshot {
  version: 1;
  mailboxes: MailboxSnapshot[];
}

interface MailboxSnapshot {
  userId: string;
  guid: string;
  seq: number;
  nextNum: number;
  folders: FolderSnapshot[];
  items: ItemSnapshot[];
}

interface FolderSnapshot {
  num: number;
  id: string;
  parentNum: number | null;
  displayName: string;
  kind: FolderKind;
  wellKnownName?: string;
  hidden: boolean;
  changeKey: string;
  createdAt: number;
  modifiedAt: number;
  props: ExtendedPropertyValue[];
}

interface ItemSnapshot {
  num: number;
  kind: ItemKind;
  folderNum: number;
  moveGen: number;
  changeKey: string;
  version: number;
  createdAt: number;
  modifiedAt: number;
  arrivedAt: number;
  data: Record<string, unknown>;
  props: ExtendedPropertyValue[];
  extensions: OpenExtension[];
}

/** Serializes every mailbox of the store. */
export function saveStore(store: MailboxStore): StoreSnapshot {
  return { version: 1, mailboxes: store.all().map(saveMailbox) };
}

/** Replaces the store's content with a snapshot (unknown or malformed data leaves the store empty). */
export function loadStore(store: MailboxStore, data: unknown): void {
  store.reset();
  const snap = data as StoreSnapshot | undefined;
  if (snap?.version !== 1 || !Array.isArray(snap.mailboxes)) return;
  for (const m of snap.mailboxes) {
    const mailbox = store.restore(m.userId, (ctx) => new Mailbox(m.userId, ctx, m));
    for (const f of [...m.folders].sort((a, b) => a.num - b.num)) {
      const { props, ...rest } = f;
      mailbox.restoreFolder(
        { ...rest, extendedProperties: new Map(props.map((p) => [keyOf(p), p])), items: new Map(), unreadCount: 0 },
        1,
      );
    }
    for (const i of [...m.items].sort((a, b) => a.version - b.version)) {
      const { props, extensions, ...rest } = i;
      mailbox.restoreItem({
        ...rest,
        extendedProperties: new Map(props.map((p) => [keyOf(p), p])),
        extensions: new Map(extensions.map((e) => [e.extensionName, e])),
      });
    }
  }
}

function saveMailbox(mb: Mailbox): MailboxSnapshot {
  return {
    userId: mb.userId,
    guid: mb.guid,
    ...mb.counters,
    folders: [...mb.folders.values()].map(saveFolder),
    items: [...mb.items.values()].map(saveItem),
  };
}

function saveFolder(f: Folder): FolderSnapshot {
  const { items: _items, unreadCount: _unread, extendedProperties, ...rest } = f;
  return structuredClone({ ...rest, props: [...extendedProperties.values()] });
}

function saveItem(i: Item): ItemSnapshot {
  const { extendedProperties, extensions, ...rest } = i;
  return structuredClone({ ...rest, props: [...extendedProperties.values()], extensions: [...extensions.values()] });
}

function keyOf(p: ExtendedPropertyValue): string {
  return canonicalPropertyKey(p.key);
}
