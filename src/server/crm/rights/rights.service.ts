import type { Db } from '../../db/database.ts';
import type { RightsObject } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { can, RIGHTS_TABLE } from './access-rule.ts';

export interface Grant {
  granteeType: 'user' | 'role';
  granteeId: string;
  read: boolean;
  edit: boolean;
  delete: boolean;
}
export interface DefaultsRow {
  object: RightsObject;
  everyoneCanRead: boolean;
  everyoneCanEdit: boolean;
  everyoneCanDelete: boolean;
}

/** Owners and holders of CanManageAllRecords manage a record's grants. */
async function assertMayManage(db: Db, actor: Actor, object: RightsObject, id: string): Promise<void> {
  if (!(await can(db, actor, object, 'read', id))) throw notFound(object, id);
  if (actor.operations.has('CanManageAllRecords')) return;
  const row = await db.selectFrom(RIGHTS_TABLE[object]).select('owner_id').where('id', '=', id).executeTakeFirst();
  if (row?.owner_id !== actor.id) {
    throw new AppError('TANDEM_ERR_FORBIDDEN', 'Only the owner or an administrator can change access rights');
  }
}

/** Record grants and per-object defaults (DESIGN: "owner plus read/edit/delete grants to users or roles"). */
export const rightsService = {
  async grants(db: Db, actor: Actor, object: RightsObject, id: string): Promise<Grant[]> {
    if (!(await can(db, actor, object, 'read', id))) throw notFound(object, id);
    const rows = await db
      .selectFrom('record_grants')
      .selectAll()
      .where('object', '=', object)
      .where('record_id', '=', id)
      .orderBy('grantee_type')
      .orderBy('grantee_id')
      .execute();
    return rows.map((r) => ({
      granteeType: r.grantee_type,
      granteeId: r.grantee_id,
      read: r.can_read === 1,
      edit: r.can_edit === 1,
      delete: r.can_delete === 1,
    }));
  },

  async replaceGrants(db: Db, actor: Actor, object: RightsObject, id: string, grants: Grant[]): Promise<Grant[]> {
    await db.transaction().execute(async (trx) => {
      await assertMayManage(trx, actor, object, id);
      const seen = new Set<string>();
      for (const [i, g] of grants.entries()) {
        const key = `${g.granteeType}:${g.granteeId}`;
        if (seen.has(key)) throw invalid(`items.${i}.granteeId`, 'appears twice', 'duplicate');
        seen.add(key);
        const table = g.granteeType === 'user' ? 'users' : 'roles';
        const exists = await trx.selectFrom(table).select('id').where('id', '=', g.granteeId).executeTakeFirst();
        if (!exists) throw invalid(`items.${i}.granteeId`, `no ${g.granteeType} with id ${g.granteeId}`, 'notFound');
      }
      await trx.deleteFrom('record_grants').where('object', '=', object).where('record_id', '=', id).execute();
      if (grants.length > 0) {
        await trx
          .insertInto('record_grants')
          .values(
            grants.map((g) => ({
              object,
              record_id: id,
              grantee_type: g.granteeType,
              grantee_id: g.granteeId,
              // Edit or delete without read would be a right nobody can use.
              can_read: g.read || g.edit || g.delete ? (1 as const) : (0 as const),
              can_edit: g.edit ? (1 as const) : (0 as const),
              can_delete: g.delete ? (1 as const) : (0 as const),
            })),
          )
          .execute();
      }
    });
    return rightsService.grants(db, actor, object, id);
  },

  async forgetRecord(trx: Db, object: RightsObject, id: string): Promise<void> {
    await trx.deleteFrom('record_grants').where('object', '=', object).where('record_id', '=', id).execute();
  },

  async forgetGrantee(trx: Db, granteeType: 'user' | 'role', granteeId: string): Promise<void> {
    await trx
      .deleteFrom('record_grants')
      .where('grantee_type', '=', granteeType)
      .where('grantee_id', '=', granteeId)
      .execute();
  },

  async defaults(db: Db): Promise<DefaultsRow[]> {
    const rows = await db.selectFrom('rights_defaults').selectAll().orderBy('object').execute();
    return rows.map((r) => ({
      object: r.object,
      everyoneCanRead: r.everyone_read === 1,
      everyoneCanEdit: r.everyone_edit === 1,
      everyoneCanDelete: r.everyone_delete === 1,
    }));
  },

  async replaceDefaults(db: Db, items: DefaultsRow[]): Promise<DefaultsRow[]> {
    await db.transaction().execute(async (trx) => {
      for (const d of items) {
        await trx
          .updateTable('rights_defaults')
          .set({
            everyone_read: d.everyoneCanRead || d.everyoneCanEdit || d.everyoneCanDelete ? 1 : 0,
            everyone_edit: d.everyoneCanEdit ? 1 : 0,
            everyone_delete: d.everyoneCanDelete ? 1 : 0,
          })
          .where('object', '=', d.object)
          .execute();
      }
    });
    return rightsService.defaults(db);
  },
};
