import type { ChangeLog } from './change-log.ts';
import type { Mailbox } from './mailbox.ts';
import type { Folder, ItemKind, SyncChange, SyncPage, SyncWindow } from './types.ts';

/** Item kind codes stored in log entries (index into this table). */
export const KIND_CODES: (ItemKind | 'folder')[] = ['message', 'contact', 'event', 'task', 'folder'];

/**
 * Reads one page of a change log window (fromSeq, toSeq] for a sync reader. `toSeq` is fixed by the
 * round's first page; when the caller has none, it is the last change visible after the replication delay.
 * Each entry is visited once (see ChangeLog), so a page costs O(page) and a round O(log), never O(n²).
 */
export function readWindow(
  mb: Mailbox,
  log: ChangeLog | undefined,
  itemFolder: Folder | undefined,
  window: SyncWindow,
  time: { now: number; delayMs: number },
): SyncPage {
  if (!log) return { changes: [], toSeq: window.fromSeq };
  const toSeq = window.toSeq ?? (time.delayMs > 0 ? log.visibleSeq(time.now - time.delayMs) : mb.currentSeq);
  const changes: SyncChange[] = [];
  let i = window.index ?? log.firstIndexAfter(window.fromSeq);
  const end = log.entries.length;
  for (; i < end && changes.length < window.limit; i++) {
    const entry = log.entries[i];
    if (!entry || entry.seq > toSeq) {
      i = end;
      break;
    }
    const folded = log.fold(i, window.fromSeq, toSeq);
    const change = folded.kind === 'skip' ? undefined : toSyncChange(mb, folded, itemFolder);
    if (change && (!window.accept || window.accept(change))) changes.push(change);
  }
  const more = i < end && (log.entries[i]?.seq ?? Number.POSITIVE_INFINITY) <= toSeq;
  return { changes, toSeq, ...(more ? { nextIndex: i } : {}) };
}

function toSyncChange(
  mb: Mailbox,
  folded: Exclude<ReturnType<ChangeLog['fold']>, { kind: 'skip' }>,
  itemFolder: Folder | undefined,
): SyncChange {
  const e = folded.entry;
  const kind = KIND_CODES[e.kindCode] ?? 'folder';
  if (folded.kind === 'removed') {
    return {
      type: 'removed',
      reason: e.type === 'deleted' ? 'deleted' : 'movedOut',
      num: e.key,
      moveGen: e.moveGen,
      kind,
    };
  }
  if (itemFolder) {
    const item = mb.items.get(e.key);
    // Gone from the folder after the window closed: report the removal now; the next round repeats it,
    // which readers must tolerate anyway (delta-query-overview.md: entities can repeat).
    if (!item || item.folderNum !== itemFolder.num) {
      return { type: 'removed', reason: item ? 'movedOut' : 'deleted', num: e.key, moveGen: e.moveGen, kind };
    }
    return { type: folded.created ? 'created' : 'updated', num: e.key, item };
  }
  const folder = mb.folders.get(e.key);
  if (!folder) return { type: 'removed', reason: 'deleted', num: e.key, moveGen: 0, kind: 'folder' };
  return { type: 'folderUpsert', created: folded.created, num: e.key, folder };
}
