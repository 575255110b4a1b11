import type { Db } from '../../db/database.ts';
import { invalid } from '../../errors.ts';

/** Throws naming `field` unless `userId` is an existing user. */
export async function assertUserExists(db: Db, field: string, userId: string): Promise<void> {
  const row = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!row) throw invalid(field, `no user with id ${userId}`, 'notFound');
}

/** Throws naming `field` unless `id` is in the lookup table. */
export async function assertLookup(
  db: Db,
  table: 'contact_types' | 'account_types',
  field: string,
  id: string,
): Promise<void> {
  const row = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  if (!row) {
    const all = await db.selectFrom(table).select('id').orderBy('position').execute();
    const values = all.map((r) => r.id);
    throw invalid(field, `must be one of ${values.join(', ')}`, 'oneOf', { values });
  }
}
