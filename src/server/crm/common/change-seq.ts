import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * Takes the next value of the global change sequence inside the caller's transaction.
 * A counter row (not a database sequence) is used on purpose: the row lock makes concurrent writers
 * take numbers in commit order, so an exporter that has seen seq N never later finds a record that
 * committed with a smaller seq ("changed since N" never misses a write).
 */
export async function nextChangeSeq(trx: Db): Promise<number> {
  return nextChangeSeqs(trx, 1);
}

/** The last value taken by a committed write (readers see the committed counter row). */
export async function lastChangeSeq(db: Db): Promise<number> {
  const row = await sql<{ value: number | string }>`select value from counters where name = 'change_seq'`.execute(db);
  return Number(row.rows[0]?.value ?? 0);
}

/** Takes `count` consecutive values at once (bulk writes); returns the first. */
export async function nextChangeSeqs(trx: Db, count: number): Promise<number> {
  const row = await sql<{ value: number | string }>`
    update counters set value = value + ${count} where name = 'change_seq' returning value`.execute(trx);
  const value = row.rows[0]?.value;
  if (value === undefined) throw new Error('change_seq counter row is missing');
  return Number(value) - count + 1;
}
