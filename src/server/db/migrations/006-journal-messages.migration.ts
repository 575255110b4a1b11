import type { Kysely } from 'kysely';

/**
 * Journal lines say what happened as a message code and its arguments besides the English sentence, so the UI can
 * word them in the user's language (the sentence stays for the API and for lines without a code).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_journal').addColumn('message_code', 'text').execute();
  await db.schema.alterTable('sync_journal').addColumn('message_args', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_journal').dropColumn('message_args').execute();
  await db.schema.alterTable('sync_journal').dropColumn('message_code').execute();
}
