import type { Expression, SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ActivitiesTable } from '../../db/schema.ts';
import { inOrder, pageOfIds } from '../common/paging.ts';
import type { Activity, Participant } from './activity.types.ts';

export const ACTIVITY_SORT = {
  title: 'activities.title',
  start: 'activities.start_at',
  due: 'activities.due_at',
  status: 'activities.status',
  priority: 'activities.priority',
  category: 'activities.category',
  createdAt: 'activities.created_at',
  modifiedAt: 'activities.modified_at',
  changeSeq: 'activities.change_seq',
} as const;

type Row = ActivitiesTable & { owner_name: string | null };

function baseSelect(db: Db) {
  return db
    .selectFrom('activities')
    .leftJoin('users', 'users.id', 'activities.owner_id')
    .selectAll('activities')
    .select('users.display_name as owner_name');
}

async function toActivities(db: Db, rows: Row[]): Promise<Activity[]> {
  const ids = rows.map((r) => r.id);
  const parts = ids.length
    ? await db
        .selectFrom('activity_participants')
        .innerJoin('contacts', 'contacts.id', 'activity_participants.contact_id')
        .select(['activity_id', 'contact_id', 'role', 'response', 'contacts.full_name'])
        .where('activity_id', 'in', ids)
        .orderBy('activity_id')
        .orderBy('position')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    title: r.title,
    start: r.start_at,
    due: r.due_at,
    allDay: r.all_day === 1,
    status: r.status,
    priority: r.priority,
    showInCalendar: r.show_in_calendar === 1,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    authorId: r.author_id,
    location: r.location,
    notes: r.notes,
    reminderAt: r.reminder_at,
    participants: parts
      .filter((p) => p.activity_id === r.id)
      .map((p) => ({ contactId: p.contact_id, contactName: p.full_name, role: p.role, response: p.response })),
    changeSeq: Number(r.change_seq),
    createdAt: r.created_at,
    createdById: r.created_by,
    modifiedAt: r.modified_at,
    modifiedById: r.modified_by,
  }));
}

/** Table access for activities and their participants. */
export const activityStore = {
  async findById(db: Db, id: string, conditions: Expression<SqlBool>[] = []): Promise<Activity | undefined> {
    let q = baseSelect(db).where('activities.id', '=', id);
    for (const c of conditions) q = q.where(c);
    const row = await q.executeTakeFirst();
    return row ? (await toActivities(db, [row as Row]))[0] : undefined;
  },

  async list(
    db: Db,
    conditions: Expression<SqlBool>[],
    sort: { column: (typeof ACTIVITY_SORT)[keyof typeof ACTIVITY_SORT]; direction: 'asc' | 'desc' },
    limit: number,
    offset: number,
  ): Promise<{ items: Activity[]; total: number }> {
    const page = await pageOfIds(db, 'activities', conditions, sort, limit, offset);
    const rows = page.ids.length ? await baseSelect(db).where('activities.id', 'in', page.ids).execute() : [];
    return { items: await toActivities(db, inOrder(page.ids, rows as Row[])), total: page.total };
  },

  rawById: (db: Db, id: string) => db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirst(),
  insert: async (db: Db, row: ActivitiesTable) => void (await db.insertInto('activities').values(row).execute()),
  update: async (db: Db, id: string, set: Partial<ActivitiesTable>) =>
    void (await db.updateTable('activities').set(set).where('id', '=', id).execute()),
  delete: async (db: Db, id: string) => void (await db.deleteFrom('activities').where('id', '=', id).execute()),

  async replaceParticipants(db: Db, activityId: string, participants: Participant[]): Promise<void> {
    await db.deleteFrom('activity_participants').where('activity_id', '=', activityId).execute();
    if (participants.length === 0) return;
    await db
      .insertInto('activity_participants')
      .values(
        participants.map((p, position) => ({
          activity_id: activityId,
          contact_id: p.contactId,
          role: p.role,
          response: p.response,
          position,
        })),
      )
      .execute();
  },
};
