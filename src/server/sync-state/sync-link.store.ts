import { sql } from 'kysely';
import { insertRows } from '../db/bulk-insert.ts';
import type { Db } from '../db/database.ts';
import type { SyncKind, SyncLinksTable } from '../db/schema.ts';
import { valueIn } from '../db/value-in.ts';

/** Asks about long id lists in chunks any driver accepts. */
async function inChunks<T>(ids: string[], ask: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await ask(ids.slice(i, i + 500))));
  return out;
}

/** Status rows (`sync_links`) of one mailbox and kind. Rows are plain table rows; the service turns them into links. */
export const syncLinkStore = {
  /** Rows whose remote id (or CRM id) is one of `ids`. */
  byIds(db: Db, mailboxId: string, kind: SyncKind, column: 'remote_id' | 'crm_id', ids: string[]) {
    return inChunks(ids, (chunk) =>
      db
        .selectFrom('sync_links')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .where('kind', '=', kind)
        .where(valueIn(db, column, chunk))
        .execute(),
    );
  },

  /** Which of these CRM ids have a status row (the primary key alone answers). */
  async linkedCrmIds(db: Db, mailboxId: string, kind: SyncKind, ids: string[]): Promise<Set<string>> {
    const rows = await inChunks(ids, (chunk) =>
      db
        .selectFrom('sync_links')
        .select('crm_id')
        .where('mailbox_id', '=', mailboxId)
        .where('kind', '=', kind)
        .where(valueIn(db, 'crm_id', chunk))
        .execute(),
    );
    return new Set(rows.map((r) => r.crm_id));
  },

  /** Whether the mailbox has no status rows of this kind at all. */
  async isEmpty(db: Db, mailboxId: string, kind: SyncKind): Promise<boolean> {
    const row = await db
      .selectFrom('sync_links')
      .select('crm_id')
      .where('mailbox_id', '=', mailboxId)
      .where('kind', '=', kind)
      .limit(1)
      .executeTakeFirst();
    return row === undefined;
  },

  async count(db: Db, mailboxId: string, kind: SyncKind): Promise<number> {
    const row = await db
      .selectFrom('sync_links')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('mailbox_id', '=', mailboxId)
      .where('kind', '=', kind)
      .where('remote_id', 'is not', null)
      .where((eb) => eb.or([eb('pending', 'is', null), eb('pending', '!=', 'detached')]))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  async pending(db: Db, mailboxId: string, kind: SyncKind, pending: 'create' | 'echo', limit: number) {
    return db
      .selectFrom('sync_links')
      .selectAll()
      .where('mailbox_id', '=', mailboxId)
      .where('kind', '=', kind)
      .where('pending', '=', pending)
      .orderBy('crm_id')
      .limit(limit)
      .execute();
  },

  /** Inserts rows known to be new. */
  async insertMany(db: Db, rows: SyncLinksTable[]): Promise<void> {
    await insertRows(db, 'sync_links', rows);
  },

  /** Inserts or replaces rows by (mailbox, kind, crm id); a row without a seen round keeps the stored one. */
  async upsertMany(db: Db, rows: SyncLinksTable[]): Promise<void> {
    await insertRows(db, 'sync_links', rows, (oc) =>
      oc.columns(['mailbox_id', 'kind', 'crm_id']).doUpdateSet((eb) => ({
        remote_id: eb.ref('excluded.remote_id'),
        folder_id: eb.ref('excluded.folder_id'),
        remote_version: eb.ref('excluded.remote_version'),
        crm_seq: eb.ref('excluded.crm_seq'),
        base: eb.ref('excluded.base'),
        crm_base: eb.ref('excluded.crm_base'),
        pending: eb.ref('excluded.pending'),
        seen_round: sql<string | null>`coalesce(excluded.seen_round, sync_links.seen_round)`,
        updated_at: eb.ref('excluded.updated_at'),
      })),
    );
  },

  async delete(db: Db, mailboxId: string, kind: SyncKind, crmId: string): Promise<void> {
    await db
      .deleteFrom('sync_links')
      .where('mailbox_id', '=', mailboxId)
      .where('kind', '=', kind)
      .where('crm_id', '=', crmId)
      .execute();
  },

  async detach(db: Db, mailboxId: string, kind: SyncKind, crmId: string, keepRemoteId: boolean): Promise<void> {
    await db
      .updateTable('sync_links')
      .set({ pending: 'detached', ...(keepRemoteId ? {} : { remote_id: null }), updated_at: new Date().toISOString() })
      .where('mailbox_id', '=', mailboxId)
      .where('kind', '=', kind)
      .where('crm_id', '=', crmId)
      .execute();
  },

  async markSeen(db: Db, mailboxId: string, kind: SyncKind, remoteIds: string[], round: string): Promise<void> {
    for (let i = 0; i < remoteIds.length; i += 500) {
      await db
        .updateTable('sync_links')
        .set({ seen_round: round })
        .where('mailbox_id', '=', mailboxId)
        .where('kind', '=', kind)
        .where(valueIn(db, 'remote_id', remoteIds.slice(i, i + 500)))
        // Rows the page's own writes already marked are left alone: rewriting them changes nothing but costs a new
        // row version each (on an initial import, every row of the page).
        .where((eb) => eb.or([eb('seen_round', 'is', null), eb('seen_round', '!=', round)]))
        .execute();
    }
  },

  async unseenInFolder(db: Db, mailboxId: string, kind: SyncKind, folderId: string, round: string) {
    return db
      .selectFrom('sync_links')
      .selectAll()
      .where('mailbox_id', '=', mailboxId)
      .where('kind', '=', kind)
      .where('folder_id', '=', folderId)
      .where('remote_id', 'is not', null)
      .where((eb) => eb.or([eb('pending', 'is', null), eb('pending', '!=', 'detached')]))
      .where((eb) => eb.or([eb('seen_round', 'is', null), eb('seen_round', '!=', round)]))
      .execute();
  },
};
