import type { RemoteCollection } from '../connectors/port.ts';
import { isConnectorError } from '../connectors/port.ts';
import type { KindRules, LastSync } from './plan.ts';
import type { CrmReader, SyncStore, SyncTx } from './sync-ports.ts';
import type { Counts, FieldMap, JournalEntry, Reason, RunSettings, Side } from './sync-types.ts';

/** Everything one run of one mailbox and kind works with. */
export interface EngineContext<F extends FieldMap> {
  store: SyncStore<F>;
  crm: CrmReader<F>;
  remote: RemoteCollection<F>;
  rules: KindRules<F>;
  settings: RunSettings;
  /** The folders to import from (CT-1), resolved by the caller from the settings and the server's folder list. */
  importFolderIds(): Promise<string[]>;
  /** The owner confirmed the deletions the guard held back (DESIGN §3). */
  confirmDeletions: boolean;
  counts: Counts;
  /** Filled in by runSync at the start of a run (see plan.ts LastSync). */
  lastSync?: LastSync;
  /** CRM changes per export batch. */
  pushBatch?: number;
  /** Remote writes in flight at once (the mailbox limiter caps requests anyway). */
  pushConcurrency?: number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * Errors that concern one item only (the server refused its content, it vanished, the CRM rejected a value): the item
 * is journaled as failed and the run goes on. Anything else (the server is busy, unreachable, the grant is gone)
 * stops the run so that the job is retried later without advancing past unapplied changes.
 */
export function isItemError(err: unknown): boolean {
  if (isConnectorError(err)) return isConnectorError(err, 'INVALID', 'NOT_FOUND');
  return true;
}

/** The message of an item error, for the journal. */
export function messageOf(err: unknown): string {
  if (isConnectorError(err)) return `${err.kind}: ${err.detail}`;
  return err instanceof Error ? err.message : String(err);
}

/** A journal line with every optional part empty. */
export function entry(e: Partial<JournalEntry> & Pick<JournalEntry, 'action' | 'result'>): JournalEntry {
  return {
    side: null,
    rule: null,
    crmId: null,
    remoteId: null,
    name: null,
    message: null,
    said: null,
    ...e,
  };
}

/** What a journal line of an update says: the fields it changed, as a sentence and as a code for the UI. */
export function changedFields(changed: readonly string[]): Pick<JournalEntry, 'message' | 'said'> {
  const fields = changed.join(', ');
  return { message: `changed: ${fields}`, said: { code: 'changed', args: { fields } } };
}

/** Journals an item left alone (a skip, or a link dropped), with its reason and rule, and counts it as skipped. */
export async function recordSkip<F extends FieldMap>(
  ctx: EngineContext<F>,
  tx: SyncTx<F>,
  what: {
    action: 'skip' | 'unlink';
    side: Side;
    reason: Reason;
    crmId: string | null;
    remoteId: string | null;
    name?: string | null;
  },
): Promise<void> {
  ctx.counts.skipped++;
  await tx.journal([
    entry({
      action: what.action,
      side: what.side,
      result: 'skipped',
      rule: what.reason.rule,
      crmId: what.crmId,
      remoteId: what.remoteId,
      name: what.name ?? null,
      message: what.reason.message,
      said: what.reason.said ?? null,
    }),
  ]);
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping results in order. */
export async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(workers);
  return out;
}
