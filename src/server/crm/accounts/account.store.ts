import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AccountsTable } from '../../db/schema.ts';
import { loadChannels } from '../common/channels.ts';
import { inOrder, pageOfIds } from '../common/paging.ts';
import type { Account } from './account.types.ts';

export const ACCOUNT_SORT = {
  name: 'accounts.name',
  createdAt: 'accounts.created_at',
  modifiedAt: 'accounts.modified_at',
  changeSeq: 'accounts.change_seq',
} as const;

type Row = AccountsTable & { owner_name: string | null };

function baseSelect(db: Db) {
  return db
    .selectFrom('accounts')
    .leftJoin('users', 'users.id', 'accounts.owner_id')
    .selectAll('accounts')
    .select('users.display_name as owner_name');
}

async function toAccounts(db: Db, rows: Row[]): Promise<Account[]> {
  const channels = await loadChannels(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type_id,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    communications: channels.get(r.id)?.communications ?? [],
    addresses: channels.get(r.id)?.addresses ?? [],
    notes: r.notes,
    changeSeq: Number(r.change_seq),
    createdAt: r.created_at,
    createdById: r.created_by,
    modifiedAt: r.modified_at,
    modifiedById: r.modified_by,
  }));
}

/** Table access for accounts. */
export const accountStore = {
  async findById(db: Db, id: string, conditions: Expression<SqlBool>[] = []): Promise<Account | undefined> {
    let q = baseSelect(db).where('accounts.id', '=', id);
    for (const c of conditions) q = q.where(c);
    const row = await q.executeTakeFirst();
    return row ? (await toAccounts(db, [row as Row]))[0] : undefined;
  },

  async list(
    db: Db,
    conditions: Expression<SqlBool>[],
    sort: { column: (typeof ACCOUNT_SORT)[keyof typeof ACCOUNT_SORT]; direction: 'asc' | 'desc' },
    limit: number,
    offset: number,
  ): Promise<{ items: Account[]; total: number }> {
    const page = await pageOfIds(db, 'accounts', conditions, sort, limit, offset);
    const rows = page.ids.length ? await baseSelect(db).where('accounts.id', 'in', page.ids).execute() : [];
    return { items: await toAccounts(db, inOrder(page.ids, rows as Row[])), total: page.total };
  },

  rawById: (db: Db, id: string) => db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: async (db: Db, row: AccountsTable) => void (await db.insertInto('accounts').values(row).execute()),
  update: async (db: Db, id: string, set: Partial<AccountsTable>) =>
    void (await db.updateTable('accounts').set(set).where('id', '=', id).execute()),
  delete: async (db: Db, id: string) => void (await db.deleteFrom('accounts').where('id', '=', id).execute()),
};
