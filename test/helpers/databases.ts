import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../src/server/db/database.ts';

/** Where the PostgreSQL tier creates its throw-away databases. */
export const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: Promise<boolean> | undefined;

/** True when PostgreSQL answers; under CI=true its absence is an error, never a silent skip. */
export function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (err) {
      if (process.env.CI === 'true')
        throw new Error(`PostgreSQL tier required in CI but unreachable at ${PG_ADMIN_URL}: ${err}`);
      console.log(`\n!!! SKIPPED PostgreSQL tier: ${PG_ADMIN_URL} unreachable (${(err as Error).message}) !!!\n`);
      return false;
    }
  })();
  return pgAvailable;
}

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and removes the database (file or PostgreSQL database). */
  drop(): Promise<void>;
  /**
   * The environment a separate Tandem process (`tandem worker`) needs to open this same database: DATA_DIR of the
   * SQLite file, or DATABASE_URL of the PostgreSQL database.
   */
  processEnv?: { DATA_DIR: string } | { DATABASE_URL: string };
}

/** A fresh, migrated SQLite database: a file (`tandem.sqlite`) in a temporary directory. */
export async function freshSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-test-'));
  const handle = openDatabase({ dataDir: dir });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    processEnv: { DATA_DIR: dir },
    drop: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated PostgreSQL database `tandem_test_<random>`, dropped afterwards. */
export async function freshPostgres(): Promise<TestDatabase> {
  const name = `tandem_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: url.toString() });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    processEnv: { DATABASE_URL: url.toString() },
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The dialects a store-contract suite runs against: SQLite always, PostgreSQL when available. */
export async function dialects(): Promise<{ name: 'sqlite' | 'postgres'; open: () => Promise<TestDatabase> }[]> {
  const list: { name: 'sqlite' | 'postgres'; open: () => Promise<TestDatabase> }[] = [
    { name: 'sqlite', open: freshSqlite },
  ];
  if (await postgresAvailable()) list.push({ name: 'postgres', open: freshPostgres });
  return list;
}
