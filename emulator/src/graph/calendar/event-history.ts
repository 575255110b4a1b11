import type { ChangeNotice, EventData, Mailbox, MailboxStore } from '../../store/index.ts';

/**
 * Past versions of events, kept so calendarView delta can tell which instances a client saw before a change.
 * The store's change log only says "event N changed"; for a series that is not enough: occurrences that
 * moved or vanished must come back as `@removed` (`api/event-delta.md`), and their ids depend on the
 * series as it was. Snapshots are taken from the store's change listener, so writes through any protocol
 * (Graph, EWS, seeding) are covered. A few versions per event suffice: older delta tokens fall back to the
 * current version.
 */

const MAX_VERSIONS = 32;

interface Version {
  seq: number;
  /** The event's data right after the write; null once deleted. */
  data: EventData | null;
}

export class EventHistory {
  private readonly byMailbox = new WeakMap<Mailbox, Map<number, Version[]>>();
  private detach?: () => void;

  /** Starts recording the calendar writes of `store`. */
  attach(store: MailboxStore): void {
    this.detach?.();
    this.detach = store.onChange((notice) => this.record(store, notice));
  }

  close(): void {
    this.detach?.();
    this.detach = undefined;
  }

  /** The event's data as of sequence number `seq` (undefined when unknown or not yet created). */
  at(mailbox: Mailbox, num: number, seq: number): EventData | null | undefined {
    const versions = this.byMailbox.get(mailbox)?.get(num);
    if (!versions) return undefined;
    let found: Version | undefined;
    for (const v of versions) if (v.seq <= seq) found = v;
    return found?.data;
  }

  private record(store: MailboxStore, notice: ChangeNotice): void {
    if (notice.kind !== 'event') return;
    const mailbox = store.find(notice.mailboxUserId);
    if (!mailbox) return;
    let versions = this.byMailbox.get(mailbox);
    if (!versions) {
      versions = new Map();
      this.byMailbox.set(mailbox, versions);
    }
    // The store notifies after the write and, for deletions, before the item leaves the mailbox.
    const item = mailbox.items.get(notice.num);
    const gone = notice.type === 'deleted' || notice.type === 'movedOut';
    const data = gone || !item ? null : (structuredClone(item.data) as unknown as EventData);
    const list = versions.get(notice.num) ?? [];
    list.push({ seq: notice.seq, data });
    if (list.length > MAX_VERSIONS) list.shift();
    versions.set(notice.num, list);
  }
}
