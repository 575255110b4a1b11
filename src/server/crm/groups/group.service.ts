import { randomUUID } from 'node:crypto';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { GroupObject, RecordGroupsTable } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { accessCondition, loadDefaults } from '../rights/access-rule.ts';
import { GROUP_TABLE } from './filter-fields.ts';
import { compileFilter, type FilterGroup } from './group-filter.ts';

export interface Group {
  id: string;
  name: string;
  object: GroupObject;
  kind: 'static' | 'dynamic';
  filter: FilterGroup | null;
  ownerId: string | null;
  createdAt: string;
  modifiedAt: string;
}
export interface GroupInput {
  name?: string;
  object?: GroupObject;
  kind?: 'static' | 'dynamic';
  filter?: FilterGroup | null;
}

function toGroup(r: RecordGroupsTable): Group {
  return {
    id: r.id,
    name: r.name,
    object: r.object,
    kind: r.kind,
    filter: r.filter ? (JSON.parse(r.filter) as FilterGroup) : null,
    ownerId: r.owner_id,
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
  };
}

async function load(db: Db, id: string): Promise<RecordGroupsTable> {
  const row = await db.selectFrom('record_groups').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Group', id);
  return row;
}

function assertMayChange(actor: Actor, row: RecordGroupsTable): void {
  if (row.owner_id !== actor.id && !actor.operations.has('CanManageAllRecords')) {
    throw new AppError('TANDEM_ERR_FORBIDDEN', 'Only the group owner or an administrator can change this group');
  }
}

/**
 * Groups of contacts and of activities. Groups are visible to every signed-in user; their members are
 * still filtered by record rights, so a group never reveals a record its viewer may not read.
 */
export const groupService = {
  async list(db: Db, object?: GroupObject): Promise<{ items: Group[]; total: number }> {
    let q = db.selectFrom('record_groups').selectAll().orderBy('name').orderBy('id');
    if (object) q = q.where('object', '=', object);
    const items = (await q.execute()).map(toGroup);
    return { items, total: items.length };
  },

  async get(db: Db, id: string): Promise<Group> {
    return toGroup(await load(db, id));
  },

  async create(db: Db, actor: Actor, input: Required<Pick<GroupInput, 'name' | 'object' | 'kind'>> & GroupInput) {
    const name = input.name.trim();
    if (!name) throw invalid('name', 'is required', 'required');
    if (input.kind === 'dynamic') {
      if (!input.filter) throw invalid('filter', 'is required for a dynamic group', 'required');
      compileFilter(input.object, input.filter, actor.id);
    } else if (input.filter) {
      throw invalid('filter', 'applies to dynamic groups only');
    }
    const now = new Date().toISOString();
    const id = randomUUID();
    await db
      .insertInto('record_groups')
      .values({
        id,
        name,
        object: input.object,
        kind: input.kind,
        filter: input.kind === 'dynamic' ? JSON.stringify(input.filter) : null,
        owner_id: actor.id,
        created_at: now,
        modified_at: now,
      })
      .execute();
    return groupService.get(db, id);
  },

  async update(db: Db, actor: Actor, id: string, input: GroupInput): Promise<Group> {
    const row = await load(db, id);
    assertMayChange(actor, row);
    if (input.object !== undefined && input.object !== row.object) throw invalid('object', 'cannot be changed');
    if (input.kind !== undefined && input.kind !== row.kind) throw invalid('kind', 'cannot be changed');
    const set: Partial<RecordGroupsTable> = { modified_at: new Date().toISOString() };
    if (input.name !== undefined) {
      if (!input.name.trim()) throw invalid('name', 'is required', 'required');
      set.name = input.name.trim();
    }
    if (input.filter !== undefined) {
      if (row.kind !== 'dynamic') throw invalid('filter', 'applies to dynamic groups only');
      if (!input.filter) throw invalid('filter', 'is required for a dynamic group', 'required');
      compileFilter(row.object, input.filter, actor.id);
      set.filter = JSON.stringify(input.filter);
    }
    await db.updateTable('record_groups').set(set).where('id', '=', id).execute();
    return groupService.get(db, id);
  },

  async delete(db: Db, actor: Actor, id: string): Promise<void> {
    const row = await load(db, id);
    assertMayChange(actor, row);
    await db.deleteFrom('record_groups').where('id', '=', id).execute();
  },

  /** Adds records to a static group; each must exist and be readable by the actor. */
  async addMembers(db: Db, actor: Actor, id: string, recordIds: string[]): Promise<void> {
    const row = await load(db, id);
    assertMayChange(actor, row);
    if (row.kind !== 'static') throw invalid('recordIds', 'members are added to static groups only');
    const table = GROUP_TABLE[row.object];
    const object = row.object;
    const cond = accessCondition(actor, object, 'read', await loadDefaults(db, object));
    const unique = [...new Set(recordIds)];
    let q = db
      .selectFrom(table)
      .select(sql<string>`${sql.ref(`${table}.id`)}`.as('id'))
      .where(sql.ref(`${table}.id`), 'in', unique);
    if (cond) q = q.where(cond);
    const readable = new Set((await q.execute()).map((r) => r.id));
    const missing = recordIds.findIndex((r) => !readable.has(r));
    if (missing >= 0) throw invalid(`recordIds.${missing}`, `no ${object} with id ${recordIds[missing]}`, 'notFound');
    await db.transaction().execute(async (trx) => {
      const existing = new Set(
        (
          await trx
            .selectFrom('group_members')
            .select('record_id')
            .where('group_id', '=', id)
            .where('record_id', 'in', unique)
            .execute()
        ).map((r) => r.record_id),
      );
      const fresh = unique.filter((r) => !existing.has(r));
      if (fresh.length > 0) {
        await trx
          .insertInto('group_members')
          .values(fresh.map((record_id) => ({ group_id: id, record_id })))
          .execute();
      }
    });
  },

  async removeMember(db: Db, actor: Actor, id: string, recordId: string): Promise<void> {
    const row = await load(db, id);
    assertMayChange(actor, row);
    if (row.kind !== 'static') throw invalid('recordId', 'members are removed from static groups only');
    await db.deleteFrom('group_members').where('group_id', '=', id).where('record_id', '=', recordId).execute();
  },

  /** The condition "record is in group" over the object's table: membership rows or the saved filter. */
  async membershipCondition(db: Db, actor: Actor, object: GroupObject, groupId: string): Promise<Expression<SqlBool>> {
    const row = await db.selectFrom('record_groups').selectAll().where('id', '=', groupId).executeTakeFirst();
    if (!row || row.object !== object) throw invalid('groupId', `no ${object} group with id ${groupId}`, 'notFound');
    if (row.kind === 'dynamic' && row.filter) {
      return compileFilter(object, JSON.parse(row.filter) as FilterGroup, actor.id);
    }
    const owner = sql.ref(`${GROUP_TABLE[object]}.id`);
    return sql<SqlBool>`exists (select 1 from group_members gm where gm.group_id = ${groupId} and gm.record_id = ${owner})`;
  },

  async forgetRecord(trx: Db, recordId: string): Promise<void> {
    await trx.deleteFrom('group_members').where('record_id', '=', recordId).execute();
  },
};
