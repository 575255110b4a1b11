import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { countWhenSearchOnly } from '../../db/search.ts';

type PagedTable = 'contacts' | 'accounts' | 'activities';

/** Sort columns that are never null; the others get an explicit blanks-last rule (see below). */
const NOT_NULL = new Set([
  'contacts.full_name',
  'accounts.name',
  'activities.title',
  'activities.category',
  'activities.status',
  'activities.priority',
]);
const ALWAYS_SET = /\.(created_at|modified_at|change_seq)$/;

/**
 * One page of ids plus the total, for a list. Only ids are paged ("deferred join"): the database walks
 * the sort index for `offset + limit` rows without joining owners and accounts for rows it skips, and
 * the caller then loads the 50 full rows by id. Ties are broken by id so pages never overlap.
 */
export async function pageOfIds(
  db: Db,
  table: PagedTable,
  conditions: Expression<SqlBool>[],
  sort: { column: string; direction: 'asc' | 'desc' },
  limit: number,
  offset: number,
): Promise<{ ids: string[]; total: number }> {
  let ids = db.selectFrom(table).select(sql<string>`${sql.ref(`${table}.id`)}`.as('id'));
  let count = db.selectFrom(table).select(sql<number>`count(*)`.as('n'));
  for (const c of conditions) {
    ids = ids.where(c);
    count = count.where(c);
  }
  // SQLite sorts nulls first and PostgreSQL last; say it explicitly so both put blanks last when
  // ascending (first when descending). Non-null columns skip this so their index serves the order.
  const nullable = !NOT_NULL.has(sort.column) && !ALWAYS_SET.test(sort.column);
  // On PostgreSQL the page and the count run on two pooled connections at once.
  const [rows, counted] = await Promise.all([
    (nullable ? ids.orderBy(sql`${sql.ref(sort.column)} is null`, sort.direction) : ids)
      .orderBy(sql.ref(sort.column), sort.direction)
      .orderBy(sql.ref(`${table}.id`), sort.direction)
      .limit(limit)
      .offset(offset)
      .execute(),
    countWhenSearchOnly(conditions)?.() ?? count.executeTakeFirstOrThrow().then((r) => r.n),
  ]);
  const total = Number(counted);
  return { ids: rows.map((r) => r.id), total };
}

/** Puts rows loaded by id back into the page's order. */
export function inOrder<T extends { id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
}
