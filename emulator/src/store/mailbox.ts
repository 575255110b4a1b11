import { ChangeLog } from './change-log.ts';
import { DEFAULT_FOLDERS, ROOT_WELL_KNOWN_NAME } from './default-folders.ts';
import { decodeId, encodeChangeKey, encodeFolderId, encodeItemId, newMailboxGuid } from './id-codec.ts';
import { applyExtendedProperties, applyExtensions, unread } from './item-writes.ts';
import { KIND_CODES, readWindow } from './sync-reader.ts';
import {
  type ChangeListener,
  type ChangeNotice,
  type ExtendedPropertyKey,
  type Folder,
  type FolderKind,
  type IdStyle,
  type Item,
  type ItemKind,
  type LogEntryType,
  StoreError,
  type SyncPage,
  type SyncWindow,
} from './types.ts';

const FOLDER_CODE = 4;

export interface MailboxContext {
  clock: () => number;
  delayMs: () => number;
  listeners: Set<ChangeListener>;
}

/** Extra state written together with an item's payload. */
export interface ItemWriteOptions {
  /** Properties to set (value string) or remove (value null). */
  extendedProperties?: { key: ExtendedPropertyKey; value: string | null }[];
  /** Extensions to set (fields object) or remove (null), by extension name. */
  extensions?: { extensionName: string; fields: Record<string, unknown> | null }[];
  /** Optimistic concurrency: the write fails with `conflict` unless the item's change key equals this. */
  ifChangeKey?: string;
}

/**
 * One user's mailbox: folders, items, change logs. Every write takes the next mailbox sequence number,
 * rotates the touched object's change key, appends to the affected folder logs and notifies listeners.
 */
export class Mailbox {
  readonly guid: string;
  readonly folders = new Map<number, Folder>();
  readonly items = new Map<number, Item>();
  private readonly folderLogs = new Map<number, ChangeLog>();
  private readonly hierarchyLogs = new Map<FolderKind, ChangeLog>();
  private readonly wellKnown = new Map<string, number>();
  private seq = 0;
  private lastAt = 0;
  private nextNum = 1;
  private readonly guidBytes: Buffer;
  /** Rendered ids, by item number: ids are read far more often than items move. */
  private readonly immutableIds = new Map<number, string>();
  private readonly defaultIds = new Map<number, { moveGen: number; id: string }>();

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
    if (restore) {
      this.seq = restore.seq;
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
    return { seq: this.seq, nextNum: this.nextNum };
  }

  // ---- folders -------------------------------------------------------------------------------------------

  createFolder(
    parentNum: number | null,
    displayName: string,
    kind: FolderKind,
    opts: { wellKnownName?: string; hidden?: boolean } = {},
  ): Folder {
    const { seq, at } = this.tick();
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
    this.folderLogs.set(num, new ChangeLog());
    if (opts.wellKnownName) this.wellKnown.set(opts.wellKnownName.toLowerCase(), num);
    if (parentNum !== null) this.logFolder(folder, 'created', seq, at);
    return folder;
  }

  updateFolder(folder: Folder, patch: { displayName?: string; parentNum?: number }): Folder {
    if (patch.parentNum !== undefined && this.isSelfOrDescendant(patch.parentNum, folder.num)) {
      throw new StoreError('invalid', 'A folder cannot be moved into itself or its subfolder.');
    }
    const { seq, at } = this.tick();
    if (patch.displayName !== undefined) folder.displayName = patch.displayName;
    if (patch.parentNum !== undefined) folder.parentNum = patch.parentNum;
    folder.changeKey = encodeChangeKey('folder', this.guidBytes, seq);
    folder.modifiedAt = at;
    this.logFolder(folder, 'updated', seq, at);
    return folder;
  }

  deleteFolder(folder: Folder): void {
    if (folder.wellKnownName) throw new StoreError('invalid', 'A distinguished folder cannot be deleted.');
    for (const child of this.childFolders(folder.num)) this.deleteFolder(child);
    for (const item of [...folder.items.values()]) this.deleteItem(item);
    const { seq, at } = this.tick();
    this.folders.delete(folder.num);
    this.logFolder(folder, 'deleted', seq, at);
  }

  /** Resolves a folder by surface id or (case-insensitive) well-known name; throws notFound/malformedId. */
  folder(ref: string): Folder {
    const byName = this.wellKnown.get(ref.toLowerCase());
    if (byName !== undefined) return this.folders.get(byName) as Folder;
    const decoded = decodeId(ref);
    if (!decoded) throw new StoreError('malformedId', 'Id is malformed.');
    const folder = decoded.type === 'folder' && decoded.mailboxGuid === this.guid && this.folders.get(decoded.num);
    if (!folder) throw new StoreError('notFound', 'The specified object was not found in the store.');
    return folder;
  }

  wellKnownFolder(name: string): Folder {
    return this.folder(name);
  }

  childFolders(parentNum: number): Folder[] {
    return [...this.folders.values()].filter((f) => f.parentNum === parentNum);
  }

  /** Every folder below `parentNum`, parents before children. */
  descendantFolders(parentNum: number): Folder[] {
    const out: Folder[] = [];
    const walk = (num: number) => {
      for (const child of this.childFolders(num)) {
        out.push(child);
        walk(child.num);
      }
    };
    walk(parentNum);
    return out;
  }

  setFolderExtendedProperties(folder: Folder, props: NonNullable<ItemWriteOptions['extendedProperties']>): void {
    applyExtendedProperties(folder.extendedProperties, props);
    this.updateFolder(folder, {});
  }

  // ---- items ---------------------------------------------------------------------------------------------

  createItem(folder: Folder, kind: ItemKind, data: object, opts: ItemWriteOptions = {}): Item {
    const { seq, at } = this.tick();
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
    this.logItem(folder, item, 'created', seq, at);
    return item;
  }

  /** Shallow-merges `patch` into the payload (a null value removes the field) and rotates the change key. */
  updateItem(item: Item, patch: object, opts: ItemWriteOptions = {}): Item {
    this.checkChangeKey(item, opts.ifChangeKey);
    const folder = this.folders.get(item.folderNum) as Folder;
    folder.unreadCount -= unread(item);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete item.data[k];
      else if (v !== undefined) item.data[k] = v;
    }
    folder.unreadCount += unread(item);
    applyExtendedProperties(item.extendedProperties, opts.extendedProperties);
    applyExtensions(item.extensions, opts.extensions);
    const { seq, at } = this.tick();
    item.changeKey = encodeChangeKey(item.kind, this.guidBytes, seq);
    item.version = seq;
    item.modifiedAt = at;
    this.logItem(folder, item, 'updated', seq, at);
    return item;
  }

  /** Moves an item; its default id changes (new move generation), its immutable id does not. */
  moveItem(item: Item, dest: Folder, opts: { ifChangeKey?: string } = {}): Item {
    this.checkChangeKey(item, opts.ifChangeKey);
    if (dest.num === item.folderNum) return item;
    const source = this.folders.get(item.folderNum) as Folder;
    const { seq, at } = this.tick();
    this.logItem(source, item, 'movedOut', seq, at);
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
    this.logItem(dest, item, 'movedIn', seq, at);
    return item;
  }

  copyItem(item: Item, dest: Folder): Item {
    const copy = this.createItem(dest, item.kind, structuredClone(item.data));
    for (const [k, v] of item.extendedProperties) copy.extendedProperties.set(k, structuredClone(v));
    for (const [k, v] of item.extensions) copy.extensions.set(k, structuredClone(v));
    return copy;
  }

  deleteItem(item: Item, opts: { ifChangeKey?: string } = {}): void {
    this.checkChangeKey(item, opts.ifChangeKey);
    const folder = this.folders.get(item.folderNum) as Folder;
    const { seq, at } = this.tick();
    this.logItem(folder, item, 'deleted', seq, at);
    folder.items.delete(item.num);
    folder.unreadCount -= unread(item);
    this.items.delete(item.num);
  }

  /** Resolves an item by any surface id; an old default id (before a move) no longer resolves. */
  item(id: string): Item {
    const decoded = decodeId(id);
    if (!decoded) throw new StoreError('malformedId', 'Id is malformed.');
    const item = decoded.type === 'item' && decoded.mailboxGuid === this.guid ? this.items.get(decoded.num) : undefined;
    if (!item || (decoded.type === 'item' && decoded.style === 'default' && decoded.moveGen !== item.moveGen)) {
      throw new StoreError('notFound', 'The specified object was not found in the store.');
    }
    return item;
  }

  itemId(item: Pick<Item, 'num' | 'moveGen'>, style: IdStyle): string {
    if (style === 'immutable') {
      let id = this.immutableIds.get(item.num);
      if (id === undefined) {
        id = encodeItemId(this.guidBytes, item.num, 'immutable');
        this.immutableIds.set(item.num, id);
      }
      return id;
    }
    const cached = this.defaultIds.get(item.num);
    if (cached?.moveGen === item.moveGen) return cached.id;
    const id = encodeItemId(this.guidBytes, item.num, 'default', item.moveGen);
    // Only the current generation is cached; removals of older generations are rendered without caching.
    if (this.items.get(item.num)?.moveGen === item.moveGen)
      this.defaultIds.set(item.num, { moveGen: item.moveGen, id });
    return id;
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
    return 'folder' in scope ? this.folderLogs.get(scope.folder.num) : this.hierarchyLogs.get(scope.hierarchy);
  }

  /** Highest sequence number used so far. */
  get currentSeq(): number {
    return this.seq;
  }

  // ---- snapshot restore ----------------------------------------------------------------------------------

  /** Re-inserts a saved folder; its hierarchy log gets one `created` entry at `seq` (callers go in seq order). */
  restoreFolder(folder: Folder, seq: number): void {
    this.folders.set(folder.num, folder);
    this.folderLogs.set(folder.num, new ChangeLog());
    if (folder.wellKnownName) this.wellKnown.set(folder.wellKnownName.toLowerCase(), folder.num);
    if (folder.parentNum !== null) this.logFolder(folder, 'created', seq, folder.createdAt);
  }

  /** Re-inserts a saved item; its folder log gets one `created` entry at its version (callers go in version order). */
  restoreItem(item: Item): void {
    const folder = this.folders.get(item.folderNum);
    if (!folder) return;
    this.items.set(item.num, item);
    folder.items.set(item.num, item);
    folder.unreadCount += unread(item);
    this.folderLogs
      .get(folder.num)
      ?.append(item.version, item.arrivedAt, item.num, 'created', item.moveGen, KIND_CODES.indexOf(item.kind));
  }

  // ---- internals -----------------------------------------------------------------------------------------

  private tick(): { seq: number; at: number } {
    this.seq += 1;
    this.lastAt = Math.max(this.lastAt, this.ctx.clock());
    return { seq: this.seq, at: this.lastAt };
  }

  private checkChangeKey(item: Item, expected: string | undefined): void {
    if (expected !== undefined && expected !== item.changeKey) {
      throw new StoreError(
        'conflict',
        'The change key passed in the request does not match the current change key for the item.',
      );
    }
  }

  private isSelfOrDescendant(candidate: number, ancestor: number): boolean {
    for (let n: number | null = candidate; n !== null; n = this.folders.get(n)?.parentNum ?? null) {
      if (n === ancestor) return true;
    }
    return false;
  }

  private logItem(folder: Folder, item: Item, type: LogEntryType, seq: number, at: number): void {
    const moveGen = item.moveGen;
    this.folderLogs.get(folder.num)?.append(seq, at, item.num, type, moveGen, KIND_CODES.indexOf(item.kind));
    if (this.ctx.listeners.size === 0) return;
    this.notify(folder, {
      kind: item.kind,
      type,
      num: item.num,
      immutableId: this.itemId(item, 'immutable'),
      defaultId: this.itemId(item, 'default'),
      changeKey: item.changeKey,
      seq,
      at,
    });
  }

  private logFolder(folder: Folder, type: LogEntryType, seq: number, at: number): void {
    let log = this.hierarchyLogs.get(folder.kind);
    if (!log) {
      log = new ChangeLog();
      this.hierarchyLogs.set(folder.kind, log);
    }
    log.append(seq, at, folder.num, type, 0, FOLDER_CODE);
    if (this.ctx.listeners.size === 0) return;
    const parent = folder.parentNum === null ? folder : (this.folders.get(folder.parentNum) ?? folder);
    this.notify(parent, {
      kind: 'folder',
      type,
      num: folder.num,
      immutableId: folder.id,
      defaultId: folder.id,
      changeKey: folder.changeKey,
      seq,
      at,
    });
  }

  private notify(
    folder: Folder,
    n: Omit<ChangeNotice, 'mailboxUserId' | 'folderNum' | 'folderId' | 'folderKind'>,
  ): void {
    const notice: ChangeNotice = {
      mailboxUserId: this.userId,
      folderNum: folder.num,
      folderId: folder.id,
      folderKind: folder.kind,
      ...n,
    };
    for (const listener of this.ctx.listeners) {
      try {
        listener(notice);
      } catch {
        // A failing listener (e.g. a webhook pump) must never undo or block a committed write.
      }
    }
  }
}
