import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../helpers/databases.ts';
import { type ApiContact, duplicates, harnessPerSuite, type SyncHarness } from './sync-harness.ts';

/**
 * CT-3: exporting CRM contacts to the mailbox — every contact the owner may read, or by type («Сотрудники»,
 * «Клиенты») and/or static group — through the API against the emulator, on both databases. What arrives is read
 * back through Graph, with the correlation property that ties each item to its CRM record (DESIGN §3).
 */

const names = (list: { displayName?: string; fullName?: string }[]) =>
  list.map((c) => c.displayName ?? c.fullName ?? '').sort();

/** The mailbox holds exactly these CRM contacts, once each, each item stamped with its CRM id. */
async function assertExported(s: SyncHarness, expected: ApiContact[]) {
  const items = await s.mailboxContacts();
  assert.deepEqual(duplicates(items.map((i) => i.displayName)), {}, 'no contact is in the mailbox twice');
  assert.deepEqual(names(items), names(expected));
  for (const contact of expected) {
    const item = items.find((i) => i.displayName === contact.fullName);
    assert.equal(item?.tandemId, contact.id, `${contact.fullName} carries its CRM id`);
  }
}

/** A second run finds nothing new to send and brings nothing back into the CRM. */
async function assertQuietSecondRun(s: SyncHarness) {
  const crmBefore = (await s.crmContacts()).length;
  const mailboxBefore = (await s.mailboxContacts()).length;
  const again = await s.sync();
  assert.equal(again.state, 'succeeded', JSON.stringify(again));
  assert.deepEqual(again.counts, { created: 0, updated: 0, deleted: 0, skipped: 0, failed: 0 });
  assert.equal((await s.crmContacts()).length, crmBefore);
  assert.equal((await s.mailboxContacts()).length, mailboxBefore);
}

const listed = (s: SyncHarness, query: string) =>
  s.owner.json<{ items: ApiContact[] }>('GET', `/api/contacts?limit=500&${query}`, undefined, 200);

for (const dialect of await dialects()) {
  describe(`contact export (${dialect.name})`, () => {
    describe('«Переносить все контакты» with private contacts', () => {
      const harness = harnessPerSuite(dialect);

      it("CT-3: every contact the owner may read is exported with its fields, another user's private one is not", async () => {
        const s = harness();
        await s.everyoneCanRead('contact', false);
        const bob = await s.h.user('bob');
        await s.createCrmContact({ fullName: 'Борис Приватный' }, bob);
        const shared = await s.createCrmContact({ fullName: 'Борис Общий' }, bob);
        await bob.json(
          'PUT',
          `/api/contacts/${shared.id}/grants`,
          { items: [{ granteeType: 'user', granteeId: s.owner.userId, read: true }] },
          200,
        );
        const company = await s.owner.json<{ id: string }>('POST', '/api/accounts', { name: 'ООО «Экспорт»' }, 201);
        await s.createCrmContact({
          givenName: 'Мария',
          surname: 'Иванова',
          type: 'customer',
          jobTitle: 'Главный бухгалтер',
          accountId: company.id,
          communications: [{ kind: 'email', type: 'work', value: 'maria@example.ru' }],
        });
        await s.settings({ contacts: { export: true, exportScope: 'all' } });

        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        const readable = await s.crmContacts();
        assert.ok(readable.some((c) => c.fullName === 'Борис Общий'));
        assert.ok(!readable.some((c) => c.fullName === 'Борис Приватный'));
        await assertExported(s, readable);
        assert.equal(run.counts.created, readable.length);

        const maria = (await s.mailboxContacts()).find((i) => i.displayName === 'Мария Иванова');
        assert.equal(maria?.givenName, 'Мария');
        assert.equal(maria?.surname, 'Иванова');
        assert.equal(maria?.jobTitle, 'Главный бухгалтер');
        assert.equal(maria?.companyName, 'ООО «Экспорт»');
        assert.deepEqual(
          maria?.emailAddresses.map((e) => e.address),
          ['maria@example.ru'],
        );
      });

      it('CT-3: a second run exports nothing new and imports nothing back', async () => {
        await assertQuietSecondRun(harness());
      });
    });

    describe('«Сотрудники» only', () => {
      const harness = harnessPerSuite(dialect);

      it('CT-3: only contacts of type employee are exported', async () => {
        const s = harness();
        await s.createCrmContact({ fullName: 'Пётр Сотрудников', type: 'employee' });
        await s.createCrmContact({ fullName: 'Клиент Клиентович', type: 'customer' });
        await s.createCrmContact({ fullName: 'Без Типа' });
        await s.settings({ contacts: { export: true, exportScope: { types: ['employee'] } } });

        assert.equal((await s.sync()).state, 'succeeded');
        const employees = (await listed(s, 'type=employee')).items;
        assert.ok(employees.some((c) => c.fullName === 'Пётр Сотрудников'));
        await assertExported(s, employees);
        await assertQuietSecondRun(s);
      });

      it('CT-3: widening the scope to every contact later exports the ones it now takes, each once', async () => {
        const s = harness();
        await s.settings({ contacts: { exportScope: 'all' } });
        assert.equal((await s.sync()).state, 'succeeded');
        await assertExported(s, await s.crmContacts());
      });
    });

    describe('«Из групп» only', () => {
      const harness = harnessPerSuite(dialect);
      let groupId: string;

      it('CT-3: only the members of the chosen static group are exported', async () => {
        const s = harness();
        const first = await s.createCrmContact({ fullName: 'Групповой Первый', type: 'customer' });
        const second = await s.createCrmContact({ fullName: 'Групповой Второй', type: 'employee' });
        await s.createCrmContact({ fullName: 'Вне Группы', type: 'customer' });
        groupId = (
          await s.owner.json<{ id: string }>(
            'POST',
            '/api/groups',
            { name: 'Рассылка', object: 'contact', kind: 'static' },
            201,
          )
        ).id;
        await s.owner.json('POST', `/api/groups/${groupId}/members`, { recordIds: [first.id, second.id] }, 204);
        await s.settings({ contacts: { export: true, exportScope: { groupIds: [groupId] } } });

        assert.equal((await s.sync()).state, 'succeeded');
        await assertExported(s, (await listed(s, `groupId=${groupId}`)).items);
        await assertQuietSecondRun(s);
      });

      it('CT-3: a contact added to the group after the first export is exported by the next run', async () => {
        const s = harness();
        const outside = await s.crmContact('Вне Группы');
        await s.owner.json('POST', `/api/groups/${groupId}/members`, { recordIds: [outside.id] }, 204);
        assert.equal((await s.sync()).state, 'succeeded');
        await assertExported(s, (await listed(s, `groupId=${groupId}`)).items);
      });
    });

    describe('types and a group that overlap', () => {
      const harness = harnessPerSuite(dialect);

      it('CT-3: a contact taken both by its type and by its group is exported once', async () => {
        const s = harness();
        const both = await s.createCrmContact({ fullName: 'Сотрудник В Группе', type: 'employee' });
        const member = await s.createCrmContact({ fullName: 'Клиент В Группе', type: 'customer' });
        await s.createCrmContact({ fullName: 'Клиент Вне Группы', type: 'customer' });
        const group = await s.owner.json<{ id: string }>(
          'POST',
          '/api/groups',
          { name: 'Ключевые', object: 'contact', kind: 'static' },
          201,
        );
        await s.owner.json('POST', `/api/groups/${group.id}/members`, { recordIds: [both.id, member.id] }, 204);
        await s.settings({ contacts: { export: true, exportScope: { types: ['employee'], groupIds: [group.id] } } });

        assert.equal((await s.sync()).state, 'succeeded');
        const employees = (await listed(s, 'type=employee')).items;
        const members = (await listed(s, `groupId=${group.id}`)).items;
        const expected = [...new Map([...employees, ...members].map((c) => [c.id, c])).values()];
        assert.ok(expected.some((c) => c.fullName === 'Сотрудник В Группе'));
        assert.ok(!expected.some((c) => c.fullName === 'Клиент Вне Группы'));
        await assertExported(s, expected);
        await assertQuietSecondRun(s);
      });
    });
  });
}
