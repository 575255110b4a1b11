import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertRows } from '../../src/server/db/bulk-insert.ts';
import type { CommunicationsTable } from '../../src/server/db/schema.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

/** Bulk inserts (PostgreSQL: an array per column; SQLite: multi-row VALUES) keep every value exactly as given. */
for (const dialect of await dialects()) {
  describe(`bulk insert on ${dialect.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.open();
    });
    after(async () => database.drop());

    const row = (id: string, value: string, position: number): CommunicationsTable => ({
      id,
      record_kind: 'contact',
      record_id: 'r1',
      kind: 'email',
      type: id === 'c3' ? 'home' : 'work',
      value,
      value_lower: value.toLowerCase(),
      position,
    });

    test('values that array literals must escape arrive unchanged, and more rows than one statement takes', async () => {
      const awkward = ['a"b\\c', '{x,y}', 'NULL', ' spaced ', 'Ёжик 🦔', "it's", ''];
      const rows = [
        ...awkward.map((v, i) => row(`c${i}`, v, i)),
        ...Array.from({ length: 6000 }, (_, i) => row(`bulk-${i}`, `v${i}`, 2_000_000 + i)),
      ];
      await insertRows(database.db, 'communications', rows);
      const stored = await database.db
        .selectFrom('communications')
        .select(['id', 'value', 'position', 'type'])
        .where('record_id', '=', 'r1')
        .orderBy('position')
        .execute();
      assert.equal(stored.length, rows.length);
      assert.deepEqual(
        stored.slice(0, awkward.length).map((r) => r.value),
        awkward,
      );
      assert.equal(stored.at(-1)?.position, 2_005_999);
      assert.equal(stored.find((r) => r.id === 'c3')?.type, 'home');
    });

    test('an upsert replaces the rows it collides with and inserts the rest', async () => {
      await insertRows(database.db, 'communications', [row('u1', 'first', 1)]);
      await insertRows(database.db, 'communications', [row('u1', 'second', 1), row('u2', 'new', 2)], (oc) =>
        oc.column('id').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
      );
      const stored = await database.db
        .selectFrom('communications')
        .select(['id', 'value'])
        .where('id', 'in', ['u1', 'u2'])
        .orderBy('id')
        .execute();
      assert.deepEqual(stored, [
        { id: 'u1', value: 'second' },
        { id: 'u2', value: 'new' },
      ]);
    });
  });
}
