import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../helpers/databases.ts';
import {
  type ApiContact,
  harnessPerSuite,
  linkedContact,
  mailboxContact,
  pause,
  type SyncHarness,
} from './sync-harness.ts';

/**
 * CT-6: two-way, incremental contact sync through the API against the emulator, on both databases — edits on either
 * side, conflicts under each policy, deletions as the settings say, moves between folders, what the mailbox cannot
 * hold, and the mass-deletion guard (DESIGN §3).
 */

const TWO_WAY = { contacts: { import: true, export: true, exportScope: 'all' } };
/** Graph dates an item's last change in whole seconds: edits meant to be "later" wait this long. */
const LATER = 1100;

const patchCrm = (s: SyncHarness, id: string, body: Record<string, unknown>) =>
  s.owner.json<ApiContact>('PATCH', `/api/contacts/${id}`, body, 200);
const emails = (c: ApiContact) => c.communications.filter((x) => x.kind === 'email').map((x) => x.value);

/** Both sides hold `jobTitle` after a run that had to resolve a conflict on it. */
async function assertJobTitleEverywhere(s: SyncHarness, fullName: string, jobTitle: string) {
  assert.equal((await s.crmContact(fullName)).jobTitle, jobTitle, 'in the CRM');
  assert.equal((await mailboxContact(s, fullName)).jobTitle, jobTitle, 'in Outlook');
}

/** Edits the job title on both sides, Outlook first unless `crmFirst`, the second edit at least a second later. */
async function editBothSides(s: SyncHarness, name: { givenName: string; surname: string }, crmFirst: boolean) {
  const { itemId, contact } = await linkedContact(s, { ...name, jobTitle: 'Исходная должность' });
  const edits = [
    () => s.editOutlookContact(itemId, { jobTitle: 'Должность из Outlook' }),
    () => patchCrm(s, contact.id, { jobTitle: 'Должность из CRM' }),
  ];
  if (crmFirst) edits.reverse();
  await edits[0]?.();
  await pause(LATER);
  await edits[1]?.();
  const run = await s.sync();
  assert.equal(run.state, 'succeeded', JSON.stringify(run));
  assert.equal(run.conflicts, 1);
  return contact;
}

/** The conflict of one contact as GET /conflicts lists it: both versions, the policy and the choice. */
async function conflictOf(s: SyncHarness, crmId: string) {
  const found = (await s.conflicts()).filter((c) => c.crmId === crmId);
  assert.equal(found.length, 1, JSON.stringify(found));
  return found[0];
}

for (const dialect of await dialects()) {
  describe(`two-way contact sync (${dialect.name})`, () => {
    describe('edits and conflicts', () => {
      const harness = harnessPerSuite(dialect);

      it('CT-6: an edit in Outlook reaches the CRM', async () => {
        const s = harness();
        await s.settings(TWO_WAY);
        const { itemId, contact } = await linkedContact(s, { givenName: 'Ольга', surname: 'Outlookова' });
        await s.editOutlookContact(itemId, { jobTitle: 'Технический директор', mobilePhone: '+7 900 000-00-01' });
        const run = await s.sync();
        assert.equal(run.state, 'succeeded');
        assert.equal(run.counts.updated, 1);
        const after = await s.crmContact('Ольга Outlookова');
        assert.equal(after.id, contact.id);
        assert.equal(after.jobTitle, 'Технический директор');
        assert.ok(after.communications.some((c) => c.kind === 'phone' && c.value === '+7 900 000-00-01'));
      });

      it('CT-6: an edit in the CRM reaches Outlook, on the same item', async () => {
        const s = harness();
        const { itemId, contact } = await linkedContact(s, { givenName: 'Павел', surname: 'Срмов' });
        await patchCrm(s, contact.id, { jobTitle: 'Финансовый директор', department: 'Финансы' });
        const run = await s.sync();
        assert.equal(run.state, 'succeeded');
        const item = await mailboxContact(s, 'Павел Срмов');
        assert.equal(item.id, itemId);
        assert.equal(item.jobTitle, 'Финансовый директор');
        assert.equal(item.department, 'Финансы');
      });

      it('CT-6: edits of different fields on both sides are merged, and the conflict is listed as merged', async () => {
        const s = harness();
        const { itemId, contact } = await linkedContact(s, { givenName: 'Мирон', surname: 'Слияев' });
        await s.editOutlookContact(itemId, { jobTitle: 'Менеджер из Outlook' });
        await patchCrm(s, contact.id, { department: 'Отдел из CRM' });
        const run = await s.sync();
        assert.equal(run.state, 'succeeded');
        const crm = await s.crmContact('Мирон Слияев');
        const item = await mailboxContact(s, 'Мирон Слияев');
        assert.deepEqual([crm.jobTitle, crm.department], ['Менеджер из Outlook', 'Отдел из CRM']);
        assert.deepEqual([item.jobTitle, item.department], ['Менеджер из Outlook', 'Отдел из CRM']);
        assert.equal((await conflictOf(s, contact.id))?.resolution, 'merged');
      });

      it('CT-6: the same field edited on both sides → lastWriterWins keeps the later edit (the CRM was later)', async () => {
        const s = harness();
        await s.settings({ conflictPolicy: 'lastWriterWins' });
        const contact = await editBothSides(s, { givenName: 'Лев', surname: 'Позднесрмов' }, false);
        await assertJobTitleEverywhere(s, 'Лев Позднесрмов', 'Должность из CRM');
        const conflict = await conflictOf(s, contact.id);
        assert.equal(conflict?.policy, 'lastWriterWins');
        assert.equal(conflict?.resolution, 'crm');
        assert.ok(conflict?.fields.includes('jobTitle'));
        assert.equal(conflict?.crmVersion.jobTitle, 'Должность из CRM');
        assert.equal(conflict?.remoteVersion.jobTitle, 'Должность из Outlook');
      });

      it('CT-6: the same field edited on both sides → lastWriterWins keeps the later edit (Outlook was later)', async () => {
        const s = harness();
        await s.settings({ conflictPolicy: 'lastWriterWins' });
        const contact = await editBothSides(s, { givenName: 'Лиза', surname: 'Позднеаутлукова' }, true);
        await assertJobTitleEverywhere(s, 'Лиза Позднеаутлукова', 'Должность из Outlook');
        const conflict = await conflictOf(s, contact.id);
        assert.equal(conflict?.resolution, 'remote');
        assert.equal(conflict?.crmVersion.jobTitle, 'Должность из CRM');
        assert.equal(conflict?.remoteVersion.jobTitle, 'Должность из Outlook');
      });

      it('CT-6: crmWins keeps the CRM edit although Outlook was later', async () => {
        const s = harness();
        await s.settings({ conflictPolicy: 'crmWins' });
        const contact = await editBothSides(s, { givenName: 'Кирилл', surname: 'Срмпобедов' }, true);
        await assertJobTitleEverywhere(s, 'Кирилл Срмпобедов', 'Должность из CRM');
        const conflict = await conflictOf(s, contact.id);
        assert.deepEqual([conflict?.policy, conflict?.resolution], ['crmWins', 'crm']);
        assert.equal(conflict?.remoteVersion.jobTitle, 'Должность из Outlook');
      });

      it('CT-6: exchangeWins keeps the Outlook edit although the CRM was later', async () => {
        const s = harness();
        await s.settings({ conflictPolicy: 'exchangeWins' });
        const contact = await editBothSides(s, { givenName: 'Эмма', surname: 'Обменова' }, false);
        await assertJobTitleEverywhere(s, 'Эмма Обменова', 'Должность из Outlook');
        const conflict = await conflictOf(s, contact.id);
        assert.deepEqual([conflict?.policy, conflict?.resolution], ['exchangeWins', 'remote']);
        assert.equal(conflict?.crmVersion.jobTitle, 'Должность из CRM');
        await s.settings({ conflictPolicy: 'lastWriterWins' });
      });

      it('CT-6: a fourth email the mailbox cannot hold stays in the CRM after a round trip', async () => {
        const s = harness();
        const four = ['one@example.ru', 'two@example.ru', 'three@example.ru', 'four@example.ru'];
        const contact = await s.createCrmContact({
          fullName: 'Четыре Адреса',
          communications: four.map((value) => ({ kind: 'email', type: 'work', value })),
        });
        assert.equal((await s.sync()).state, 'succeeded');
        const item = await mailboxContact(s, 'Четыре Адреса');
        assert.deepEqual(
          item.emailAddresses.map((e) => e.address),
          four.slice(0, 3),
        );
        await s.editOutlookContact(item.id, {
          jobTitle: 'Почтальон',
          emailAddresses: [
            { address: 'one@example.ru' },
            { address: 'new@example.ru' },
            { address: 'three@example.ru' },
          ],
        });
        assert.equal((await s.sync()).state, 'succeeded');
        const after = await s.owner.json<ApiContact>('GET', `/api/contacts/${contact.id}`, undefined, 200);
        assert.equal(after.jobTitle, 'Почтальон');
        assert.deepEqual(emails(after), ['one@example.ru', 'new@example.ru', 'three@example.ru', 'four@example.ru']);
      });
    });

    describe('deletions and moves', () => {
      const harness = harnessPerSuite(dialect);

      it('CT-6: a contact deleted in Outlook is deleted in the CRM (deletions to the CRM on)', async () => {
        const s = harness();
        await s.settings({ ...TWO_WAY, deletions: { toCrm: true, toExchange: true } });
        const { itemId, contact } = await linkedContact(s, { givenName: 'Удалённый', surname: 'Вoutlookе' });
        await s.deleteOutlookContact(itemId);
        const run = await s.sync();
        assert.equal(run.state, 'succeeded');
        assert.equal(run.counts.deleted, 1);
        assert.ok(!(await s.crmContacts()).some((c) => c.id === contact.id));
        const lines = await s.journal({ runId: run.id, action: 'delete' });
        assert.ok(lines.some((l) => l.crmId === contact.id && l.side === 'crm' && l.result === 'ok'));
      });

      it('CT-6: a contact deleted in Outlook stays in the CRM when deletions to the CRM are off', async () => {
        const s = harness();
        await s.settings({ deletions: { toCrm: false } });
        const { itemId, contact } = await linkedContact(s, { givenName: 'Сохранённый', surname: 'Вcrm' });
        await s.deleteOutlookContact(itemId);
        const run = await s.sync();
        assert.equal(run.state, 'succeeded');
        assert.equal(run.counts.deleted, 0);
        assert.equal((await s.crmContact('Сохранённый Вcrm')).id, contact.id);
        await s.settings({ deletions: { toCrm: true } });
      });

      it('CT-6: a contact deleted in the CRM is deleted in Outlook (deletions to Exchange on)', async () => {
        const s = harness();
        const contact = await s.createCrmContact({ fullName: 'Стёртый Вcrm' });
        await s.sync();
        await mailboxContact(s, 'Стёртый Вcrm');
        await s.owner.json('DELETE', `/api/contacts/${contact.id}`, undefined, 204);
        const run = await s.sync();
        assert.equal(run.state, 'succeeded');
        assert.equal(run.counts.deleted, 1);
        assert.ok(!(await s.mailboxContacts()).some((c) => c.displayName === 'Стёртый Вcrm'));
      });

      it('CT-6: a contact deleted in the CRM stays in Outlook when deletions to Exchange are off, and does not come back', async () => {
        const s = harness();
        await s.settings({ deletions: { toExchange: false } });
        const contact = await s.createCrmContact({ fullName: 'Оставленный Вoutlook' });
        await s.sync();
        await s.owner.json('DELETE', `/api/contacts/${contact.id}`, undefined, 204);
        assert.equal((await s.sync()).state, 'succeeded');
        await mailboxContact(s, 'Оставленный Вoutlook');
        assert.equal((await s.sync()).state, 'succeeded');
        assert.ok(!(await s.crmContacts()).some((c) => c.fullName === 'Оставленный Вoutlook'));
        await s.settings({ deletions: { toExchange: true } });
      });

      it('CT-6: a contact re-created after its deletion is synced again, once, on either side', async () => {
        const s = harness();
        const first = await linkedContact(s, { givenName: 'Феникс', surname: 'Outlookов' });
        await s.deleteOutlookContact(first.itemId);
        await s.sync();
        await s.outlookContact({ givenName: 'Феникс', surname: 'Outlookов' });
        assert.equal((await s.sync()).state, 'succeeded');
        assert.notEqual((await s.crmContact('Феникс Outlookов')).id, first.contact.id);
        await mailboxContact(s, 'Феникс Outlookов');

        const gone = await s.createCrmContact({ fullName: 'Феникс Срмов' });
        await s.sync();
        await s.owner.json('DELETE', `/api/contacts/${gone.id}`, undefined, 204);
        await s.sync();
        const again = await s.createCrmContact({ fullName: 'Феникс Срмов' });
        assert.equal((await s.sync()).state, 'succeeded');
        assert.equal((await mailboxContact(s, 'Феникс Срмов')).tandemId, again.id);
        assert.equal((await s.crmContact('Феникс Срмов')).id, again.id);
      });

      it('CT-6: a contact moved between two imported folders is neither deleted nor duplicated', async () => {
        const s = harness();
        const folder = await s.outlookFolder('Партнёры');
        const { itemId, contact } = await linkedContact(s, { givenName: 'Кочующий', surname: 'Контакт' });
        await s.moveOutlookContact(itemId, folder);
        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        assert.equal(run.counts.deleted, 0);
        assert.equal(run.counts.created, 0);
        assert.equal((await s.crmContact('Кочующий Контакт')).id, contact.id);
        assert.equal((await mailboxContact(s, 'Кочующий Контакт')).parentFolderId, folder);
        // The link followed the item: an edit in its new folder still reaches the same CRM record.
        await s.editOutlookContact(itemId, { jobTitle: 'Путешественник' });
        assert.equal((await s.sync()).state, 'succeeded');
        const after = await s.crmContact('Кочующий Контакт');
        assert.deepEqual([after.id, after.jobTitle], [contact.id, 'Путешественник']);
      });

      it('CT-6: a contact edited in the CRM and moved in Outlook out of the imported folders keeps the CRM edit', async () => {
        // Graph reports a move to Deleted Items or to a folder that is not imported alike ("moved out"): the CRM edit
        // made since the last sync wins over that deletion, and the record is sent to the imported folder again.
        const s = harness();
        const archive = await s.outlookFolder('Архив');
        await s.settings({ ...TWO_WAY, deletions: { toCrm: true, toExchange: true } });
        const { itemId, contact } = await linkedContact(s, { givenName: 'Ушедший', surname: 'Вархив' });
        const contactsFolder = (await mailboxContact(s, 'Ушедший Вархив')).parentFolderId;
        await s.settings({ contacts: { ...TWO_WAY.contacts, importFolders: [contactsFolder] } });
        await pause(1100);
        await s.owner.json('PATCH', `/api/contacts/${contact.id}`, { jobTitle: 'Отредактирован в CRM' }, 200);
        await s.moveOutlookContact(itemId, archive);
        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        assert.equal(run.counts.deleted, 0);
        const kept = await s.crmContact('Ушедший Вархив');
        assert.deepEqual([kept.id, kept.jobTitle], [contact.id, 'Отредактирован в CRM']);
        const copies = (await s.mailboxContacts()).filter((c) => c.displayName === 'Ушедший Вархив');
        assert.deepEqual(copies.map((c) => c.parentFolderId).sort(), [archive, contactsFolder].sort(), 'sent back');
        assert.equal(copies.find((c) => c.parentFolderId === contactsFolder)?.jobTitle, 'Отредактирован в CRM');
        const lines = await s.journal({ runId: run.id, action: 'unlink' });
        assert.ok(lines.some((l) => l.crmId === contact.id && l.message?.includes('changed in the CRM')));
        const next = await s.sync();
        assert.equal(next.counts.created + next.counts.deleted, 0, 'the next run changes nothing');
        await s.settings({ contacts: { ...TWO_WAY.contacts, importFolders: 'all' } });
      });
    });

    describe('the mass-deletion guard', () => {
      const harness = harnessPerSuite(dialect);

      /** 60 contacts imported from Outlook, then deleted there; the run that notices stops and asks. */
      async function massDeletion(s: SyncHarness, surname: string) {
        const ids: string[] = [];
        for (let i = 1; i <= 60; i++) ids.push((await s.outlookContact({ givenName: `N${i}`, surname })).id);
        assert.equal((await s.sync()).state, 'succeeded');
        assert.equal(countOf(await s.crmContacts(), surname), 60);
        for (const id of ids) await s.deleteOutlookContact(id);
        const run = await s.sync();
        assert.equal(run.state, 'needsConfirmation', JSON.stringify(run));
        assert.equal(run.counts.deleted, 0);
        assert.equal(countOf(await s.crmContacts(), surname), 60, 'nothing is deleted in the CRM yet');
        const pending = await s.pendingDeletions();
        assert.equal(pending.total, 60);
        assert.ok(pending.items.every((p) => p.side === 'crm'));
        const guard = await s.journal({ runId: run.id, action: 'guard' });
        assert.equal(guard.length, 1);
      }
      const countOf = (list: ApiContact[], surname: string) =>
        list.filter((c) => c.fullName.endsWith(` ${surname}`)).length;

      it('CT-6: 60 linked contacts deleted in Outlook wait for confirmation; once confirmed, a run deletes them', async () => {
        const s = harness();
        await s.settings(TWO_WAY);
        await massDeletion(s, 'Подтверждённый');
        const run = await s.confirmDeletions();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        assert.equal(run.counts.deleted, 60);
        assert.equal(countOf(await s.crmContacts(), 'Подтверждённый'), 0);
        assert.equal((await s.pendingDeletions()).total, 0);
      });

      it('CT-6: cancelled mass deletions delete nothing, and later runs do not ask again', async () => {
        const s = harness();
        await massDeletion(s, 'Отменённый');
        assert.equal(await s.cancelDeletions(), 60);
        assert.equal((await s.pendingDeletions()).total, 0);
        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        assert.equal(run.counts.deleted, 0);
        assert.equal(countOf(await s.crmContacts(), 'Отменённый'), 60);
        assert.equal((await s.sync()).state, 'succeeded');
        assert.equal(countOf(await s.crmContacts(), 'Отменённый'), 60);
      });
    });
  });
}
