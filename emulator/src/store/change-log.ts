import type { LogEntryType } from './types.ts';

/**
 * An append-only change log for one folder (or one folder hierarchy). Entries of the same key (item or
 * folder number) are chained both ways, so a reader folding the window (fromSeq, toSeq] visits each entry
 * once: an entry is reported only if it is the key's last one inside the window, and the key's presence
 * before the window is found by walking back along its chain. A whole round is therefore linear in the
 * number of log entries, and a page resumes at a stored index instead of rescanning (no O(n²)).
 */

export interface LogEntry {
  readonly seq: number;
  readonly at: number;
  readonly key: number;
  readonly type: LogEntryType;
  /** Move generation of the item while it was in this folder (for rebuilding its default id). */
  readonly moveGen: number;
  /** Item kind code (index into the caller's kind table), so removals know what they removed. */
  readonly kindCode: number;
  /** Whether the key is in the folder right after this change. */
  readonly present: boolean;
  /** Index of the previous entry of the same key, or -1. */
  readonly prev: number;
  /** Index of the next entry of the same key, or -1 (set when that entry is appended). */
  next: number;
}

/** What folding one entry into the window yields. */
export type FoldResult =
  | { kind: 'upsert'; created: boolean; entry: LogEntry }
  | { kind: 'removed'; entry: LogEntry }
  | { kind: 'skip' };

export class ChangeLog {
  readonly entries: LogEntry[] = [];
  private readonly lastIndex = new Map<number, number>();

  append(seq: number, at: number, key: number, type: LogEntryType, moveGen: number, kindCode: number): LogEntry {
    const present = type === 'created' || type === 'updated' || type === 'movedIn';
    const prev = this.lastIndex.get(key) ?? -1;
    const index = this.entries.length;
    const entry: LogEntry = { seq, at, key, type, moveGen, kindCode, present, prev, next: -1 };
    this.entries.push(entry);
    if (prev >= 0) (this.entries[prev] as LogEntry).next = index;
    this.lastIndex.set(key, index);
    return entry;
  }

  /** Highest seq whose change time is at or before `cutoff` (0 when nothing is visible yet). */
  visibleSeq(cutoff: number): number {
    const e = this.entries;
    if (e.length === 0) return 0;
    const last = e[e.length - 1] as LogEntry;
    if (last.at <= cutoff) return last.seq;
    let lo = 0;
    let hi = e.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((e[mid] as LogEntry).at <= cutoff) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? 0 : (e[found] as LogEntry).seq;
  }

  /** Index of the first entry with seq > fromSeq. */
  firstIndexAfter(fromSeq: number): number {
    const e = this.entries;
    let lo = 0;
    let hi = e.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((e[mid] as LogEntry).seq <= fromSeq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Folds entry `index` into the window (fromSeq, toSeq]; see the class comment. */
  fold(index: number, fromSeq: number, toSeq: number): FoldResult {
    const e = this.entries;
    const entry = e[index] as LogEntry;
    if (entry.next >= 0 && (e[entry.next] as LogEntry).seq <= toSeq) return { kind: 'skip' };
    let j = entry.prev;
    while (j >= 0 && (e[j] as LogEntry).seq > fromSeq) j = (e[j] as LogEntry).prev;
    const presentBefore = j >= 0 && (e[j] as LogEntry).present;
    if (entry.present) return { kind: 'upsert', created: !presentBefore, entry };
    if (presentBefore) return { kind: 'removed', entry };
    return { kind: 'skip' };
  }

  /** Whether `key` is in the folder according to the log (latest entry). */
  isPresent(key: number): boolean {
    const i = this.lastIndex.get(key);
    return i !== undefined && (this.entries[i] as LogEntry).present;
  }
}
