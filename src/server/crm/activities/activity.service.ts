import { randomUUID } from 'node:crypto';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ActivitiesTable } from '../../db/schema.ts';
import { searchCondition } from '../../db/search.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { auditOnCreate, auditOnUpdate, recordTombstone } from '../common/audit.ts';
import { type ListParams, resolveSort, searchText } from '../common/list-query.ts';
import { assertUserExists } from '../common/references.ts';
import { cleanText, toUtcIso } from '../common/validators.ts';
import { groupService } from '../groups/group.service.ts';
import { accessCondition, can, loadDefaults } from '../rights/access-rule.ts';
import { rightsService } from '../rights/rights.service.ts';
import { ACTIVITY_SORT, activityStore } from './activity.store.ts';
import type { Activity, ActivityInput, Participant } from './activity.types.ts';

export interface ActivityFilters extends ListParams {
  category?: string | undefined;
  status?: string | undefined;
  ownerId?: string | undefined;
  groupId?: string | undefined;
  showInCalendar?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

async function readCondition(db: Db, actor: Actor): Promise<Expression<SqlBool>[]> {
  const cond = accessCondition(actor, 'activity', 'read', await loadDefaults(db, 'activity'));
  return cond ? [cond] : [];
}

/** Participants must be distinct contacts the actor may read; errors name the item. */
async function checkParticipants(db: Db, actor: Actor, participants: Participant[]): Promise<Participant[]> {
  const seen = new Set<string>();
  for (const [i, p] of participants.entries()) {
    if (seen.has(p.contactId))
      throw invalid(`participants.${i}.contactId`, 'this contact is already a participant', 'duplicate');
    seen.add(p.contactId);
    if (!(await can(db, actor, 'contact', 'read', p.contactId))) {
      throw invalid(`participants.${i}.contactId`, `no contact with id ${p.contactId}`, 'notFound');
    }
  }
  return participants.map((p) => ({ contactId: p.contactId, role: p.role, response: p.response }));
}

/** Normalises times and checks that the activity does not end before it starts. */
function times(input: ActivityInput, current?: ActivitiesTable) {
  const start =
    input.start !== undefined ? (input.start ? toUtcIso('start', input.start) : null) : (current?.start_at ?? null);
  const due = input.due !== undefined ? (input.due ? toUtcIso('due', input.due) : null) : (current?.due_at ?? null);
  const reminderAt =
    input.reminderAt !== undefined
      ? input.reminderAt
        ? toUtcIso('reminderAt', input.reminderAt)
        : null
      : (current?.reminder_at ?? null);
  if (start && due && due < start) throw invalid('due', 'must not be earlier than start', 'notBeforeStart');
  return { start, due, reminderAt };
}

/** Activity rules: validation, participants, rights, change tracking. */
export const activityService = {
  async list(db: Db, actor: Actor, f: ActivityFilters): Promise<{ items: Activity[]; total: number }> {
    const conditions = await readCondition(db, actor);
    if (f.q?.trim()) conditions.push(searchCondition(db, 'activities', f.q.trim()));
    if (f.category) conditions.push(sql<SqlBool>`activities.category = ${f.category}`);
    if (f.status) conditions.push(sql<SqlBool>`activities.status = ${f.status}`);
    if (f.ownerId) conditions.push(sql<SqlBool>`activities.owner_id = ${f.ownerId}`);
    if (f.showInCalendar !== undefined)
      conditions.push(sql<SqlBool>`activities.show_in_calendar = ${f.showInCalendar ? 1 : 0}`);
    // Window overlap (for the calendar): starts before the window ends and ends after it begins.
    if (f.to) conditions.push(sql<SqlBool>`coalesce(activities.start_at, activities.due_at) < ${toUtcIso('to', f.to)}`);
    if (f.from)
      conditions.push(sql<SqlBool>`coalesce(activities.due_at, activities.start_at) >= ${toUtcIso('from', f.from)}`);
    if (f.groupId) conditions.push(await groupService.membershipCondition(db, actor, 'activity', f.groupId));
    const sort = resolveSort(f.sort, ACTIVITY_SORT, f.from || f.to ? 'start' : '-createdAt');
    return activityStore.list(db, conditions, sort, f.limit ?? 50, f.offset ?? 0);
  },

  async get(db: Db, actor: Actor, id: string): Promise<Activity> {
    const activity = await activityStore.findById(db, id, await readCondition(db, actor));
    if (!activity) throw notFound('Activity', id);
    activity.permissions = {
      edit: await can(db, actor, 'activity', 'edit', id),
      delete: await can(db, actor, 'activity', 'delete', id),
    };
    return activity;
  },

  async create(db: Db, actor: Actor, input: ActivityInput): Promise<Activity> {
    const title = cleanText(input.title);
    if (!title) throw invalid('title', 'is required', 'required');
    const id = randomUUID();
    await db.transaction().execute(async (trx) => {
      const t = times(input);
      if (input.ownerId) await assertUserExists(trx, 'ownerId', input.ownerId);
      const participants = await checkParticipants(trx, actor, input.participants ?? []);
      await activityStore.insert(trx, {
        id,
        category: input.category ?? 'task',
        title,
        start_at: t.start,
        due_at: t.due,
        all_day: input.allDay ? 1 : 0,
        status: input.status ?? 'notStarted',
        priority: input.priority ?? 'medium',
        show_in_calendar: input.showInCalendar ? 1 : 0,
        owner_id: input.ownerId ?? actor.id,
        author_id: actor.id || null,
        location: cleanText(input.location),
        notes: input.notes ?? null,
        reminder_at: t.reminderAt,
        search_text: searchText([title, input.location]),
        ...(await auditOnCreate(trx, actor.id)),
      });
      await activityStore.replaceParticipants(trx, id, participants);
    });
    return activityService.get(db, actor, id);
  },

  async update(db: Db, actor: Actor, id: string, input: ActivityInput): Promise<Activity> {
    await db.transaction().execute(async (trx) => {
      const current = await activityStore.rawById(trx, id);
      if (!current || !(await can(trx, actor, 'activity', 'read', id))) throw notFound('Activity', id);
      if (!(await can(trx, actor, 'activity', 'edit', id))) {
        throw new AppError('TANDEM_ERR_FORBIDDEN', 'You may read this activity but not edit it');
      }
      const title = input.title !== undefined ? cleanText(input.title) : current.title;
      if (!title) throw invalid('title', 'is required', 'required');
      const t = times(input, current);
      if (input.ownerId) await assertUserExists(trx, 'ownerId', input.ownerId);
      const location = input.location !== undefined ? cleanText(input.location) : current.location;
      await activityStore.update(trx, id, {
        title,
        start_at: t.start,
        due_at: t.due,
        reminder_at: t.reminderAt,
        location,
        ...(input.category !== undefined && { category: input.category }),
        ...(input.allDay !== undefined && { all_day: input.allDay ? 1 : 0 }),
        ...(input.status !== undefined && { status: input.status }),
        ...(input.priority !== undefined && { priority: input.priority }),
        ...(input.showInCalendar !== undefined && { show_in_calendar: input.showInCalendar ? 1 : 0 }),
        ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
        ...(input.notes !== undefined && { notes: input.notes }),
        search_text: searchText([title, location]),
        ...(await auditOnUpdate(trx, actor.id)),
      });
      if (input.participants) {
        await activityStore.replaceParticipants(trx, id, await checkParticipants(trx, actor, input.participants));
      }
    });
    return activityService.get(db, actor, id);
  },

  async delete(db: Db, actor: Actor, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      if (!(await can(trx, actor, 'activity', 'read', id))) throw notFound('Activity', id);
      if (!(await can(trx, actor, 'activity', 'delete', id))) {
        throw new AppError('TANDEM_ERR_FORBIDDEN', 'You may read this activity but not delete it');
      }
      await groupService.forgetRecord(trx, id);
      await rightsService.forgetRecord(trx, 'activity', id);
      await activityStore.delete(trx, id);
      await recordTombstone(trx, actor.id, 'activity', id);
    });
  },
};
