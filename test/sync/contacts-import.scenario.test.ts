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
      const journal = await s.owner.json<{ items: { action: string; message: string | null }[] }>(
        'GET',
        `/api/mailboxes/${s.mailboxId}/journal?action=link`,
        undefined,
        200,
      );
      assert.ok(journal.items.some((l) => l.message?.includes('same name and email')));
    });
  });
}
