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
  return sql<SqlBool>`${sql.ref(`${table}.id`)} in (select id from ${sql.table(`${table}_fts`)} where search_text like ${like})`;
}
