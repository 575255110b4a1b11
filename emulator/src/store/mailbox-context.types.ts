import type { ChangeListener, ExtendedPropertyKey } from './types.ts';

/** What a mailbox needs from its store: the clock, the replication delay and the change listeners. */
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
