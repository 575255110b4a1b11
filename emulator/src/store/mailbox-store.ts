import { Mailbox, type MailboxContext } from './mailbox.ts';
import type { ChangeListener, MailboxStoreOptions } from './types.ts';

/**
 * All mailboxes of the emulator, keyed by the directory user's object id. Mailboxes are created on first
 * use with Exchange's default folders, so the directory and the store need no coordination beyond the id.
 */
export class MailboxStore {
  private readonly mailboxes = new Map<string, Mailbox>();
  private readonly listeners = new Set<ChangeListener>();
  private delay: number | (() => number);
  readonly clock: () => number;

  constructor(options: MailboxStoreOptions = {}) {
    this.delay = options.replicationDelayMs ?? 0;
    this.clock = options.clock ?? Date.now;
  }

  /** The user's mailbox, created with default folders when missing. */
  mailbox(userId: string): Mailbox {
    let mb = this.mailboxes.get(userId);
    if (!mb) {
      mb = new Mailbox(userId, this.context());
      this.mailboxes.set(userId, mb);
    }
    return mb;
  }

  /** Every mailbox. */
  all(): Mailbox[] {
    return [...this.mailboxes.values()];
  }

  /** Installs a mailbox built by a snapshot loader (replacing any existing one of that user). */
  restore(userId: string, build: (ctx: MailboxContext) => Mailbox): Mailbox {
    const mb = build(this.context());
    this.mailboxes.set(userId, mb);
    return mb;
  }

  private context(): MailboxContext {
    return { clock: this.clock, delayMs: () => this.replicationDelayMs(), listeners: this.listeners };
  }

  /** The user's mailbox if it exists. */
  find(userId: string): Mailbox | undefined {
    return this.mailboxes.get(userId);
  }

  /** Drops one mailbox (or all): ids, change keys and sync cursors issued for it stop resolving. */
  reset(userId?: string): void {
    if (userId === undefined) this.mailboxes.clear();
    else this.mailboxes.delete(userId);
  }

  /** Current replication delay in milliseconds. */
  replicationDelayMs(): number {
    const d = typeof this.delay === 'function' ? this.delay() : this.delay;
    return Number.isFinite(d) && d > 0 ? d : 0;
  }

  setReplicationDelay(ms: number | (() => number)): void {
    this.delay = ms;
  }

  /** Registers a listener for every committed write; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Builds an empty store. */
export function createMailboxStore(options: MailboxStoreOptions = {}): MailboxStore {
  return new MailboxStore(options);
}
