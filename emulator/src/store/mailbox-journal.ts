import { ChangeLog } from './change-log.ts';
import type { MailboxContext } from './mailbox-context.types.ts';
import { KIND_CODES } from './sync-reader.ts';
import type { ChangeNotice, Folder, FolderKind, IdStyle, Item, LogEntryType } from './types.ts';

const FOLDER_CODE = 4;

/**
 * The write journal of one mailbox: hands out sequence numbers and timestamps, keeps the per-folder item
 * logs and per-kind hierarchy logs, and notifies change listeners of every logged write.
 */
export class MailboxJournal {
  private readonly folderLogs = new Map<number, ChangeLog>();
  private readonly hierarchyLogs = new Map<FolderKind, ChangeLog>();
  private seq: number;
  private lastAt = 0;

  constructor(
    private readonly userId: string,
    private readonly ctx: MailboxContext,
    private readonly folders: ReadonlyMap<number, Folder>,
    private readonly itemId: (item: Item, style: IdStyle) => string,
    seq = 0,
  ) {
    this.seq = seq;
  }

  /** Highest sequence number used so far. */
  get currentSeq(): number {
    return this.seq;
  }

  /** The next sequence number, with a timestamp that never goes backwards. */
  tick(): { seq: number; at: number } {
    this.seq += 1;
    this.lastAt = Math.max(this.lastAt, this.ctx.clock());
    return { seq: this.seq, at: this.lastAt };
  }

  /** Starts an empty item log for a new (or restored) folder. */
  openFolderLog(folderNum: number): void {
    this.folderLogs.set(folderNum, new ChangeLog());
  }

  /** The change log behind a sync scope. */
  changeLog(scope: { folder: Folder } | { hierarchy: FolderKind }): ChangeLog | undefined {
    return 'folder' in scope ? this.folderLogs.get(scope.folder.num) : this.hierarchyLogs.get(scope.hierarchy);
  }

  /** Appends a restored item's `created` entry at its version, without notifying anyone. */
  logRestoredItem(folder: Folder, item: Item): void {
    this.folderLogs
      .get(folder.num)
      ?.append(item.version, item.arrivedAt, item.num, 'created', item.moveGen, KIND_CODES.indexOf(item.kind));
  }

  logItem(folder: Folder, item: Item, type: LogEntryType, seq: number, at: number): void {
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

  logFolder(folder: Folder, type: LogEntryType, seq: number, at: number): void {
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
