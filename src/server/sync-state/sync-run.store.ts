import type { Db } from '../db/database.ts';
import type { SyncKind, SyncRunsTable } from '../db/schema.ts';

/** Runs (`sync_runs`) and the leases (`sync_leases`) that keep one worker per mailbox and kind. */
export const syncRunStore = {
  async insert(db: Db, row: SyncRunsTable): Promise<void> {
    await db.insertInto('sync_runs').values(row).execute();
  },

  async get(db: Db, id: string): Promise<SyncRunsTable | undefined> {
    return db.selectFrom('sync_runs').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async active(db: Db, mailboxId: string, kind: SyncKind): Promise<SyncRunsTable | undefined> {
    return db.selectFrom('sync_runs').selectAll().where('active_key', '=', `${mailboxId}:${kind}`).executeTakeFirst();
  },

  async list(db: Db, mailboxId: string, kind: SyncKind | undefined, limit: number) {
    let q = db.selectFrom('sync_runs').selectAll().where('mailbox_id', '=', mailboxId);
    if (kind) q = q.where('kind', '=', kind);
    return q.orderBy('queued_at', 'desc').orderBy('id').limit(limit).execute();
  },

  async update(db: Db, id: string, set: Partial<SyncRunsTable>): Promise<void> {
    await db.updateTable('sync_runs').set(set).where('id', '=', id).execute();
  },

  /** Compare-and-set: moves a run from one state to another; false when it was not in `from`. */
  async transition(db: Db, id: string, from: SyncRunsTable['state'][], set: Partial<SyncRunsTable>): Promise<boolean> {
    const res = await db
      .updateTable('sync_runs')
      .set(set)
      .where('id', '=', id)
      .where('state', 'in', from)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  /** Runs queued or running whose heartbeat (or queue time) is older than `before`: their worker died. */
  async stale(db: Db, before: string): Promise<SyncRunsTable[]> {
    return db
      .selectFrom('sync_runs')
      .selectAll()
      .where('active_key', 'is not', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'running'), eb('heartbeat_at', '<', before)]),
          eb.and([eb('state', '=', 'queued'), eb('queued_at', '<', before)]),
        ]),
      )
      .execute();
  },

  /**
   * Takes the lease of a mailbox and kind for a run, when nobody holds it or the holder's lease ran out. Atomic on
   * both databases: an insert that collides, then an update guarded by the expiry.
   */
  async acquireLease(db: Db, mailboxId: string, kind: SyncKind, runId: string, holder: string, ttlMs: number) {
    const now = new Date();
    const expires = new Date(now.getTime() + ttlMs).toISOString();
    const inserted = await db
      .insertInto('sync_leases')
      .values({ mailbox_id: mailboxId, kind, run_id: runId, holder, expires_at: expires })
      .onConflict((oc) => oc.columns(['mailbox_id', 'kind']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
    const taken = await db
      .updateTable('sync_leases')
      .set({ run_id: runId, holder, expires_at: expires })
      .where('mailbox_id', '=', mailboxId)
      .where('kind', '=', kind)
      // Only a lease that ran out changes hands; a live one, even for the same run (a job queued twice), does not.
      .where((eb) => eb.or([eb('expires_at', '<', now.toISOString()), eb('holder', '=', holder)]))
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) > 0;
  },

  async renewLease(db: Db, mailboxId: string, kind: SyncKind, runId: string, ttlMs: number): Promise<boolean> {
    const res = await db
      .updateTable('sync_leases')
      .set({ expires_at: new Date(Date.now() + ttlMs).toISOString() })
      .where('mailbox_id', '=', mailboxId)
      .where('kind', '=', kind)
      .where('run_id', '=', runId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  async releaseLease(db: Db, mailboxId: string, kind: SyncKind, runId: string): Promise<void> {
    await db
      .deleteFrom('sync_leases')
      .where('mailbox_id', '=', mailboxId)
      .where('kind', '=', kind)
      .where('run_id', '=', runId)
      .execute();
  },
};
