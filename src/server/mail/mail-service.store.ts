import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { MailServicesTable } from '../db/schema.ts';
import { containsPattern } from '../db/search.ts';
import type { Endpoint, MailServiceSettings } from './mail-service.types.ts';

/** Table access for mail services (and the mailbox count MS-10 needs). */

function endpointOf(host: string | null, port: number | null, security: Endpoint['security'] | null): Endpoint | null {
  return host && port !== null && security ? { host, port, security } : null;
}

/** The settings a row holds (everything but id, secret and timestamps). */
export function settingsOf(row: MailServicesTable): MailServiceSettings {
  return {
    name: row.name,
    type: row.type,
    address: row.address,
    downloadEmails: row.download_emails === 1,
    sendEmails: row.send_emails === 1,
    loginFormat: row.login_format,
    auth: row.auth,
    clientId: row.client_id,
    tenant: row.tenant,
    protocol: row.protocol,
    authorityUrl: row.authority_url,
    graphUrl: row.graph_url,
    imap: endpointOf(row.imap_host, row.imap_port, row.imap_security),
    smtp: endpointOf(row.smtp_host, row.smtp_port, row.smtp_security),
  };
}

/** The columns for a set of settings. */
export function columnsOf(
  s: MailServiceSettings,
): Omit<MailServicesTable, 'id' | 'client_secret_enc' | 'created_at' | 'modified_at'> {
  return {
    name: s.name,
    type: s.type,
    address: s.address,
    download_emails: s.downloadEmails ? 1 : 0,
    send_emails: s.sendEmails ? 1 : 0,
    login_format: s.loginFormat,
    auth: s.auth,
    client_id: s.clientId,
    tenant: s.tenant,
    protocol: s.protocol,
    authority_url: s.authorityUrl,
    graph_url: s.graphUrl,
    imap_host: s.imap?.host ?? null,
    imap_port: s.imap?.port ?? null,
    imap_security: s.imap?.security ?? null,
    smtp_host: s.smtp?.host ?? null,
    smtp_port: s.smtp?.port ?? null,
    smtp_security: s.smtp?.security ?? null,
  };
}

export const mailServiceStore = {
  async list(db: Db, q: string | undefined, limit: number, offset: number) {
    let list = db.selectFrom('mail_services').selectAll();
    let count = db.selectFrom('mail_services').select(sql<number>`count(*)`.as('n'));
    if (q?.trim()) {
      const pattern = containsPattern(q.trim());
      const cond = sql<boolean>`(lower(name) like ${pattern} escape '\\' or lower(address) like ${pattern} escape '\\')`;
      list = list.where(cond);
      count = count.where(cond);
    }
    const rows = await list.orderBy('name').orderBy('id').limit(limit).offset(offset).execute();
    return { rows, total: Number((await count.executeTakeFirstOrThrow()).n) };
  },

  async byId(db: Db, id: string): Promise<MailServicesTable | undefined> {
    return db.selectFrom('mail_services').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async byIds(db: Db, ids: string[]): Promise<MailServicesTable[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('mail_services').selectAll().where('id', 'in', ids).orderBy('name').orderBy('id').execute();
  },

  async insert(db: Db, row: MailServicesTable): Promise<void> {
    await db.insertInto('mail_services').values(row).execute();
  },

  async update(db: Db, id: string, set: Partial<MailServicesTable>): Promise<void> {
    await db.updateTable('mail_services').set(set).where('id', '=', id).execute();
  },

  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('mail_services').where('id', '=', id).execute();
  },

  /** How many mailboxes use each of the services (MS-10); services without any are absent. */
  async mailboxCounts(db: Db, ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('mailboxes')
      .select(['mail_service_id', sql<number>`count(*)`.as('n')])
      .where('mail_service_id', 'in', ids)
      .groupBy('mail_service_id')
      .execute();
    return new Map(rows.map((r) => [r.mail_service_id, Number(r.n)]));
  },
};
