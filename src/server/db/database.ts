import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

/** PostgreSQL returns bigint (int8) and numeric counts as strings; our values fit in a double. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** Opens SQLite (file under dataDir, or `:memory:`) or PostgreSQL when a URL is given. */
export function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir?: string;
  sqliteFile?: string;
}): DatabaseHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, types: pgTypes, max: 10 });
    // An idle client can be cut by the server (restart, admin command); pg emits that on the pool and
    // an unhandled 'error' event would crash the process. The next query simply opens a new client.
    pool.on('error', (err) => console.warn(`PostgreSQL connection lost: ${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  let file = opts.sqliteFile;
  if (!file) {
    const dir = opts.dataDir ?? 'data';
    mkdirSync(dir, { recursive: true });
    file = join(dir, 'tandem.sqlite');
  }
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers proceed during a write; foreign keys are off by default in SQLite.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // 64 MB of page cache instead of SQLite's 2 MB default: a page of a sync import writes several MB of rows and index
  // entries in one transaction, and with the default most of its index pages are read back from disk as it goes.
  sqlite.pragma('cache_size = -65536');
  // Checkpoint the WAL into the database file every ~40 MB instead of every ~4 MB: index pages that every page of an
  // import touches are copied (and the file synced) once per checkpoint, not once every few commits.
  sqlite.pragma('wal_autocheckpoint = 10000');
  // SQLite's built-in lower() folds ASCII only; replace it so case-insensitive filters work for
  // Cyrillic and other scripts exactly as they do on PostgreSQL.
  sqlite.function('lower', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : s));
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Cheap liveness probe for /api/health. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
