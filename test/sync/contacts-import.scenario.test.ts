import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { type SyncHarness, syncHarness } from './sync-harness.ts';

/**
 * Importing contacts from Microsoft 365 (CT-1, CT-2, CT-7) through the API against the emulator, on both databases.
 */
for (const dialect of await dialects()) {
  describe(`contact import (${dialect.name})`, () => {
    let database: TestDatabase;
    let s: SyncHarness;

    before(async () => {
      database = await dialect.open();
      s = await syncHarness(database);
    });
    after(async () => {
      await s.close();
      await database.drop();
    });

    it('CT-1: contacts of every contact folder, nested ones included, arrive in the CRM with their fields', async () => {
      const clients = await s.outlook<{ id: string }>('POST', '/folders', {
        kind: 'contact',
        parent: 'contacts',
        displayName: 'Clients',
      });
      const vip = await s.outlook<{ id: string }>('POST', '/folders', {
        kind: 'contact',
        parent: clients.id,
        displayName: 'VIP',
      });
      await s.outlookContact({
        givenName: 'Ольга',
        surname: 'Смирнова',
        jobTitle: 'Директор',
        emailAddresses: [{ address: 'olga@example.ru' }],
        businessPhones: ['+7 495 123-45-67'],
        mobilePhone: '+7 916 000-00-00',
        birthday: '1985-04-12',
        personalNotes: 'Любит чай 🍵',
        homeAddress: { city: 'Москва', street: 'Тверская 1' },
      });
      await s.outlookContact({ givenName: 'Emoji', surname: 'Person 🚀' }, clients.id);
      await s.outlookContact({ givenName: 'Deep', surname: 'Nested' }, vip.id);

      const run = await s.sync();
      assert.equal(run.state, 'succeeded', JSON.stringify(run));
      assert.equal(run.counts.created, 3);
      const contacts = await s.crmContacts();
      const names = contacts.map((c) => c.fullName).sort();
      assert.ok(names.includes('Ольга Смирнова'));
      assert.ok(names.includes('Emoji Person 🚀'));
      assert.ok(names.includes('Deep Nested'));
      const olga = contacts.find((c) => c.fullName === 'Ольга Смирнова');
      assert.equal(olga?.jobTitle, 'Директор');
      assert.equal(olga?.birthday, '1985-04-12');
      assert.equal(olga?.notes, 'Любит чай 🍵');
      assert.deepEqual(
        olga?.communications.map((c) => [c.kind, c.type, c.value]),
        [
          ['email', 'work', 'olga@example.ru'],
          ['phone', 'work', '+7 495 123-45-67'],
          ['phone', 'mobile', '+7 916 000-00-00'],
        ],
      );
      assert.equal(olga?.addresses[0]?.city, 'Москва');

      // A second run finds nothing new: no duplicates.
      const again = await s.sync();
      assert.equal(again.state, 'succeeded');
      assert.equal(again.counts.created, 0);
      assert.equal((await s.crmContacts()).filter((c) => c.fullName === 'Deep Nested').length, 1);
    });

    it('CT-6: a person the CRM already has (same name and email) is linked on import, not duplicated', async () => {
      await s.owner.json(
        'POST',
        '/api/contacts',
        {
          givenName: 'Пётр',
          surname: 'Кузнецов',
          jobTitle: 'Менеджер',
          communications: [{ kind: 'email', type: 'work', value: 'petr@example.ru' }],
        },
        201,
      );
      // Outlook dates changes in whole seconds: the mailbox's contact is made clearly later, so it is the newer one.
      await new Promise((r) => setTimeout(r, 1100));
      await s.outlookContact({
        givenName: 'Пётр',
        surname: 'Кузнецов',
        jobTitle: 'Руководитель',
        emailAddresses: [{ address: 'PETR@example.ru' }],
      });
      const run = await s.sync();
      assert.equal(run.state, 'succeeded', JSON.stringify(run));
      const petrs = (await s.crmContacts()).filter((c) => c.fullName === 'Пётр Кузнецов');
      assert.equal(petrs.length, 1, 'one CRM contact for one person');
      assert.equal(petrs[0]?.jobTitle, 'Руководитель', 'the newer (mailbox) values win on the first link');
      const journal = await s.owner.json<{
        items: { action: string; message: string | null; messageCode: string | null }[];
      }>('GET', `/api/mailboxes/${s.mailboxId}/journal?action=link`, undefined, 200);
      assert.ok(journal.items.some((l) => l.message?.includes('same name and email')));
      assert.ok(
        journal.items.some((l) => l.messageCode === 'linked-match'),
        'the line says it as a code for the UI to word',
      );
    });

    it('CT-6: the same person on two pages of one listing links once to the CRM contact and is created once more', async () => {
      // Pages are read and planned while the page before them is written; the second page must see the link the
      // first one made, or both mailbox contacts would claim the one CRM record (and one status row would be lost).
      const person = {
        givenName: 'Лена',
        surname: 'Страницына',
        emailAddresses: [{ address: 'lena.pages@example.ru' }],
      };
      const existing = await s.createCrmContact({
        givenName: 'Лена',
        surname: 'Страницына',
        communications: [{ kind: 'email', type: 'work', value: 'lena.pages@example.ru' }],
      });
      const first = await s.outlookContact(person);
      const fillers = Array.from({ length: 560 }, (_, i) => i);
      for (let i = 0; i < fillers.length; i += 40)
        await Promise.all(
          fillers.slice(i, i + 40).map((n) => s.outlookContact({ givenName: `Filler${n}`, surname: 'Страницын' })),
        );
      const second = await s.outlookContact(person);
      const run = await s.sync();
      assert.equal(run.state, 'succeeded', JSON.stringify(run));
      const lenas = (await s.crmContacts()).filter((c) => c.fullName === 'Лена Страницына');
      assert.equal(lenas.length, 2, 'the CRM contact, and one more for the second mailbox contact');
      assert.ok(lenas.some((c) => c.id === existing.id));
      const links = await s.database.db
        .selectFrom('sync_links')
        .select(['crm_id', 'remote_id'])
        .where('mailbox_id', '=', s.mailboxId)
        .where('remote_id', 'in', [first.id, second.id])
        .execute();
      assert.equal(links.length, 2, 'both mailbox contacts have their status row');
      assert.deepEqual(links.map((l) => l.crm_id).sort(), lenas.map((c) => c.id).sort(), 'each to its own record');
      assert.equal((await s.sync()).counts.created, 0, 'the next run creates nothing');
    });
  });
}
