import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Client } from '../helpers/app.ts';
import { dialects } from '../helpers/databases.ts';
import { harnessPerSuite } from './sync-harness.ts';

/**
 * CT-2: contacts imported from Microsoft 365 are linked to accounts by company name — through the API against the
 * emulator, on both databases. Several accounts of that name leave the contact without one, unless the importing
 * user may read exactly one of them.
 */

const account = async (as: Client, name: string) =>
  (await as.json<{ id: string }>('POST', '/api/accounts', { name }, 201)).id;

for (const dialect of await dialects()) {
  describe(`contacts → accounts (${dialect.name})`, () => {
    describe('every account readable by everyone (the default)', () => {
      const harness = harnessPerSuite(dialect);

      it('CT-2: the company name finds its account whatever the letter case, Cyrillic included', async () => {
        const s = harness();
        const romashka = await account(s.owner, 'ООО «Ромашка»');
        const contoso = await account(s.owner, 'Contoso Ltd');
        const yolka = await account(s.owner, 'Ёлка и Ко');
        await s.outlookContact({ givenName: 'Иван', surname: 'Петров', companyName: 'ооо «ромашка»' });
        await s.outlookContact({ givenName: 'John', surname: 'Doe', companyName: 'CONTOSO LTD' });
        await s.outlookContact({ givenName: 'Анна', surname: 'Ёлкина', companyName: 'ЁЛКА И КО' });

        const run = await s.sync();
        assert.equal(run.state, 'succeeded', JSON.stringify(run));
        assert.equal((await s.crmContact('Иван Петров')).accountId, romashka);
        assert.equal((await s.crmContact('John Doe')).accountId, contoso);
        const anna = await s.crmContact('Анна Ёлкина');
        assert.equal(anna.accountId, yolka);
        assert.equal(anna.accountName, 'Ёлка и Ко');
      });

      it('CT-2: a company with no account of that name leaves the contact without one, and no account is made', async () => {
        const s = harness();
        const before = await s.owner.json<{ total: number }>('GET', '/api/accounts?limit=1', undefined, 200);
        await s.outlookContact({ givenName: 'Пётр', surname: 'Безфирменный', companyName: 'Несуществующая фирма' });

        assert.equal((await s.sync()).state, 'succeeded');
        const petr = await s.crmContact('Пётр Безфирменный');
        assert.equal(petr.accountId, null);
        const afterwards = await s.owner.json<{ total: number }>('GET', '/api/accounts?limit=1', undefined, 200);
        assert.equal(afterwards.total, before.total);
      });

      it('CT-2: two accounts of that name the owner can both read → the contact gets no account', async () => {
        const s = harness();
        const bob = await s.h.user('bob');
        await account(s.owner, 'Вектор');
        await account(bob, 'ВЕКТОР');
        await s.outlookContact({ givenName: 'Олег', surname: 'Двойников', companyName: 'вектор' });

        assert.equal((await s.sync()).state, 'succeeded');
        assert.equal((await s.crmContact('Олег Двойников')).accountId, null);
      });

      it('CT-2: a company changed in Outlook moves the contact to the account of the new name', async () => {
        const s = harness();
        const first = await account(s.owner, 'Первая компания');
        const second = await account(s.owner, 'Вторая компания');
        const item = await s.outlookContact({
          givenName: 'Семён',
          surname: 'Переходов',
          companyName: 'Первая компания',
        });
        await s.sync();
        assert.equal((await s.crmContact('Семён Переходов')).accountId, first);

        await s.editOutlookContact(item.id, { companyName: 'вторая компания' });
        assert.equal((await s.sync()).state, 'succeeded');
        assert.equal((await s.crmContact('Семён Переходов')).accountId, second);
      });
    });

    describe('accounts private to their owners', () => {
      const harness = harnessPerSuite(dialect);

      it("CT-2: of two accounts of that name the owner can read only their own → linked to it, not to another user's private one", async () => {
        const s = harness();
        await s.everyoneCanRead('account', false);
        const bob = await s.h.user('bob');
        await account(bob, 'Альфа-Трейд');
        const mine = await account(s.owner, 'альфа-трейд');
        await s.outlookContact({ givenName: 'Мария', surname: 'Альфина', companyName: 'Альфа-Трейд' });

        assert.equal((await s.sync()).state, 'succeeded');
        assert.equal((await s.crmContact('Мария Альфина')).accountId, mine);
      });

      it("CT-2: the only account of that name is another user's private one → no account", async () => {
        const s = harness();
        const bob = await s.h.user('bob2');
        await account(bob, 'Скрытая фирма');
        await s.outlookContact({ givenName: 'Глеб', surname: 'Невидимов', companyName: 'Скрытая фирма' });

        assert.equal((await s.sync()).state, 'succeeded');
        assert.equal((await s.crmContact('Глеб Невидимов')).accountId, null);
      });

      it('CT-2: an account shared with the owner by a grant counts as readable', async () => {
        const s = harness();
        const carol = await s.h.user('carol');
        const shared = await account(carol, 'Общая фирма');
        await carol.json(
          'PUT',
          `/api/accounts/${shared}/grants`,
          { items: [{ granteeType: 'user', granteeId: s.owner.userId, read: true }] },
          200,
        );
        await account(carol, 'Общая фирма');
        await s.outlookContact({ givenName: 'Вера', surname: 'Доверенная', companyName: 'ОБЩАЯ ФИРМА' });

        assert.equal((await s.sync()).state, 'succeeded');
        assert.equal((await s.crmContact('Вера Доверенная')).accountId, shared);
      });
    });
  });
}
