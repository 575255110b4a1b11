import { type Kysely, sql } from 'kysely';

/**
 * Reference data every installation starts with: system operations, the built-in Administrators role
 * (granted all operations), contact and account types, and record-rights defaults. Frozen history:
 * later changes come as new migrations.
 */
const OPERATIONS: [string, string, string][] = [
  ['CanManageAdministration', 'Access to the Administration workplace', 'Доступ к рабочему месту "Администрирование"'],
  ['CanManageAllRecords', 'Full access to all records', 'Полный доступ ко всем записям'],
];
const CONTACT_TYPES: [string, string, string][] = [
  ['employee', 'Employee', 'Сотрудник'],
  ['customer', 'Customer', 'Клиент'],
  ['partner', 'Partner', 'Партнер'],
  ['supplier', 'Supplier', 'Поставщик'],
];
const ACCOUNT_TYPES: [string, string, string][] = [
  ['ourCompany', 'Our company', 'Наша компания'],
  ['customer', 'Customer', 'Клиент'],
  ['partner', 'Partner', 'Партнер'],
  ['supplier', 'Supplier', 'Поставщик'],
  ['competitor', 'Competitor', 'Конкурент'],
];
export const ADMINISTRATORS_ROLE_ID = '00000000-0000-4000-8000-000000000001';

export async function up(db: Kysely<unknown>): Promise<void> {
  const now = new Date().toISOString();
  for (const [code, en, ru] of OPERATIONS) {
    await sql`insert into system_operations (code, name_en, name_ru) values (${code}, ${en}, ${ru})`.execute(db);
  }
  await sql`insert into roles (id, name, name_lower, built_in, created_at)
            values (${ADMINISTRATORS_ROLE_ID}, 'Administrators', 'administrators', 1, ${now})`.execute(db);
  for (const [code] of OPERATIONS) {
    await sql`insert into role_operations (role_id, operation_code) values (${ADMINISTRATORS_ROLE_ID}, ${code})`.execute(
      db,
    );
  }
  for (const [table, rows] of [
    ['contact_types', CONTACT_TYPES],
    ['account_types', ACCOUNT_TYPES],
  ] as const) {
    let position = 0;
    for (const [id, en, ru] of rows) {
      await sql`insert into ${sql.table(table)} (id, name_en, name_ru, position)
                values (${id}, ${en}, ${ru}, ${position++})`.execute(db);
    }
  }
  // Contacts and accounts are readable by everyone, as in the vendor's default setup; activities are private.
  for (const [object, read] of [
    ['contact', 1],
    ['account', 1],
    ['activity', 0],
  ] as const) {
    await sql`insert into rights_defaults (object, everyone_read, everyone_edit, everyone_delete)
              values (${object}, ${read}, 0, 0)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'rights_defaults',
    'account_types',
    'contact_types',
    'role_operations',
    'roles',
    'system_operations',
  ]) {
    await sql`delete from ${sql.table(t)}`.execute(db);
  }
}
