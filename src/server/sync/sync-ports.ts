import type { ConflictRecord, Counts, CrmChange, CrmRecord, FieldMap, JournalEntry, Link, Side } from './sync-types.ts';

/**
 * What the engine needs from storage and from the CRM (DESIGN §2: the sync sees ports only). One store instance is
 * bound to one mailbox, kind and run. Everything written inside `transaction` commits together: CRM writes, status
 * rows, cursors, journal lines and the run's counts, so a crash at any point resumes without loss or duplicates.
 */

/** The CRM side of a kind, read outside transactions. */
export interface CrmReader<F extends FieldMap> {
  /** The current records by id, as the mailbox's owner may read them; missing ids are deleted or unreadable. */
  read(ids: string[]): Promise<Map<string, CrmRecord<F>>>;
  /**
   * Records changed and deleted after `seq`, in seq order, at most `limit`; each upsert says whether the export
   * settings take it (CT-3).
   */
  changesSince(seq: number, limit: number): Promise<CrmChange<F>[]>;
  /** Ids of readable records the export settings take, in id order after `afterId` (the export's scope sweep). */
  inScopeIds?(afterId: string | null, limit: number): Promise<string[]>;
  /**
   * Ids of CRM records that are plainly the same as new remote items (same name and a shared email address), by
   * remote id: a mailbox connected to a CRM that already knows its people links them instead of importing them twice.
   * The engine reads only those not linked already. `within`: only among these records (match-watch.ts).
   */
  findMatches?(items: { id: string; fields: F }[], within?: readonly string[]): Promise<Map<string, string>>;
  /**
   * Ids of the kind's records changed after `seq` (created or written), in seq order, at most `limit`, whoever may
   * read them: lets an import see that every record is one it linked, and skip looking for matches (match-watch.ts).
   */
  changedIds?(seq: number, limit: number): Promise<{ id: string; seq: number }[]>;
}

/** The CRM side of a kind, written inside a transaction. Each call returns the record as it is afterwards. */
export interface CrmWriter<F extends FieldMap> {
  create(fields: F): Promise<CrmRecord<F>>;
  /** Creates many records at once (a page of an initial import); throws if any one of them is refused. */
  createMany?(fields: F[]): Promise<CrmRecord<F>[]>;
  /** Writes the given fields of `fields` over the record; fields it cannot hold are left as they are. */
  update(id: string, fields: F, keys: readonly string[]): Promise<CrmRecord<F>>;
  /** Deletes the record; returns a reason when the owner may not (the record stays). */
  delete(id: string): Promise<{ refused: string } | undefined>;
}

export interface PendingDeletion {
  side: Side;
  crmId: string;
  remoteId: string | null;
  folderId: string | null;
  name: string | null;
}

export interface CursorRow {
  value: string | null;
  /** Set while a full listing round runs (first sync, or after an expired cursor). */
  listing: string | null;
}

export interface SyncTx<F extends FieldMap> {
  /** Runs `fn` in a savepoint: when it throws, only its own writes are undone, then the error is rethrown. */
  isolated<T>(fn: () => Promise<T>): Promise<T>;
  crm: CrmWriter<F>;
  saveLink(link: Link<F>, seenRound?: string | null): Promise<void>;
  saveLinks(links: Link<F>[], seenRound?: string | null): Promise<void>;
  deleteLink(crmId: string): Promise<void>;
  /** Keeps the row as 'detached' (see Link.pending); `keepRemoteId` false when the remote item is gone. */
  detachLink(crmId: string, keepRemoteId: boolean): Promise<void>;
  /** Marks linked remote ids as seen in a listing round. */
  markSeen(remoteIds: string[], round: string): Promise<void>;
  /** Links of a folder not seen in the round: gone from the server while the cursor was lost. */
  unseenInFolder(folderId: string, round: string): Promise<Link<F>[]>;
  setCursor(scope: string, row: CursorRow): Promise<void>;
  addPendingDeletion(p: PendingDeletion): Promise<void>;
  removePendingDeletion(side: Side, crmId: string): Promise<void>;
  journal(entries: JournalEntry[]): Promise<void>;
  conflict(c: ConflictRecord<F> & { crmId: string; remoteId: string | null; name: string }): Promise<void>;
  /** Stores the run's counts so far and its stage (the UI shows progress while a run goes), and its heartbeat. */
  progress(counts: Counts, stage: string): Promise<void>;
}

export interface SyncStore<F extends FieldMap> {
  linksByRemote(remoteIds: string[]): Promise<Map<string, Link<F>>>;
  linksByCrm(crmIds: string[]): Promise<Map<string, Link<F>>>;
  /** Which of these CRM records have a status row (without reading the rows). */
  linkedCrmIds(crmIds: string[]): Promise<Set<string>>;
  linkCount(): Promise<number>;
  /** Links waiting for a remote create to be confirmed. */
  pendingLinks(kind: 'create' | 'echo', limit: number): Promise<Link<F>[]>;
  cursor(scope: string): Promise<CursorRow | undefined>;
  pendingDeletions(side: Side): Promise<PendingDeletion[]>;
  transaction<T>(fn: (tx: SyncTx<F>) => Promise<T>): Promise<T>;
}
