import type { Db } from '../db/database.ts';
import type { MailboxesTable } from '../db/schema.ts';

/** A mailbox row with its service's name (for the API shape). */
export type MailboxRow = MailboxesTable & { mail_service_name: string };

function withServiceName(db: Db) {
  return db
    .selectFrom('mailboxes')
    .innerJoin('mail_services', 'mail_services.id', 'mailboxes.mail_service_id')
    .selectAll('mailboxes')
    .select('mail_services.name as mail_service_name');
}

/**
 * Table access for mailboxes. Every read a user can trigger is scoped to an owner (MB-4): a mailbox
 * of another user is simply not found, for administrators too.
 */
export const mailboxStore = {
  /** Every mailbox (background work: the sync scheduler). */
  async all(db: Db): Promise<MailboxesTable[]> {
    return db.selectFrom('mailboxes').selectAll().orderBy('id').execute();
  },

  async listOwned(db: Db, ownerId: string): Promise<MailboxRow[]> {
    return withServiceName(db)
      .where('mailboxes.owner_id', '=', ownerId)
      .orderBy('mailboxes.email_lower')
      .orderBy('mailboxes.id')
      .execute();
  },

  async owned(db: Db, ownerId: string, id: string): Promise<MailboxRow | undefined> {
    return withServiceName(db)
      .where('mailboxes.id', '=', id)
      .where('mailboxes.owner_id', '=', ownerId)
      .executeTakeFirst();
  },

  async ownedByEmail(db: Db, ownerId: string, emailLower: string): Promise<MailboxesTable | undefined> {
    return db
      .selectFrom('mailboxes')
      .selectAll()
      .where('owner_id', '=', ownerId)
      .where('email_lower', '=', emailLower)
      .executeTakeFirst();
  },

  /** Any owner: for server-side work (OAuth callback, sync), never for a user's request. */
  async byId(db: Db, id: string): Promise<MailboxesTable | undefined> {
    return db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insert(db: Db, row: MailboxesTable): Promise<void> {
    await db.insertInto('mailboxes').values(row).execute();
  },

  async update(db: Db, id: string, set: Partial<MailboxesTable>): Promise<void> {
    await db.updateTable('mailboxes').set(set).where('id', '=', id).execute();
  },

  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('mailboxes').where('id', '=', id).execute();
  },
};
