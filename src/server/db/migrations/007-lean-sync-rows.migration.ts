import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * Status rows and journal lines are written once per synced item, so an initial import writes as many of each as
 * CRM records: what they do not need costs every import (bench/README.md, contact-sync).
 *
 * - `sync_links`: no content hashes (the row keeps the content itself, which "changed" is now measured against).
 * - `sync_journal`: its primary key is the order it is read and pruned in (mailbox, time, sequence, id), which
 *   replaces the separate indexes by id, by mailbox and time, and by time; pruning goes mailbox by mailbox.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_links').dropColumn('base_hash').execute();
  await db.schema.alterTable('sync_links').dropColumn('crm_hash').execute();

  await createJournal(db, 'sync_journal_next', 'sync_journal_pk', ['mailbox_id', 'at', 'seq', 'id']);
  await copyJournal(db, 'sync_journal', 'sync_journal_next');
  await db.schema.dropTable('sync_journal').execute();
  await db.schema.alterTable('sync_journal_next').renameTo('sync_journal').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await createJournal(db, 'sync_journal_prev', 'sync_journal_prev_pk', ['id']);
  await copyJournal(db, 'sync_journal', 'sync_journal_prev');
  await db.schema.dropTable('sync_journal').execute();
  await db.schema.alterTable('sync_journal_prev').renameTo('sync_journal').execute();
  await db.schema.createIndex('sync_journal_mailbox').on('sync_journal').columns(['mailbox_id', 'at', 'seq']).execute();
  await db.schema.createIndex('sync_journal_at').on('sync_journal').column('at').execute();

  await db.schema.alterTable('sync_links').addColumn('base_hash', 'text').execute();
  await db.schema.alterTable('sync_links').addColumn('crm_hash', 'text').execute();
}

const JOURNAL_COLUMNS = [
  'id',
  'mailbox_id',
  'kind',
  'run_id',
  'at',
  'seq',
  'action',
  'side',
  'result',
  'rule',
  'crm_id',
  'remote_id',
  'item_name',
  'message',
  'message_code',
  'message_args',
] as const;

/** The journal's columns as migrations 005 and 006 left them, with the primary key `key`. */
async function createJournal(
  db: Kysely<unknown>,
  name: string,
  keyName: string,
  key: (typeof JOURNAL_COLUMNS)[number][],
) {
  const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
  await db.schema
    .createTable(name)
    .addColumn('id', 'text', notNull)
    .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id').onDelete('cascade'))
    .addColumn('kind', 'text', notNull)
    .addColumn('run_id', 'text')
    .addColumn('at', 'text', notNull)
    .addColumn('seq', 'integer', notNull)
    .addColumn('action', 'text', notNull)
    .addColumn('side', 'text')
    .addColumn('result', 'text', notNull)
    .addColumn('rule', 'text')
    .addColumn('crm_id', 'text')
    .addColumn('remote_id', 'text')
    .addColumn('item_name', 'text')
    .addColumn('message', 'text')
    .addColumn('message_code', 'text')
    .addColumn('message_args', 'text')
    .addPrimaryKeyConstraint(keyName, key)
    .execute();
}

async function copyJournal(db: Kysely<unknown>, from: string, to: string) {
  const columns = sql.join(JOURNAL_COLUMNS.map((c) => sql.id(c)));
  await sql`insert into ${sql.table(to)} (${columns}) select ${columns} from ${sql.table(from)}`.execute(db);
}
