import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ContactsTable } from '../../db/schema.ts';
import { loadChannels } from '../common/channels.ts';
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

async function toContacts(db: Db, rows: Row[]): Promise<Contact[]> {
  const channels = await loadChannels(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
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
    accountName: r.account_name,
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
