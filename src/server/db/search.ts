import { type Expression, PostgresAdapter, type SqlBool, sql } from 'kysely';
import type { Db } from './database.ts';

/** The tables with a `search_text` column and a search index (migration 003). */
export type SearchableTable = 'contacts' | 'accounts' | 'activities';

/** Lowercase "contains" pattern for LIKE (ESCAPE '\\'), with the user's wildcards escaped. */
export function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * "search_text contains q" as a condition that uses each database's index: the trigram GIN index on
 * PostgreSQL, the FTS5 trigram table on SQLite. FTS5 cannot honour an ESCAPE clause, so a query that
 * contains a LIKE wildcard falls back to scanning the table on SQLite (rare and still correct).
 */
export function searchCondition(db: Db, table: SearchableTable, q: string): Expression<SqlBool> {
  const column = sql.ref(`${table}.search_text`);
  const like = containsPattern(q);
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (isPostgres || /[\\%_]/.test(q)) return sql<SqlBool>`${column} like ${like} escape '\\'`;
  const condition = sql<SqlBool>`${sql.ref(`${table}.id`)} in (select id from ${sql.table(`${table}_fts`)} where search_text like ${like})`;
  // The FTS table holds exactly one row per record, so when the search is a list's only condition
  // its total can be counted there without touching the records table (half the work of a search).
  ftsCounts.set(condition, async () => {
    const r = await sql<{
      n: number;
    }>`select count(*) as n from ${sql.table(`${table}_fts`)} where search_text like ${like}`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  });
  return condition;
}

const ftsCounts = new WeakMap<Expression<SqlBool>, () => Promise<number>>();

/** A cheaper way to count a list whose only condition is an FTS search; undefined otherwise. */
export function countWhenSearchOnly(conditions: Expression<SqlBool>[]): (() => Promise<number>) | undefined {
  return conditions.length === 1 && conditions[0] ? ftsCounts.get(conditions[0]) : undefined;
}
