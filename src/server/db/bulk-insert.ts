import { type InsertQueryBuilder, type InsertResult, PostgresAdapter, sql } from 'kysely';
import type { Db } from './database.ts';
import type { Database } from './schema.ts';

/**
 * Inserts many rows of one table the way each database takes them best. PostgreSQL: one statement with an array per
 * column (`insert … select * from unnest($1::text[], …)`), so the server parses a handful of parameters instead of one
 * per value (a page of 500 status rows is 7,000 values; measured about 30% less server time than multi-row VALUES).
 * SQLite: multi-row VALUES in chunks within its limit on parameters. `conflict` adds an ON CONFLICT clause (upserts).
 * Every row must have the same keys.
 */

type Table = keyof Database & string;
type Conflict<T extends Table> = Parameters<InsertQueryBuilder<Database, T, InsertResult>['onConflict']>[0];

/** Rows and parameters per SQLite statement (SQLite allows 32,766 parameters; larger statements cost more to prepare). */
const SQLITE_ROWS = 500;
const SQLITE_PARAMS = 8000;
/** Rows per PostgreSQL statement. */
const POSTGRES_ROWS = 5000;

/** PostgreSQL's type of each column, per table (the schema does not change while a process runs). */
const columnTypes = new Map<string, Promise<Map<string, string>>>();

function typesOf(db: Db, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    types = sql<{ column_name: string; data_type: string }>`
      select column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}`
      .execute(db)
      .then((r) => new Map(r.rows.map((c) => [c.column_name, c.data_type])));
    types.catch(() => columnTypes.delete(table));
    columnTypes.set(table, types);
  }
  return types;
}

export async function insertRows<T extends Table>(
  db: Db,
  table: T,
  rows: readonly Database[T][],
  conflict?: Conflict<T>,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const finish = (q: InsertQueryBuilder<Database, T, InsertResult>) => (conflict ? q.onConflict(conflict) : q);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const types = await typesOf(db, table);
    for (let i = 0; i < rows.length; i += POSTGRES_ROWS) {
      const chunk = rows.slice(i, i + POSTGRES_ROWS) as unknown as Record<string, unknown>[];
      const arrays = columns.map((c) => {
        const type = types.get(c);
        if (!type) throw new Error(`insertRows: ${table} has no column ${c}`);
        return sql`${chunk.map((r) => r[c] ?? null)}::${sql.raw(type)}[]`;
      });
      const source = sql`select * from unnest(${sql.join(arrays)})`;
      // The column list is the rows' own keys, each checked against the table above.
      await finish(
        db
          .insertInto(table)
          .columns(columns as never)
          .expression(source as never),
      ).execute();
    }
    return;
  }
  const size = Math.max(1, Math.min(SQLITE_ROWS, Math.floor(SQLITE_PARAMS / columns.length)));
  for (let i = 0; i < rows.length; i += size) {
    await finish(db.insertInto(table).values(rows.slice(i, i + size) as never)).execute();
  }
}
