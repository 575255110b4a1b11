import type { Db } from '../db/database.ts';
import type { MailProviderDomainsTable } from '../db/schema.ts';

/** Table access for mail provider domains (MS-9). Domains are stored lowercased. */
export const providerDomainStore = {
  async list(db: Db, mailServiceId: string | undefined): Promise<MailProviderDomainsTable[]> {
    let q = db.selectFrom('mail_provider_domains').selectAll().orderBy('domain');
    if (mailServiceId) q = q.where('mail_service_id', '=', mailServiceId);
    return q.execute();
  },

  async byId(db: Db, id: string): Promise<MailProviderDomainsTable | undefined> {
    return db.selectFrom('mail_provider_domains').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async byDomain(db: Db, domain: string): Promise<MailProviderDomainsTable | undefined> {
    return db.selectFrom('mail_provider_domains').selectAll().where('domain', '=', domain).executeTakeFirst();
  },

  async insert(db: Db, row: MailProviderDomainsTable): Promise<void> {
    await db.insertInto('mail_provider_domains').values(row).execute();
  },

  async update(db: Db, id: string, set: Partial<MailProviderDomainsTable>): Promise<void> {
    await db.updateTable('mail_provider_domains').set(set).where('id', '=', id).execute();
  },

  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('mail_provider_domains').where('id', '=', id).execute();
  },
};
