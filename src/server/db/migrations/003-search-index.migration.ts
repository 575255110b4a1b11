import { type Kysely, sql } from 'kysely';

/**
 * Substring search (`?q=`) over `search_text` without a full scan. The two databases need different
 * tools, so this is the one dialect-specific migration:
 * - PostgreSQL: a trigram GIN index (pg_trgm, a trusted extension since PostgreSQL 13) serves
 *   `LIKE '%…%'` directly.
 * - SQLite: an FTS5 table with the trigram tokenizer (SQLite ≥ 3.34) kept in step by triggers; it
 *   serves `LIKE '%…%'` for patterns of three or more characters. It stores the record id rather than
 *   mapping rowids, because VACUUM may renumber rowids of tables whose key is text.
 */
const TABLES = ['contacts', 'accounts', 'activities'] as const;

async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  try {
    await sql`select version()`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (await isPostgres(db)) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    for (const t of TABLES) {
      await sql`create index ${sql.id(`${t}_search_trgm`)} on ${sql.table(t)} using gin (search_text gin_trgm_ops)`.execute(
        db,
      );
    }
    return;
  }
  for (const t of TABLES) {
    const fts = sql.table(`${t}_fts`);
    const table = sql.table(t);
    await sql`create virtual table ${fts} using fts5(id unindexed, search_text, tokenize = 'trigram')`.execute(db);
    await sql`insert into ${fts} (id, search_text) select id, search_text from ${table}`.execute(db);
    await sql
      .raw(`create trigger ${t}_fts_insert after insert on ${t} begin
        insert into ${t}_fts (id, search_text) values (new.id, new.search_text); end`)
      .execute(db);
    await sql
      .raw(`create trigger ${t}_fts_update after update of search_text on ${t} begin
        delete from ${t}_fts where id = old.id;
        insert into ${t}_fts (id, search_text) values (new.id, new.search_text); end`)
      .execute(db);
    await sql
      .raw(`create trigger ${t}_fts_delete after delete on ${t} begin
        delete from ${t}_fts where id = old.id; end`)
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (await isPostgres(db)) {
    for (const t of TABLES) await sql`drop index if exists ${sql.id(`${t}_search_trgm`)}`.execute(db);
    return;
  }
  for (const t of TABLES) {
    for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists ${t}_fts_${op}`).execute(db);
    await sql.raw(`drop table if exists ${t}_fts`).execute(db);
  }
}
