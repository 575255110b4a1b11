import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { AppError, invalid, notFound, taken } from '../../errors.ts';
import { rightsService } from '../rights/rights.service.ts';
import { assertAdministratorRemains } from '../users/user.service.ts';

export interface Role {
  id: string;
  name: string;
  operations: string[];
  builtIn: boolean;
  userIds: string[];
}

async function assertOperations(db: Db, operations: string[]): Promise<void> {
  const known = new Set((await db.selectFrom('system_operations').select('code').execute()).map((r) => r.code));
  operations.forEach((op, i) => {
    if (!known.has(op))
      throw invalid(`operations.${i}`, `"${op}" is not a system operation (${[...known].join(', ')})`);
  });
}

/** Roles and the system operations granted to them. */
export const roleService = {
  async list(db: Db): Promise<{ items: Role[]; total: number }> {
    const roles = await db.selectFrom('roles').selectAll().orderBy('built_in', 'desc').orderBy('name').execute();
    const ops = await db.selectFrom('role_operations').selectAll().execute();
    const members = await db.selectFrom('user_roles').selectAll().execute();
    const items = roles.map((r) => ({
      id: r.id,
      name: r.name,
      builtIn: r.built_in === 1,
      operations: ops
        .filter((o) => o.role_id === r.id)
        .map((o) => o.operation_code)
        .sort(),
      userIds: members.filter((m) => m.role_id === r.id).map((m) => m.user_id),
    }));
    return { items, total: items.length };
  },

  async get(db: Db, id: string): Promise<Role> {
    const role = (await roleService.list(db)).items.find((r) => r.id === id);
    if (!role) throw notFound('Role', id);
    return role;
  },

  async create(db: Db, input: { name: string; operations?: string[] }): Promise<Role> {
    const name = input.name.trim();
    if (!name) throw invalid('name', 'is required', 'required');
    const operations = [...new Set(input.operations ?? [])];
    const id = randomUUID();
    await db.transaction().execute(async (trx) => {
      await assertOperations(trx, operations);
      const clash = await trx
        .selectFrom('roles')
        .select('id')
        .where('name_lower', '=', name.toLowerCase())
        .executeTakeFirst();
      if (clash) throw taken('name', `A role named "${name}" already exists`);
      await trx
        .insertInto('roles')
        .values({ id, name, name_lower: name.toLowerCase(), built_in: 0, created_at: new Date().toISOString() })
        .execute();
      if (operations.length) {
        await trx
          .insertInto('role_operations')
          .values(operations.map((operation_code) => ({ role_id: id, operation_code })))
          .execute();
      }
    });
    return roleService.get(db, id);
  },

  async update(db: Db, id: string, input: { name?: string; operations?: string[] }): Promise<Role> {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('Role', id);
      if (input.name !== undefined) {
        const name = input.name.trim();
        if (!name) throw invalid('name', 'is required', 'required');
        const clash = await trx
          .selectFrom('roles')
          .select('id')
          .where('name_lower', '=', name.toLowerCase())
          .executeTakeFirst();
        if (clash && clash.id !== id) throw taken('name', `A role named "${name}" already exists`);
        await trx.updateTable('roles').set({ name, name_lower: name.toLowerCase() }).where('id', '=', id).execute();
      }
      if (input.operations !== undefined) {
        const operations = [...new Set(input.operations)];
        await assertOperations(trx, operations);
        await trx.deleteFrom('role_operations').where('role_id', '=', id).execute();
        if (operations.length) {
          await trx
            .insertInto('role_operations')
            .values(operations.map((operation_code) => ({ role_id: id, operation_code })))
            .execute();
        }
        await assertAdministratorRemains(trx);
      }
    });
    return roleService.get(db, id);
  },

  async delete(db: Db, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('Role', id);
      if (row.built_in === 1)
        throw new AppError('TANDEM_ERR_CONFLICT', `The built-in role "${row.name}" cannot be deleted`);
      await rightsService.forgetGrantee(trx, 'role', id);
      await trx.deleteFrom('roles').where('id', '=', id).execute();
      await assertAdministratorRemains(trx);
    });
  },

  async systemOperations(db: Db) {
    const rows = await db.selectFrom('system_operations').selectAll().orderBy('code').execute();
    return { items: rows.map((r) => ({ code: r.code, name: { en: r.name_en, ru: r.name_ru } })) };
  },
};
