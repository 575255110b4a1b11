import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ContactFields, emptyContactFields } from '../../src/server/connectors/contact-fields.ts';
import { accountService } from '../../src/server/crm/accounts/account.service.ts';
import { contactService } from '../../src/server/crm/contacts/contact.service.ts';
import { groupService } from '../../src/server/crm/groups/group.service.ts';
import { userService } from '../../src/server/crm/users/user.service.ts';
import type { Actor } from '../../src/server/http/access.ts';
import { contactCrmReader, contactCrmWriter } from '../../src/server/sync-state/contact-crm-side.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

/** The store contract: the same behaviour on SQLite and PostgreSQL (DESIGN §6, tier 2). */
for (const dialect of await dialects()) {
  describe(`CRM store on ${dialect.name}`, () => {
    let database: TestDatabase;
    let admin: Actor;

    before(async () => {
      database = await dialect.open();
      await userService.ensureAdministrator(database.db, 'admin-password-1');
      const user = await userService.findForLogin(database.db, 'admin');
      assert.ok(user);
      const { roleIds, operations } = await userService.rolesAndOperations(database.db, user.id);
      admin = { id: user.id, login: 'admin', roleIds, operations: new Set(operations), csrfToken: '', sessionHash: '' };
    });
    after(async () => database.drop());

    test('concurrent writers get distinct, increasing change_seq values and none is lost', async () => {
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) => contactService.create(database.db, admin, { fullName: `Parallel ${i}` })),
      );
      const seqs = created.map((c) => c.changeSeq);
      assert.equal(new Set(seqs).size, 20, 'every write has its own seq');
      const updated = await contactService.update(database.db, admin, created[0]?.id ?? '', { jobTitle: 'Later' });
      assert.ok(updated.changeSeq > Math.max(...seqs), 'an update takes a seq above every earlier write');
    });

    test('a deletion leaves a tombstone with its own change_seq', async () => {
      const c = await contactService.create(database.db, admin, { fullName: 'Short-lived' });
      await contactService.delete(database.db, admin, c.id);
      const tomb = await database.db
        .selectFrom('record_tombstones')
        .selectAll()
        .where('record_id', '=', c.id)
        .executeTakeFirstOrThrow();
      assert.equal(tomb.object, 'contact');
      assert.ok(Number(tomb.change_seq) > c.changeSeq);
    });

    test('dynamic group text filters ignore case for Cyrillic as well as Latin', async () => {
      await contactService.create(database.db, admin, { fullName: 'Иван Петров', jobTitle: 'Главный ИНЖЕНЕР' });
      await contactService.create(database.db, admin, { fullName: 'Jane Roe', jobTitle: 'Senior ENGINEER' });
      const group = await groupService.create(database.db, admin, {
        name: 'Engineers',
        object: 'contact',
        kind: 'dynamic',
        filter: {
          logic: 'or',
          conditions: [
            { field: 'jobTitle', op: 'contains', value: 'инженер' },
            { field: 'jobTitle', op: 'contains', value: 'engineer' },
          ],
        },
      });
      const list = await contactService.list(database.db, admin, { groupId: group.id });
      assert.deepEqual(list.items.map((c) => c.fullName).sort(), ['Jane Roe', 'Иван Петров']);
    });

    test('search finds contacts by e-mail and by Cyrillic name regardless of case', async () => {
      await contactService.create(database.db, admin, {
        fullName: 'Мария Сидорова',
        communications: [{ kind: 'email', type: 'work', value: 'Maria.S@Example.ru' }],
      });
      assert.equal((await contactService.list(database.db, admin, { q: 'СИДОРОВА' })).total, 1);
      assert.equal((await contactService.list(database.db, admin, { q: 'maria.s@example' })).total, 1);
    });

    test('a page of imported contacts is handed back exactly as reading it later returns it (CT-2, CT-6)', async () => {
      // The import builds its status rows from what createMany returns instead of reading the page back; a
      // difference would show as a change on the next run. Inputs the CRM normalises: padded names, a company
      // name in another case with spaces around, an invalid phone (left out), an address with parts missing.
      await accountService.create(database.db, admin, { name: 'Ромашка Трейд' });
      const blank = emptyContactFields();
      const fields: ContactFields[] = [
        {
          ...blank,
          givenName: '  Анна ',
          surname: 'Кузнецова  ',
          companyName: '  ромашка трейд ',
          birthday: '1990-02-28',
          emails: [' anna@romashka.example ', 'a.k@example.org'],
          businessPhones: ['+7 495 123-45-67', 'not a phone'],
          mobilePhone: '+7 916 000-00-00',
          homeAddress: { street: 'ул. Ленина, 1', city: 'Казань', region: null, country: null, zip: null },
          webPage: 'https://romashka.example',
          notes: 'Line one\nline two 🙂',
        },
        { ...blank, displayName: 'Zoë Ünsal', companyName: 'No Such Company', jobTitle: 'CTO' },
      ];
      const created = await database.db.transaction().execute((trx) => contactCrmWriter(trx, admin).createMany(fields));
      const read = await contactCrmReader(database.db, admin, 'all').read(created.map((c) => c.id));
      assert.equal(created.length, 2);
      for (const c of created) assert.deepEqual(c, read.get(c.id));
      assert.equal(created[0]?.fields.companyName, 'Ромашка Трейд', 'the account, by its stored name');
      assert.deepEqual(created[0]?.fields.businessPhones, ['+7 495 123-45-67'], 'the invalid phone left out');
      assert.equal(created[1]?.fields.companyName, null, 'no account of that name');
    });

    test('the ids of contacts changed after a position come in seq order; none when nothing was written since (CT-6)', async () => {
      const reader = contactCrmReader(database.db, admin, 'all');
      const a = await contactService.create(database.db, admin, { fullName: 'Changed A' });
      const b = await contactService.create(database.db, admin, { fullName: 'Changed B' });
      const edited = await contactService.update(database.db, admin, a.id, { jobTitle: 'Edited' });
      assert.deepEqual(await reader.changedIds?.(a.changeSeq, 10), [
        { id: b.id, seq: b.changeSeq },
        { id: a.id, seq: edited.changeSeq },
      ]);
      assert.deepEqual(await reader.changedIds?.(edited.changeSeq, 10), []);
      await accountService.create(database.db, admin, { name: 'Not a contact' });
      assert.deepEqual(await reader.changedIds?.(edited.changeSeq, 10), [], 'other records move the counter only');
      assert.equal((await reader.changedIds?.(0, 1))?.length, 1, 'at most the limit');
    });
  });
}
