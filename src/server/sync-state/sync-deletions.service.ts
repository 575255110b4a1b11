import type { Db } from '../db/database.ts';
import type { SyncKind } from '../db/schema.ts';
import { cancelDeletions } from '../sync/deletion-stage.ts';
import { syncCursorStore } from './sync-cursor.store.ts';
import { createSyncStore } from './sync-store.service.ts';

const refuseCrmWrite = (): Promise<never> => Promise.reject(new Error('cancelling deletions writes no CRM records'));

/** Deletions held back by the mass-deletion guard (DESIGN §3), as the owner sees them and cancels them. */
export const syncDeletionsService = {
  async list(db: Db, mailboxId: string, kind: SyncKind) {
    const rows = await syncCursorStore.pending(db, mailboxId, kind);
    return {
      total: rows.length,
      items: rows.map((r) => ({
        side: r.side,
        crmId: r.crm_id,
        remoteId: r.remote_id,
        itemName: r.item_name,
        runId: r.run_id,
        createdAt: r.created_at,
      })),
    };
  },

  /** Nothing is deleted; the links of those items go, so each side keeps what it has. Returns how many. */
  async cancel(db: Db, mailboxId: string, kind: SyncKind): Promise<number> {
    const store = createSyncStore({
      db,
      mailboxId,
      kind,
      runId: null,
      // The store builds each transaction's CRM writer up front (so a throwing factory failed every cancel with a
      // 500); cancelling never writes a CRM record, so the writer refuses any call instead.
      writer: () => ({ create: refuseCrmWrite, update: refuseCrmWrite, delete: refuseCrmWrite }),
    });
    return (await cancelDeletions({ store }, 'crm')) + (await cancelDeletions({ store }, 'remote'));
  },
};
