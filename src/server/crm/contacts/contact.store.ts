import { type Expression, type SqlBool, sql } from 'kysely';
import { insertRows } from '../../db/bulk-insert.ts';
import type { Db } from '../../db/database.ts';
import type { ContactsTable } from '../../db/schema.ts';
import { type Address, type Communication, loadChannels } from '../common/channels.ts';
import { inOrder, pageOfIds } from '../common/paging.ts';
import type { Contact } from './contact.types.ts';

/** Sortable API fields and their columns. */
export const CONTACT_SORT = {
  fullName: 'contacts.full_name',
  givenName: 'contacts.given_name',
  surname: 'contacts.surname',
  jobTitle: 'contacts.job_title',
  department: 'contacts.department',
  birthday: 'contacts.birthday',
  createdAt: 'contacts.created_at',
  modifiedAt: 'contacts.modified_at',
  changeSeq: 'contacts.change_seq',
} as const;

type Row = ContactsTable & { account_name: string | null; owner_name: string | null };

function baseSelect(db: Db) {
  return db
    .selectFrom('contacts')
    .leftJoin('accounts', 'accounts.id', 'contacts.account_id')
    .leftJoin('users', 'users.id', 'contacts.owner_id')
    .selectAll('contacts')
    .select(['accounts.name as account_name', 'users.display_name as owner_name']);
}

/** The API's contact from its row, its account's and owner's names and its channels. */
export function contactOf(
  r: ContactsTable,
  names: { accountName: string | null; ownerName: string | null },
  channels: { communications: Communication[]; addresses: Address[] },
): Contact {
  return {
    id: r.id,
    givenName: r.given_name,
    middleName: r.middle_name,
    surname: r.surname,
    fullName: r.full_name,
    jobTitle: r.job_title,
    department: r.department,
    birthday: r.birthday,
    type: r.type_id,
    accountId: r.account_id,
    accountName: names.accountName,
    ownerId: r.owner_id,
    ownerName: names.ownerName,
    communications: channels.communications,
    addresses: channels.addresses,
    notes: r.notes,
    changeSeq: Number(r.change_seq),
    createdAt: r.created_at,
    createdById: r.created_by,
    modifiedAt: r.modified_at,
    modifiedById: r.modified_by,
  };
}

async function toContacts(db: Db, rows: Row[]): Promise<Contact[]> {
  const channels = await loadChannels(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    contactOf(
      r,
      { accountName: r.account_name, ownerName: r.owner_name },
      channels.get(r.id) ?? { communications: [], addresses: [] },
    ),
  );
}

/** Table access for contacts; callers pass the conditions (rights, filters) as SQL expressions. */
export const contactStore = {
  async findById(db: Db, id: string, conditions: Expression<SqlBool>[] = []): Promise<Contact | undefined> {
    let q = baseSelect(db).where('contacts.id', '=', id);
    for (const c of conditions) q = q.where(c);
    const row = await q.executeTakeFirst();
    return row ? (await toContacts(db, [row as Row]))[0] : undefined;
  },

  async list(
    db: Db,
    conditions: Expression<SqlBool>[],
    sort: { column: (typeof CONTACT_SORT)[keyof typeof CONTACT_SORT]; direction: 'asc' | 'desc' },
    limit: number,
    offset: number,
  ): Promise<{ items: Contact[]; total: number }> {
    const page = await pageOfIds(db, 'contacts', conditions, sort, limit, offset);
    const rows = page.ids.length ? await baseSelect(db).where('contacts.id', 'in', page.ids).execute() : [];
    return { items: await toContacts(db, inOrder(page.ids, rows as Row[])), total: page.total };
  },

  /** The contacts with these ids that meet the conditions, in no particular order. */
  async findMany(db: Db, ids: string[], conditions: Expression<SqlBool>[]): Promise<Contact[]> {
    const rows: Row[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      let q = baseSelect(db).where('contacts.id', 'in', ids.slice(i, i + 500));
      for (const c of conditions) q = q.where(c);
      rows.push(...((await q.execute()) as Row[]));
    }
    return toContacts(db, rows);
  },

  /**
   * Contacts with change_seq above `seq` that meet the conditions, in seq order, with whether `scope` holds for each
   * (the sync's export feed).
   */
  async changedAfter(
    db: Db,
    seq: number,
    limit: number,
    conditions: Expression<SqlBool>[],
    scope: Expression<SqlBool>,
  ): Promise<{ contact: Contact; inScope: boolean }[]> {
    let q = baseSelect(db)
      .select(sql<number>`case when ${scope} then 1 else 0 end`.as('in_scope'))
      .where('contacts.change_seq', '>', seq);
    for (const c of conditions) q = q.where(c);
    const rows = (await q.orderBy('contacts.change_seq').limit(limit).execute()) as (Row & { in_scope: number })[];
    const contacts = await toContacts(db, rows);
    return contacts.map((contact, i) => ({ contact, inScope: Number(rows[i]?.in_scope) === 1 }));
  },

  /** Ids of contacts that meet the conditions, in id order after `afterId`. */
  async idsAfter(db: Db, afterId: string | null, limit: number, conditions: Expression<SqlBool>[]): Promise<string[]> {
    let q = db.selectFrom('contacts').select('contacts.id');
    if (afterId !== null) q = q.where('contacts.id', '>', afterId);
    for (const c of conditions) q = q.where(c);
    return (await q.orderBy('contacts.id').limit(limit).execute()).map((r) => r.id);
  },

  /** Ids of every contact (readable or not) changed after `seq`, in seq order. */
  async idsChangedAfter(db: Db, seq: number, limit: number): Promise<{ id: string; seq: number }[]> {
    const rows = await db
      .selectFrom('contacts')
      .select(['id', 'change_seq'])
      .where('change_seq', '>', seq)
      .orderBy('change_seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, seq: Number(r.change_seq) }));
  },

  /** Deletions recorded after `seq`, in seq order. */
  async deletedAfter(db: Db, seq: number, limit: number): Promise<{ id: string; seq: number }[]> {
    const rows = await db
      .selectFrom('record_tombstones')
      .select(['record_id', 'change_seq'])
      .where('object', '=', 'contact')
      .where('change_seq', '>', seq)
      .orderBy('change_seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.record_id, seq: Number(r.change_seq) }));
  },

  async insertMany(db: Db, rows: ContactsTable[]): Promise<void> {
    await insertRows(db, 'contacts', rows);
  },

  async insert(db: Db, row: ContactsTable): Promise<void> {
    await db.insertInto('contacts').values(row).execute();
  },

  async update(db: Db, id: string, row: Partial<ContactsTable>): Promise<void> {
    await db.updateTable('contacts').set(row).where('id', '=', id).execute();
  },

  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('contacts').where('id', '=', id).execute();
  },

  async rawById(db: Db, id: string): Promise<ContactsTable | undefined> {
    return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  },
};
