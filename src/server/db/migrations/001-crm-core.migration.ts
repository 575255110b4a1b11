import { type Kysely, sql } from 'kysely';

/**
 * The CRM core: users, roles, system operations, sessions, lookups, contacts, accounts, activities,
 * groups and record rights. Column types are the portable subset (text, integer, bigint) so that one
 * migration serves SQLite and PostgreSQL (DESIGN §1).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('login_lower', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lower', 'text', (c) => c.notNull().unique())
    .addColumn('built_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('system_operations')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('role_operations')
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addColumn('operation_code', 'text', (c) => c.notNull().references('system_operations.code').onDelete('cascade'))
    .addPrimaryKeyConstraint('role_operations_pk', ['role_id', 'operation_code'])
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role_id'])
    .execute();
  await db.schema.createIndex('user_roles_role').on('user_roles').column('role_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  for (const table of ['contact_types', 'account_types']) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('name_ru', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
  }

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type_id', 'text', (c) => c.references('account_types.id'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('notes', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('change_seq', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_by', 'text')
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_name').on('accounts').columns(['name', 'id']).execute();
  await db.schema.createIndex('accounts_owner').on('accounts').column('owner_id').execute();
  await db.schema.createIndex('accounts_change_seq').on('accounts').column('change_seq').execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('given_name', 'text')
    .addColumn('middle_name', 'text')
    .addColumn('surname', 'text')
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('job_title', 'text')
    .addColumn('department', 'text')
    .addColumn('birthday', 'text')
    .addColumn('type_id', 'text', (c) => c.references('contact_types.id'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('notes', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('change_seq', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_by', 'text')
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_full_name').on('contacts').columns(['full_name', 'id']).execute();
  await db.schema.createIndex('contacts_owner').on('contacts').column('owner_id').execute();
  await db.schema.createIndex('contacts_account').on('contacts').column('account_id').execute();
  await db.schema.createIndex('contacts_type').on('contacts').column('type_id').execute();
  await db.schema.createIndex('contacts_change_seq').on('contacts').column('change_seq').execute();
  await db.schema.createIndex('contacts_modified').on('contacts').columns(['modified_at', 'id']).execute();

  // Communication options and addresses of contacts and accounts: one row each, ordered by position.
  await db.schema
    .createTable('communications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('value_lower', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('communications_record').on('communications').column('record_id').execute();
  // Mail linking (ML-2) finds contacts by address.
  await db.schema.createIndex('communications_value').on('communications').columns(['value_lower', 'kind']).execute();

  await db.schema
    .createTable('addresses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('street', 'text')
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('country', 'text')
    .addColumn('zip', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('addresses_record').on('addresses').column('record_id').execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text')
    .addColumn('due_at', 'text')
    .addColumn('all_day', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('show_in_calendar', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('location', 'text')
    .addColumn('notes', 'text')
    .addColumn('reminder_at', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('change_seq', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_by', 'text')
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activities_start').on('activities').columns(['start_at', 'id']).execute();
  await db.schema.createIndex('activities_owner').on('activities').column('owner_id').execute();
  await db.schema.createIndex('activities_change_seq').on('activities').column('change_seq').execute();

  await db.schema
    .createTable('activity_participants')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_participants_pk', ['activity_id', 'contact_id'])
    .execute();
  await db.schema
    .createIndex('activity_participants_contact')
    .on('activity_participants')
    .column('contact_id')
    .execute();

  await db.schema
    .createTable('record_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filter', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('record_groups.id').onDelete('cascade'))
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'record_id'])
    .execute();
  await db.schema.createIndex('group_members_record').on('group_members').column('record_id').execute();

  await db.schema
    .createTable('record_grants')
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('grantee_type', 'text', (c) => c.notNull())
    .addColumn('grantee_id', 'text', (c) => c.notNull())
    .addColumn('can_read', 'integer', (c) => c.notNull())
    .addColumn('can_edit', 'integer', (c) => c.notNull())
    .addColumn('can_delete', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_grants_pk', ['object', 'record_id', 'grantee_type', 'grantee_id'])
    .execute();
  await db.schema.createIndex('record_grants_grantee').on('record_grants').columns(['grantee_id', 'object']).execute();

  await db.schema
    .createTable('rights_defaults')
    .addColumn('object', 'text', (c) => c.primaryKey())
    .addColumn('everyone_read', 'integer', (c) => c.notNull())
    .addColumn('everyone_edit', 'integer', (c) => c.notNull())
    .addColumn('everyone_delete', 'integer', (c) => c.notNull())
    .execute();

  // Deletions are writes too: an exporter asking "changed since seq N" learns of them here.
  await db.schema
    .createTable('record_tombstones')
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('change_seq', 'bigint', (c) => c.notNull())
    .addColumn('deleted_by', 'text')
    .addColumn('deleted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_tombstones_pk', ['object', 'record_id'])
    .execute();
  await db.schema.createIndex('record_tombstones_seq').on('record_tombstones').column('change_seq').execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  await sql`insert into counters (name, value) values ('change_seq', 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'counters',
    'record_tombstones',
    'rights_defaults',
    'record_grants',
    'group_members',
    'record_groups',
    'activity_participants',
    'activities',
    'addresses',
    'communications',
    'contacts',
    'accounts',
    'account_types',
    'contact_types',
    'sessions',
    'user_roles',
    'role_operations',
    'system_operations',
    'roles',
    'users',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
