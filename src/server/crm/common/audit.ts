import type { Db } from '../../db/database.ts';
import type { AuditColumns, RightsObject } from '../../db/schema.ts';
import { nextChangeSeq } from './change-seq.ts';

/** Audit columns for a new record: created/modified by and at, and a fresh change_seq. */
export async function auditOnCreate(trx: Db, actorId: string | null): Promise<AuditColumns> {
  const now = new Date().toISOString();
  return {
    change_seq: await nextChangeSeq(trx),
    created_by: actorId || null,
    created_at: now,
    modified_by: actorId || null,
    modified_at: now,
  };
}

/** Audit columns for an update: modified by and at, and a fresh change_seq (every write bumps it). */
export async function auditOnUpdate(
  trx: Db,
  actorId: string | null,
): Promise<Pick<AuditColumns, 'change_seq' | 'modified_by' | 'modified_at'>> {
  return { change_seq: await nextChangeSeq(trx), modified_by: actorId || null, modified_at: new Date().toISOString() };
}

/** Records a deletion with its own change_seq so that "changed since N" exports see it. */
export async function recordTombstone(trx: Db, actorId: string | null, object: RightsObject, recordId: string) {
  await trx
    .insertInto('record_tombstones')
    .values({
      object,
      record_id: recordId,
      change_seq: await nextChangeSeq(trx),
      deleted_by: actorId || null,
      deleted_at: new Date().toISOString(),
    })
    .execute();
}
