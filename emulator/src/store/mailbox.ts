import type { ChangeLog } from './change-log.ts';
import { DEFAULT_FOLDERS, ROOT_WELL_KNOWN_NAME } from './default-folders.ts';
import { encodeChangeKey, encodeFolderId, newMailboxGuid } from './id-codec.ts';
import { ItemIdCache } from './item-id-cache.ts';
import { applyExtendedProperties, applyExtensions, unread } from './item-writes.ts';
import type { ItemWriteOptions, MailboxContext } from './mailbox-context.types.ts';
import { MailboxJournal } from './mailbox-journal.ts';
import {
  checkChangeKey,
  childFolders,
  descendantFolders,
  isSelfOrDescendant,
  resolveFolder,
  resolveItem,
} from './mailbox-lookup.ts';
import { readWindow } from './sync-reader.ts';
import {
  type Folder,
  type FolderKind,
  type IdStyle,
  type Item,
  type ItemKind,
  StoreError,
  type SyncPage,
  type SyncWindow,
} from './types.ts';

export type { ItemWriteOptions, MailboxContext } from './mailbox-context.types.ts';

/**
 * One user's mailbox: folders, items, change logs. Every write takes the next mailbox sequence number,
 * rotates the touched object's change key, appends to the affected folder logs and notifies listeners.
 * Sequencing, logs and notices live in {@link MailboxJournal}; id rendering in {@link ItemIdCache};
 * id resolution and tree walks in `mailbox-lookup.ts`.
 */
export class Mailbox {
  readonly guid: string;
  readonly folders = new Map<number, Folder>();
  readonly items = new Map<number, Item>();
  private readonly wellKnown = new Map<string, number>();
  private nextNum = 1;
  private readonly guidBytes: Buffer;
  private readonly ids: ItemIdCache;
  private readonly journal: MailboxJournal;

  /**
   * A new mailbox with Exchange's default folders, or (with `restore`) an empty shell that a snapshot
   * loader fills through `restoreFolder`/`restoreItem`.
   */
  constructor(
    readonly userId: string,
    private readonly ctx: MailboxContext,
    restore?: { guid: string; seq: number; nextNum: number },
  ) {
    this.guid = restore?.guid ?? newMailboxGuid();
    this.guidBytes = Buffer.from(this.guid, 'hex');
    this.ids = new ItemIdCache(this.guidBytes);
    this.journal = new MailboxJournal(
      userId,
      ctx,
      this.folders,
      (item, style) => this.itemId(item, style),
      restore?.seq,
    );
    if (restore) {
      this.nextNum = restore.nextNum;
      return;
    }
    this.createFolder(null, 'Top of Information Store', 'mail', { wellKnownName: ROOT_WELL_KNOWN_NAME });
    for (const spec of DEFAULT_FOLDERS) {
      this.createFolder(this.root.num, spec.displayName, spec.kind, {
        wellKnownName: spec.wellKnownName,
        hidden: spec.hidden,
      });
    }
  }

  /** The root folder (`msgfolderroot`). */
  get root(): Folder {
    return this.folder(ROOT_WELL_KNOWN_NAME);
  }

  /** Counters a snapshot must keep so restored ids, change keys and cursors stay valid. */
  get counters(): { seq: number; nextNum: number } {
    return { seq: this.journal.currentSeq, nextNum: this.nextNum };
  }

  // ---- folders -------------------------------------------------------------------------------------------

  createFolder(
    parentNum: number | null,
    displayName: string,
    kind: FolderKind,
    opts: { wellKnownName?: string; hidden?: boolean } = {},
  ): Folder {
    const { seq, at } = this.journal.tick();
    const num = this.nextNum++;
    const folder: Folder = {
      num,
      id: encodeFolderId(this.guidBytes, num),
      parentNum,
      displayName,
      kind,
      ...(opts.wellKnownName ? { wellKnownName: opts.wellKnownName } : {}),
      hidden: opts.hidden ?? false,
      changeKey: encodeChangeKey('folder', this.guidBytes, seq),
      createdAt: at,
      modifiedAt: at,
      extendedProperties: new Map(),
      items: new Map(),
      unreadCount: 0,
    };
    this.folders.set(num, folder);
    this.journal.openFolderLog(num);
    if (opts.wellKnownName) this.wellKnown.set(opts.wellKnownName.toLowerCase(), num);
    if (parentNum !== null) this.journal.logFolder(folder, 'created', seq, at);
    return folder;
  }

  updateFolder(folder: Folder, patch: { displayName?: string; parentNum?: number }): Folder {
    if (patch.parentNum !== undefined && isSelfOrDescendant(this.folders, patch.parentNum, folder.num)) {
      throw new StoreError('invalid', 'A folder cannot be moved into itself or its subfolder.');
    }
    const { seq, at } = this.journal.tick();
    if (patch.displayName !== undefined) folder.displayName = patch.displayName;
    if (patch.parentNum !== undefined) folder.parentNum = patch.parentNum;
    folder.changeKey = encodeChangeKey('folder', this.guidBytes, seq);
    folder.modifiedAt = at;
    this.journal.logFolder(folder, 'updated', seq, at);
    return folder;
  }

  deleteFolder(folder: Folder): void {
    if (folder.wellKnownName) throw new StoreError('invalid', 'A distinguished folder cannot be deleted.');
    for (const child of childFolders(this.folders, folder.num)) this.deleteFolder(child);
    for (const item of [...folder.items.values()]) this.deleteItem(item);
    const { seq, at } = this.journal.tick();
    this.folders.delete(folder.num);
    this.journal.logFolder(folder, 'deleted', seq, at);
  }

  /** Resolves a folder by surface id or (case-insensitive) well-known name; throws notFound/malformedId. */
  folder(ref: string): Folder {
    return resolveFolder(this.folders, this.wellKnown, this.guid, ref);
  }

  wellKnownFolder(name: string): Folder {
    return this.folder(name);
  }

  childFolders(parentNum: number): Folder[] {
    return childFolders(this.folders, parentNum);
  }

  /** Every folder below `parentNum`, parents before children. */
  descendantFolders(parentNum: number): Folder[] {
    return descendantFolders(this.folders, parentNum);
  }

  setFolderExtendedProperties(folder: Folder, props: NonNullable<ItemWriteOptions['extendedProperties']>): void {
    applyExtendedProperties(folder.extendedProperties, props);
    this.updateFolder(folder, {});
  }

  // ---- items ---------------------------------------------------------------------------------------------

  createItem(folder: Folder, kind: ItemKind, data: object, opts: ItemWriteOptions = {}): Item {
    const { seq, at } = this.journal.tick();
    const item: Item = {
      num: this.nextNum++,
      kind,
      folderNum: folder.num,
      moveGen: 0,
      changeKey: encodeChangeKey(kind, this.guidBytes, seq),
      version: seq,
      createdAt: at,
      modifiedAt: at,
      arrivedAt: at,
      data: { ...data },
      extendedProperties: new Map(),
      extensions: new Map(),
    };
    applyExtendedProperties(item.extendedProperties, opts.extendedProperties);
    applyExtensions(item.extensions, opts.extensions);
    this.items.set(item.num, item);
    folder.items.set(item.num, item);
    folder.unreadCount += unread(item);
    this.journal.logItem(folder, item, 'created', seq, at);
    return item;
  }

  /** Shallow-merges `patch` into the payload (a null value removes the field) and rotates the change key. */
  updateItem(item: Item, patch: object, opts: ItemWriteOptions = {}): Item {
    checkChangeKey(item, opts.ifChangeKey);
    const folder = this.folders.get(item.folderNum) as Folder;
    folder.unreadCount -= unread(item);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete item.data[k];
      else if (v !== undefined) item.data[k] = v;
    }
    folder.unreadCount += unread(item);
    applyExtendedProperties(item.extendedProperties, opts.extendedProperties);
    applyExtensions(item.extensions, opts.extensions);
    const { seq, at } = this.journal.tick();
    item.changeKey = encodeChangeKey(item.kind, this.guidBytes, seq);
    item.version = seq;
    item.modifiedAt = at;
    this.journal.logItem(folder, item, 'updated', seq, at);
    return item;
  }

  /** Moves an item; its default id changes (new move generation), its immutable id does not. */
  moveItem(item: Item, dest: Folder, opts: { ifChangeKey?: string } = {}): Item {
    checkChangeKey(item, opts.ifChangeKey);
    if (dest.num === item.folderNum) return item;
    const source = this.folders.get(item.folderNum) as Folder;
    const { seq, at } = this.journal.tick();
    this.journal.logItem(source, item, 'movedOut', seq, at);
    source.items.delete(item.num);
    source.unreadCount -= unread(item);
    item.folderNum = dest.num;
    item.moveGen++;
    item.changeKey = encodeChangeKey(item.kind, this.guidBytes, seq);
    item.version = seq;
    item.modifiedAt = at;
    item.arrivedAt = at;
    dest.items.set(item.num, item);
    dest.unreadCount += unread(item);
    this.journal.logItem(dest, item, 'movedIn', seq, at);
    return item;
  }

  copyItem(item: Item, dest: Folder): Item {
    const copy = this.createItem(dest, item.kind, structuredClone(item.data));
    for (const [k, v] of item.extendedProperties) copy.extendedProperties.set(k, structuredClone(v));
    for (const [k, v] of item.extensions) copy.extensions.set(k, structuredClone(v));
    return copy;
  }

  deleteItem(item: Item, opts: { ifChangeKey?: string } = {}): void {
    checkChangeKey(item, opts.ifChangeKey);
    const folder = this.folders.get(item.folderNum) as Folder;
    const { seq, at } = this.journal.tick();
    this.journal.logItem(folder, item, 'deleted', seq, at);
    folder.items.delete(item.num);
    folder.unreadCount -= unread(item);
    this.items.delete(item.num);
  }

  /** Resolves an item by any surface id; an old default id (before a move) no longer resolves. */
  item(id: string): Item {
    return resolveItem(this.items, this.guid, id);
  }

  itemId(item: Pick<Item, 'num' | 'moveGen'>, style: IdStyle): string {
    return this.ids.render(item, style, this.items.get(item.num)?.moveGen);
  }

  /** Items of a folder that readers can see (arrivals newer than the replication delay are hidden). */
  listItems(folder: Folder, delayMs = this.ctx.delayMs()): Item[] {
    const items = [...folder.items.values()];
    if (delayMs <= 0) return items;
    const cutoff = this.ctx.clock() - delayMs;
    return items.filter((i) => i.arrivedAt <= cutoff);
  }

  // ---- sync ----------------------------------------------------------------------------------------------

  /** Reads one page of the folded change window of a folder's items (or, with `hierarchy`, of its folders). */
  readChanges(scope: { folder: Folder } | { hierarchy: FolderKind }, window: SyncWindow): SyncPage {
    return readWindow(this, this.changeLog(scope), 'folder' in scope ? scope.folder : undefined, window, {
      now: this.ctx.clock(),
      delayMs: window.delayMs ?? this.ctx.delayMs(),
    });
  }

  /** The change log behind a sync scope (read-only use: replay sampling, diagnostics). */
  changeLog(scope: { folder: Folder } | { hierarchy: FolderKind }): ChangeLog | undefined {
    return this.journal.changeLog(scope);
  }

  /** Highest sequence number used so far. */
  get currentSeq(): number {
    return this.journal.currentSeq;
  }

  // ---- snapshot restore ----------------------------------------------------------------------------------

  /** Re-inserts a saved folder; its hierarchy log gets one `created` entry at `seq` (callers go in seq order). */
  restoreFolder(folder: Folder, seq: number): void {
    this.folders.set(folder.num, folder);
    this.journal.openFolderLog(folder.num);
    if (folder.wellKnownName) this.wellKnown.set(folder.wellKnownName.toLowerCase(), folder.num);
    if (folder.parentNum !== null) this.journal.logFolder(folder, 'created', seq, folder.createdAt);
  }

  /** Re-inserts a saved item; its folder log gets one `created` entry at its version (callers go in version order). */
  restoreItem(item: Item): void {
    const folder = this.folders.get(item.folderNum);
    if (!folder) return;
    this.items.set(item.num, item);
    folder.items.set(item.num, item);
    folder.unreadCount += unread(item);
    this.journal.logRestoredItem(folder, item);
  }
}
