import { type Expression, PostgresAdapter, type SqlBool, sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * `left IN (values)` for long lists of text values. PostgreSQL gets one array parameter (`left = any($1::text[])`):
 * with hundreds of values, parsing and planning one parameter per value costs more than the lookup itself. SQLite
 * gets a plain IN list (callers keep lists within its parameter limit).
 */
export function valueIn(db: Db, left: string | Expression<unknown>, values: readonly string[]): Expression<SqlBool> {
  const lhs = typeof left === 'string' ? sql.ref(left) : left;
  if (values.length === 0) return sql<SqlBool>`1 = 0`;
  if (db.getExecutor().adapter instanceof PostgresAdapter) return sql<SqlBool>`${lhs} = any(${[...values]}::text[])`;
  return sql<SqlBool>`${lhs} in (${sql.join(values)})`;
}
