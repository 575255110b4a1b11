import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { UsersTable } from '../../db/schema.ts';
import { containsPattern } from '../../db/search.ts';
import type { User } from './user.types.ts';

async function withRoles(db: Db, rows: UsersTable[]): Promise<User[]> {
  const ids = rows.map((r) => r.id);
  const memberships = ids.length
    ? await db.selectFrom('user_roles').selectAll().where('user_id', 'in', ids).orderBy('role_id').execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    login: r.login,
    displayName: r.display_name,
    language: r.language,
    timeZone: r.time_zone,
    roleIds: memberships.filter((m) => m.user_id === r.id).map((m) => m.role_id),
    contactId: r.contact_id,
    active: r.active === 1,
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
  }));
}

/** Table access for users and their role memberships. */
export const userStore = {
  async list(db: Db, q: string | undefined, limit: number, offset: number) {
    let list = db.selectFrom('users').selectAll();
    let count = db.selectFrom('users').select(sql<number>`count(*)`.as('n'));
    if (q?.trim()) {
      const pattern = containsPattern(q.trim());
      const cond = sql<boolean>`(login_lower like ${pattern} escape '\\' or lower(display_name) like ${pattern} escape '\\')`;
      list = list.where(cond);
      count = count.where(cond);
    }
    const rows = await list.orderBy('display_name').orderBy('id').limit(limit).offset(offset).execute();
    return { items: await withRoles(db, rows), total: Number((await count.executeTakeFirstOrThrow()).n) };
  },

  async findById(db: Db, id: string): Promise<User | undefined> {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await withRoles(db, [row]))[0] : undefined;
  },

  async rawById(db: Db, id: string) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findByLogin(db: Db, login: string) {
    return db.selectFrom('users').selectAll().where('login_lower', '=', login.toLowerCase()).executeTakeFirst();
  },

  async insert(db: Db, row: UsersTable) {
    await db.insertInto('users').values(row).execute();
  },

  async update(db: Db, id: string, set: Partial<UsersTable>) {
    await db.updateTable('users').set(set).where('id', '=', id).execute();
  },

  async delete(db: Db, id: string) {
    await db.deleteFrom('users').where('id', '=', id).execute();
  },

  async setRoles(db: Db, userId: string, roleIds: string[]) {
    await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    if (roleIds.length) {
      await db
        .insertInto('user_roles')
        .values(roleIds.map((role_id) => ({ user_id: userId, role_id })))
        .execute();
    }
  },

  async roleIdsOf(db: Db, userId: string): Promise<string[]> {
    const rows = await db.selectFrom('user_roles').select('role_id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.role_id);
  },

  async operationsOfRoles(db: Db, roleIds: string[]): Promise<string[]> {
    if (roleIds.length === 0) return [];
    const rows = await db
      .selectFrom('role_operations')
      .select('operation_code')
      .distinct()
      .where('role_id', 'in', roleIds)
      .execute();
    return rows.map((r) => r.operation_code).sort();
  },

  /** Active users who hold CanManageAdministration through any role. */
  async administratorIds(db: Db): Promise<string[]> {
    const rows = await db
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .innerJoin('role_operations', 'role_operations.role_id', 'user_roles.role_id')
      .select('users.id')
      .distinct()
      .where('role_operations.operation_code', '=', 'CanManageAdministration')
      .where('users.active', '=', 1)
      .execute();
    return rows.map((r) => r.id);
  },
};
