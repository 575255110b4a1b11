import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../helpers/databases.ts';
import { duplicates, harnessPerSuite, linkedContact, mailboxContact, type SyncHarness } from './sync-harness.ts';

/**
 * CT-6 "no duplicate is ever created, also after a crash or a lost sync state": contact sync through the API against
 * the emulator, on both databases, when the server forgets the delta position (410 Gone and syncStateNotFound, on
 * the first page of a run or in the middle of one), when Tandem loses its status rows, and when a write meets a
 * transient server error. After each, both sides hold every contact exactly once and no change is lost.
 */

const TWO_WAY = { contacts: { import: true, export: true, exportScope: 'all' } };
const FORMS = ['410', 'syncStateNotFound'] as const;
/** The request that resumes a stored delta round, and the one that fetches a round's next page. */
const RESUME = String.raw`/\/contacts\/delta\?\$deltatoken=/`;
const NEXT_PAGE = String.raw`/\/contacts\/delta\?\$skiptoken=/`;

/** Neither side holds a contact twice, and each holds `expected` contacts with that surname. */
async function assertNoDuplicates(s: SyncHarness, surname: string, expected: number) {
  const crm = (await s.crmContacts()).filter((c) => c.fullName.endsWith(` ${surname}`));
  const mailbox = (await s.mailboxContacts()).filter((c) => c.displayName.endsWith(` ${surname}`));
  assert.deepEqual(duplicates(crm.map((c) => c.fullName)), {}, 'no duplicate in the CRM');
  assert.deepEqual(duplicates(mailbox.map((c) => c.displayName)), {}, 'no duplicate in the mailbox');
  assert.equal(crm.length, expected, 'contacts in the CRM');
  assert.equal(mailbox.length, expected, 'contacts in the mailbox');
}

/** Runs `fn` over `items`, `width` at a time (the emulator's control API, for bulk scenarios). */
async function inBatches<T>(items: T[], fn: (item: T) => Promise<unknown>, width = 25) {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

for (const dialect of await dialects()) {
  describe(`contact sync recovery (${dialect.name})`, () => {
    describe('an expired delta cursor', () => {
      const harness = harnessPerSuite(dialect);

      for (const form of FORMS) {
        it(`CT-6: after ${form}, the next run lists everything again: edits and a deletion made meanwhile arrive, nothing is duplicated`, async () => {
          const s = harness();
          await s.settings(TWO_WAY);
          const surname = `Курсоров${form === '410' ? 'А' : 'Б'}`;
          const kept = await linkedContact(s, { givenName: 'Остающийся', surname });
          const gone = await linkedContact(s, { givenName: 'Уходящий', surname });
          await s.createCrmContact({ givenName: 'Экспортный', surname });
          assert.equal((await s.sync()).state, 'succeeded');

          await s.editOutlookContact(kept.itemId, { jobTitle: `Правка при ${form}` });
          await s.deleteOutlookContact(gone.itemId);
          await s.outlookContact({ givenName: 'Новенький', surname });
          await s.fault({ match: { method: 'GET', path: RESUME }, invalidateDelta: form, count: 1 });
          const run = await s.sync();
          assert.equal(run.state, 'succeeded', JSON.stringify(run));
          assert.equal((await s.journal({ runId: run.id, action: 'resync' })).length, 1, 'the run started over');

          await assertNoDuplicates(s, surname, 3);
          assert.equal((await s.crmContact(`Остающийся ${surname}`)).jobTitle, `Правка при ${form}`);
          await s.crmContact(`Новенький ${surname}`);
          assert.ok(!(await s.crmContacts()).some((c) => c.id === gone.contact.id), 'the deletion was noticed');
          const again = await s.sync();
          assert.deepEqual(again.counts, { created: 0, updated: 0, deleted: 0, skipped: 0, failed: 0 });
        });
      }
    });

    describe('an expired delta cursor on the second page of a run (1,200 contacts, pages of 500)', () => {
      const harness = harnessPerSuite(dialect);
      const surname = 'Страничный';
      const ids: string[] = [];

      it('CT-6: the first listing loses its position after page one (410) and still imports each contact once', async () => {
        const s = harness();
        await s.settings(TWO_WAY);
        const numbers = Array.from({ length: 1200 }, (_, i) => i + 1);
        await inBatches(numbers, async (n) => {
          ids[n - 1] = (await s.outlookContact({ givenName: `N${n}`, surname })).id;
        });
        await s.fault({ match: { method: 'GET', path: NEXT_PAGE }, invalidateDelta: '410', count: 1 });
        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        assert.equal((await s.journal({ runId: run.id, action: 'resync' })).length, 1, 'the fault hit this run');
        await assertNoDuplicates(s, surname, 1200);
        assert.equal((await s.sync()).counts.created, 0);
      });

      it('CT-6: an incremental run loses its position on page two (syncStateNotFound): edits and deletions still arrive', async () => {
        const s = harness();
        // 600 edits, then 2 deletions: the round's first page holds edits only, the deletions are on the lost page.
        await inBatches(ids.slice(0, 600), (id) => s.editOutlookContact(id, { jobTitle: 'Обновлён' }));
        const deleted = ids.slice(1198);
        await inBatches(deleted, (id) => s.deleteOutlookContact(id));
        await s.fault({ match: { method: 'GET', path: NEXT_PAGE }, invalidateDelta: 'syncStateNotFound', count: 1 });
        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        assert.equal((await s.journal({ runId: run.id, action: 'resync' })).length, 1, 'the fault hit this run');

        await assertNoDuplicates(s, surname, 1198);
        const crm = (await s.crmContacts()).filter((c) => c.fullName.endsWith(` ${surname}`));
        assert.equal(crm.filter((c) => c.jobTitle === 'Обновлён').length, 600);
        assert.ok(!crm.some((c) => ['N1199 Страничный', 'N1200 Страничный'].includes(c.fullName)));
      });
    });

    describe('lost status rows', () => {
      const harness = harnessPerSuite(dialect);
      const forgetLinks = (s: SyncHarness) =>
        s.database.db.deleteFrom('sync_links').where('mailbox_id', '=', s.mailboxId).execute();
      const forgetCursors = (s: SyncHarness) =>
        s.database.db.deleteFrom('sync_cursors').where('mailbox_id', '=', s.mailboxId).execute();

      it('CT-6: after the status rows are lost, exported items are relinked by their correlation stamp; edits on either side arrive and nothing is duplicated', async () => {
        const s = harness();
        await s.settings(TWO_WAY);
        const surname = 'Потерянный';
        const first = await s.createCrmContact({ givenName: 'Первый', surname });
        await s.createCrmContact({ givenName: 'Второй', surname });
        const imported = await linkedContact(s, {
          givenName: 'Импортный',
          surname,
          emailAddresses: [{ address: 'import@example.ru' }],
        });
        assert.equal((await s.sync()).state, 'succeeded');
        const second = await mailboxContact(s, `Второй ${surname}`);

        await forgetLinks(s);
        await s.owner.json('PATCH', `/api/contacts/${first.id}`, { jobTitle: 'Правка в CRM' }, 200);
        await s.editOutlookContact(second.id, { jobTitle: 'Правка в Outlook' });
        await s.editOutlookContact(imported.itemId, { jobTitle: 'Правка импортного' });
        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));

        await assertNoDuplicates(s, surname, 3);
        assert.equal((await mailboxContact(s, `Первый ${surname}`)).jobTitle, 'Правка в CRM');
        assert.equal((await s.crmContact(`Второй ${surname}`)).jobTitle, 'Правка в Outlook');
        assert.equal((await s.crmContact(`Импортный ${surname}`)).jobTitle, 'Правка импортного');
      });

      it('CT-6: after status rows and cursors are both lost, a full listing relinks exported and imported items without duplicating them', async () => {
        const s = harness();
        const surname = 'Забытый';
        await s.createCrmContact({ givenName: 'Экспортный', surname });
        await linkedContact(s, { givenName: 'Импортный', surname, emailAddresses: [{ address: 'forgot@example.ru' }] });
        await forgetLinks(s);
        await forgetCursors(s);
        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        await assertNoDuplicates(s, surname, 2);
        const links = await s.journal({ runId: run.id, action: 'link' });
        assert.ok(
          links.some((l) => l.itemName === `Экспортный ${surname}`),
          JSON.stringify(links),
        );
        assert.equal((await s.sync()).counts.created, 0);
      });

      it('CT-6: after status rows and cursors are both lost, an imported contact with a name only is not imported twice', async () => {
        const s = harness();
        const surname = 'Безадресный';
        await linkedContact(s, { givenName: 'Только', surname });
        await forgetLinks(s);
        await forgetCursors(s);
        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        await assertNoDuplicates(s, surname, 1);
      });
    });

    describe('a transient server error on a write', () => {
      const harness = harnessPerSuite(dialect);

      it('CT-6: creates answered 503 are retried; the run finishes and each contact is in the mailbox once', async () => {
        const s = harness();
        await s.settings(TWO_WAY);
        const surname = 'Сбойный';
        for (const given of ['Раз', 'Два', 'Три', 'Четыре', 'Пять']) {
          await s.createCrmContact({ givenName: given, surname });
        }
        await s.fault({
          match: { method: 'POST', path: '/v1.0/me/contactFolders/' },
          respond: { status: 503 },
          count: 2,
        });
        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        assert.equal(run.counts.failed, 0);
        await assertNoDuplicates(s, surname, 5);
      });

      it('CT-6: an update answered 503 is retried and arrives once', async () => {
        const s = harness();
        const contact = await s.crmContact('Раз Сбойный');
        await s.owner.json('PATCH', `/api/contacts/${contact.id}`, { jobTitle: 'После сбоя' }, 200);
        await s.fault({ match: { method: 'PATCH', path: '/v1.0/me/contacts/' }, respond: { status: 503 }, count: 2 });
        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        assert.equal((await mailboxContact(s, 'Раз Сбойный')).jobTitle, 'После сбоя');
        await assertNoDuplicates(s, 'Сбойный', 5);
      });
    });
  });
}
