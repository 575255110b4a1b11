import type { Db } from '../db/database.ts';
import type { SyncCursorsTable, SyncKind, SyncPendingDeletionsTable } from '../db/schema.ts';

/** Cursors (`sync_cursors`) and held-back deletions (`sync_pending_deletions`) of one mailbox and kind. */
export const syncCursorStore = {
  async get(db: Db, mailboxId: string, kind: SyncKind, scope: string): Promise<SyncCursorsTable | undefined> {
    return db
      .selectFrom('sync_cursors')
      .selectAll()
      .where('mailbox_id', '=', mailboxId)
      .where('kind', '=', kind)
      .where('scope', '=', scope)
      .executeTakeFirst();
  },

  async set(db: Db, row: SyncCursorsTable): Promise<void> {
    await db
      .insertInto('sync_cursors')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['mailbox_id', 'kind', 'scope'])
          .doUpdateSet({ value: row.value, listing: row.listing, updated_at: row.updated_at }),
      )
      .execute();
  },

  async pending(db: Db, mailboxId: string, kind: SyncKind, side?: 'crm' | 'remote') {
    let q = db
      .selectFrom('sync_pending_deletions')
      .selectAll()
      .where('mailbox_id', '=', mailboxId)
      .where('kind', '=', kind);
    if (side) q = q.where('side', '=', side);
    return q.orderBy('created_at').orderBy('crm_id').execute();
  },

  async addPending(db: Db, row: SyncPendingDeletionsTable): Promise<void> {
    await db
      .insertInto('sync_pending_deletions')
      .values(row)
      .onConflict((oc) => oc.columns(['mailbox_id', 'kind', 'side', 'crm_id']).doNothing())
      .execute();
  },

  async removePending(db: Db, mailboxId: string, kind: SyncKind, side: 'crm' | 'remote', crmId: string) {
    await db
      .deleteFrom('sync_pending_deletions')
      .where('mailbox_id', '=', mailboxId)
      .where('kind', '=', kind)
      .where('side', '=', side)
      .where('crm_id', '=', crmId)
      .execute();
  },
};
