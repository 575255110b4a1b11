import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { RightsObject } from '../../db/schema.ts';
import type { Actor } from '../../http/access.ts';

export type RightsAction = 'read' | 'edit' | 'delete';

/** Per-object defaults an administrator sets: when true, every signed-in user has that right. */
export interface RightsDefaults {
  read: boolean;
  edit: boolean;
  delete: boolean;
}

export const RIGHTS_TABLE = { contact: 'contacts', account: 'accounts', activity: 'activities' } as const;
const GRANT_COLUMN = { read: 'can_read', edit: 'can_edit', delete: 'can_delete' } as const;

/**
 * THE access rule for records, as a SQL condition over the record's table (null = unrestricted).
 * A user may act on a record when any of these holds:
 *  - they hold the system operation CanManageAllRecords (administrators do by default);
 *  - the object's default grants that right to everyone;
 *  - they own the record;
 *  - a grant on the record gives that right to them or to one of their roles.
 * Lists, exports and single-record checks all use this one expression, so they can never disagree.
 */
export function accessCondition(
  actor: Actor,
  object: RightsObject,
  action: RightsAction,
  defaults: RightsDefaults,
): Expression<SqlBool> | null {
  if (actor.operations.has('CanManageAllRecords') || defaults[action]) return null;
  const table = RIGHTS_TABLE[object];
  const column = sql.ref(`g.${GRANT_COLUMN[action]}`);
  const roleClause =
    actor.roleIds.length > 0
      ? sql`or (g.grantee_type = 'role' and g.grantee_id in (${sql.join(actor.roleIds)}))`
      : sql``;
  return sql<SqlBool>`(${sql.ref(`${table}.owner_id`)} = ${actor.id} or exists (
    select 1 from record_grants g
    where g.object = ${object} and g.record_id = ${sql.ref(`${table}.id`)} and ${column} = 1
      and ((g.grantee_type = 'user' and g.grantee_id = ${actor.id}) ${roleClause})))`;
}

/** Loads the administrator's defaults for one object. */
export async function loadDefaults(db: Db, object: RightsObject): Promise<RightsDefaults> {
  const row = await db.selectFrom('rights_defaults').selectAll().where('object', '=', object).executeTakeFirst();
  return { read: row?.everyone_read === 1, edit: row?.everyone_edit === 1, delete: row?.everyone_delete === 1 };
}

/** canRead / canEdit / canDelete for one record: the same rule evaluated against that row. */
export async function can(
  db: Db,
  actor: Actor,
  object: RightsObject,
  action: RightsAction,
  id: string,
): Promise<boolean> {
  const table = RIGHTS_TABLE[object];
  const cond = accessCondition(actor, object, action, await loadDefaults(db, object));
  let q = db
    .selectFrom(table)
    .select(sql<string>`id`.as('id'))
    .where(sql.ref(`${table}.id`), '=', id);
  if (cond) q = q.where(cond);
  return (await q.executeTakeFirst()) !== undefined;
}

export const canRead = (db: Db, actor: Actor, object: RightsObject, id: string) => can(db, actor, object, 'read', id);
export const canEdit = (db: Db, actor: Actor, object: RightsObject, id: string) => can(db, actor, object, 'edit', id);
export const canDelete = (db: Db, actor: Actor, object: RightsObject, id: string) =>
  can(db, actor, object, 'delete', id);
