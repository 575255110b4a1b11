import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/**
 * The sync engine's state (DESIGN §3): status rows (`sync_links`), cursors, runs with their leases, the journal,
 * conflicts and deletions waiting for the owner's confirmation. Everything is per mailbox and kind and goes when
 * the mailbox goes. Portable columns as in 001 (text ids, ISO timestamps, JSON as text, bigint sequences).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const mailbox = (c: ColumnDefinitionBuilder) => c.notNull().references('mailboxes.id').onDelete('cascade');

  // One row per synced item: the CRM id, the remote id and version, the CRM change_seq last written or seen, and
  // the mapped fields both sides agreed on at the last sync (the base of field-by-field merges).
  await db.schema
    .createTable('sync_links')
    .addColumn('mailbox_id', 'text', mailbox)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('crm_id', 'text', (c) => c.notNull())
    .addColumn('remote_id', 'text')
    .addColumn('folder_id', 'text')
    .addColumn('remote_version', 'text')
    .addColumn('crm_seq', 'bigint', (c) => c.notNull())
    .addColumn('base', 'text')
    .addColumn('base_hash', 'text')
    // The CRM record's mapped fields as they were after the last sync: each side is diffed against its own. Stored
    // as the fields that differ from `base` (sync-store.service.ts encodeCrmBase).
    .addColumn('crm_base', 'text')
    .addColumn('crm_hash', 'text')
    // 'create' while a remote create is in flight: the next run looks the item up by its correlation id first.
    .addColumn('pending', 'text')
    .addColumn('seen_round', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_links_pk', ['mailbox_id', 'kind', 'crm_id'])
    .execute();
  // One remote item links to one CRM record at most: "never duplicates" holds in the database too.
  await db.schema
    .createIndex('sync_links_remote')
    .on('sync_links')
    .columns(['mailbox_id', 'kind', 'remote_id'])
    .unique()
    .execute();

  // The end of a listing looks for the links of one folder it did not see.
  await db.schema
    .createIndex('sync_links_folder')
    .on('sync_links')
    .columns(['mailbox_id', 'kind', 'folder_id'])
    .execute();

  // Opaque remote cursors per folder (`folder:<id>`) and the CRM export position (`crm`). `listing` is set while
  // a full listing round runs (first sync or after an expired cursor); links seen in it carry that round id.
  await db.schema
    .createTable('sync_cursors')
    .addColumn('mailbox_id', 'text', mailbox)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('listing', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_cursors_pk', ['mailbox_id', 'kind', 'scope'])
    .execute();

  await db.schema
    .createTable('sync_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_id', 'text', mailbox)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    // `<mailbox>:<kind>` while queued or running, null after: the unique index allows one active run per
    // mailbox and kind across every process (CT-5); NULLs never collide.
    .addColumn('active_key', 'text', (c) => c.unique())
    .addColumn('confirm_deletions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('conflicts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stage', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('heartbeat_at', 'text')
    .addColumn('worker', 'text')
    .execute();
  await db.schema.createIndex('sync_runs_mailbox').on('sync_runs').columns(['mailbox_id', 'queued_at']).execute();
  await db.schema.createIndex('sync_runs_state').on('sync_runs').columns(['state', 'heartbeat_at']).execute();

  await db.schema
    .createTable('sync_journal')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_id', 'text', mailbox)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('side', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('rule', 'text')
    .addColumn('crm_id', 'text')
    .addColumn('remote_id', 'text')
    .addColumn('item_name', 'text')
    .addColumn('message', 'text')
    .execute();
  await db.schema.createIndex('sync_journal_mailbox').on('sync_journal').columns(['mailbox_id', 'at', 'seq']).execute();
  await db.schema.createIndex('sync_journal_at').on('sync_journal').column('at').execute();

  await db.schema
    .createTable('sync_conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_id', 'text', mailbox)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('crm_id', 'text', (c) => c.notNull())
    .addColumn('remote_id', 'text')
    .addColumn('item_name', 'text')
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('base', 'text')
    .addColumn('crm_version', 'text', (c) => c.notNull())
    .addColumn('remote_version', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sync_conflicts_mailbox').on('sync_conflicts').columns(['mailbox_id', 'at']).execute();

  // Deletions a run planned but held back by the mass-deletion guard until the owner confirms or cancels.
  await db.schema
    .createTable('sync_pending_deletions')
    .addColumn('mailbox_id', 'text', mailbox)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('crm_id', 'text', (c) => c.notNull())
    .addColumn('remote_id', 'text')
    .addColumn('folder_id', 'text')
    .addColumn('item_name', 'text')
    .addColumn('run_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_pending_deletions_pk', ['mailbox_id', 'kind', 'side', 'crm_id'])
    .execute();

  // Compare-and-set claims: one worker at a time runs a mailbox and kind, whatever the process (DESIGN §7.6).
  await db.schema
    .createTable('sync_leases')
    .addColumn('mailbox_id', 'text', mailbox)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_leases_pk', ['mailbox_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'sync_leases',
    'sync_pending_deletions',
    'sync_conflicts',
    'sync_journal',
    'sync_runs',
    'sync_cursors',
    'sync_links',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
