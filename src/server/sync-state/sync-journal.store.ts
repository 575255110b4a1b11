import { type Expression, type SqlBool, sql } from 'kysely';
import { insertRows } from '../db/bulk-insert.ts';
import type { Db } from '../db/database.ts';
import type { SyncConflictsTable, SyncJournalTable } from '../db/schema.ts';
import { valueIn } from '../db/value-in.ts';

/** The journal (`sync_journal`) and conflicts (`sync_conflicts`) of mailboxes (DESIGN §3: every action and skip). */

export interface JournalFilter {
  kind?: string | undefined;
  runId?: string | undefined;
  action?: string | undefined;
  result?: string | undefined;
  rule?: string | undefined;
}

function journalConditions(mailboxId: string, f: JournalFilter): Expression<SqlBool>[] {
  const out = [sql<SqlBool>`mailbox_id = ${mailboxId}`];
  if (f.kind) out.push(sql<SqlBool>`kind = ${f.kind}`);
  if (f.runId) out.push(sql<SqlBool>`run_id = ${f.runId}`);
  if (f.action) out.push(sql<SqlBool>`action = ${f.action}`);
  if (f.result) out.push(sql<SqlBool>`result = ${f.result}`);
  if (f.rule) out.push(sql<SqlBool>`rule = ${f.rule}`);
  return out;
}

export const syncJournalStore = {
  async insertMany(db: Db, rows: SyncJournalTable[]): Promise<void> {
    await insertRows(db, 'sync_journal', rows);
  },

  async list(db: Db, mailboxId: string, f: JournalFilter, limit: number, offset: number) {
    let q = db.selectFrom('sync_journal');
    for (const c of journalConditions(mailboxId, f)) q = q.where(c);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const items = await q
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('seq', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return { items, total: Number(total?.n ?? 0) };
  },

  /** The rule ids that occur in a mailbox's journal (for the filter's choices). */
  async rules(db: Db, mailboxId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('sync_journal')
      .select('rule')
      .distinct()
      .where('mailbox_id', '=', mailboxId)
      .where('rule', 'is not', null)
      .execute();
    return rows.map((r) => r.rule as string).sort();
  },

  async insertConflict(db: Db, row: SyncConflictsTable): Promise<void> {
    await db.insertInto('sync_conflicts').values(row).execute();
  },

  async conflicts(db: Db, mailboxId: string, kind: string | undefined, limit: number, offset: number) {
    let q = db.selectFrom('sync_conflicts').where('mailbox_id', '=', mailboxId);
    if (kind) q = q.where('kind', '=', kind as SyncConflictsTable['kind']);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const items = await q.selectAll().orderBy('at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
    return { items, total: Number(total?.n ?? 0) };
  },

  /**
   * Deletes journal lines and conflicts older than `before` (retention, default 30 days), mailbox by mailbox: both
   * tables are keyed by mailbox and time, and have no index by time alone.
   */
  async prune(db: Db, before: string): Promise<number> {
    const ids = (await db.selectFrom('mailboxes').select('id').execute()).map((m) => m.id);
    let deleted = 0;
    // The mailbox ids as one array (PostgreSQL) or an IN list (SQLite): either reaches each mailbox's key range.
    for (let i = 0; i < ids.length; i += 500) {
      const mailboxes = valueIn(db, 'mailbox_id', ids.slice(i, i + 500));
      const lines = await db.deleteFrom('sync_journal').where(mailboxes).where('at', '<', before).executeTakeFirst();
      await db.deleteFrom('sync_conflicts').where(mailboxes).where('at', '<', before).execute();
      deleted += Number(lines.numDeletedRows ?? 0);
    }
    return deleted;
  },
};
