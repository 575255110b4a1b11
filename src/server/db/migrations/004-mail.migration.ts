import type { Kysely } from 'kysely';

/**
 * Mail services (MS-*), provider domains (MS-9), mailboxes (MB-*) and pending OAuth sign-ins (OA-*).
 * Portable columns as in 001: text ids and ISO timestamps, integer 0/1 flags, JSON kept as text.
 * Every `*_enc` column holds vault ciphertext (MS-11); `tandem rotate-secret-key` re-encrypts them all.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mail_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('download_emails', 'integer', (c) => c.notNull())
    .addColumn('send_emails', 'integer', (c) => c.notNull())
    .addColumn('login_format', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('client_secret_enc', 'text')
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('authority_url', 'text', (c) => c.notNull())
    .addColumn('graph_url', 'text', (c) => c.notNull())
    .addColumn('imap_host', 'text')
    .addColumn('imap_port', 'integer')
    .addColumn('imap_security', 'text')
    .addColumn('smtp_host', 'text')
    .addColumn('smtp_port', 'integer')
    .addColumn('smtp_security', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_services_name').on('mail_services').columns(['name', 'id']).execute();

  // A domain leads to one service (MS-9); a deleted service takes its domains with it.
  await db.schema
    .createTable('mail_provider_domains')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('domain', 'text', (c) => c.notNull().unique())
    .addColumn('mail_service_id', 'text', (c) => c.notNull().references('mail_services.id').onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('mail_provider_domains_service')
    .on('mail_provider_domains')
    .column('mail_service_id')
    .execute();

  // No cascade from mail_services: a service in use cannot be deleted (MS-10), and the database
  // says so too. A deleted user takes their mailboxes with them (MB-4: nobody else may own them).
  await db.schema
    .createTable('mailboxes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_lower', 'text', (c) => c.notNull())
    .addColumn('mail_service_id', 'text', (c) => c.notNull().references('mail_services.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('login', 'text')
    .addColumn('password_enc', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('access_token_enc', 'text')
    .addColumn('refresh_token_enc', 'text')
    .addColumn('token_expires_at', 'text')
    .addColumn('remote_user_id', 'text')
    .addColumn('last_test_at', 'text')
    .addColumn('last_test_result', 'text')
    .addColumn('sync_settings', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .execute();
  // The unique index leads with owner_id, so it also serves "the mailboxes of this user".
  await db.schema
    .createIndex('mailboxes_owner_email')
    .on('mailboxes')
    .columns(['owner_id', 'email_lower'])
    .unique()
    .execute();
  await db.schema.createIndex('mailboxes_service').on('mailboxes').column('mail_service_id').execute();

  // Pending authorization-code sign-ins: single use, bound to the session, short-lived (OA-3).
  await db.schema
    .createTable('oauth_states')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('session_hash', 'text', (c) => c.notNull())
    .addColumn('mailbox_id', 'text', (c) => c.references('mailboxes.id').onDelete('cascade'))
    .addColumn('draft', 'text')
    .addColumn('code_verifier_enc', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('oauth_states_user').on('oauth_states').column('user_id').execute();
  await db.schema.createIndex('oauth_states_mailbox').on('oauth_states').column('mailbox_id').execute();
  await db.schema.createIndex('oauth_states_expires').on('oauth_states').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['oauth_states', 'mailboxes', 'mail_provider_domains', 'mail_services']) {
    await db.schema.dropTable(table).execute();
  }
}
