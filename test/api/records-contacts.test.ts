import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { create, expectError, list, listIds } from './api-support.ts';

/** Contacts through the API (DESIGN §4 contact shape and list contract), on every dialect. */

interface Contact {
  id: string;
  fullName: string;
  givenName: string | null;
  surname: string | null;
  jobTitle: string | null;
  type: string | null;
  accountId: string | null;
  accountName: string | null;
  ownerId: string;
  communications: { kind: string; type: string; value: string }[];
  changeSeq: number;
  createdAt: string;
  modifiedAt: string;
}

for (const dialect of await dialects()) {
  describe(`contacts (${dialect.name})`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let admin: Client;
    let bob: Client;

    before(async () => {
      db = await dialect.open();
      app = await testApp(db);
      admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      bob = await createUser(admin, app, 'bob');
    });
    after(async () => {
      await app?.close();
      await db?.drop();
    });

    const names = async (url: string) => (await list<Contact>(admin, url)).items.map((c) => c.fullName);

    it('create, read, update and delete a contact with two emails and an account', async () => {
      const acme = await create<{ id: string }>(admin, '/api/accounts', { name: 'Acme Ltd', type: 'customer' });
      const c = await create<Contact>(admin, '/api/contacts', {
        givenName: 'Ivan',
        surname: 'Petrov',
        jobTitle: 'Buyer',
        type: 'customer',
        accountId: acme.id,
        communications: [
          { kind: 'email', value: 'ivan.petrov@acme.example' },
          { kind: 'email', type: 'home', value: ' ivan@home.example ' },
        ],
        addresses: [{ city: 'Kazan', country: 'Russia' }],
      });
      assert.equal(c.fullName, 'Ivan Petrov');
      assert.equal(c.accountId, acme.id);
      assert.equal(c.accountName, 'Acme Ltd');
      assert.equal(c.ownerId, admin.userId);
      assert.deepEqual(c.communications, [
        { kind: 'email', type: 'work', value: 'ivan.petrov@acme.example' },
        { kind: 'email', type: 'home', value: 'ivan@home.example' },
      ]);
      assert.equal(typeof c.changeSeq, 'number');
      assert.equal(typeof c.id, 'string');

      const read = await admin.json<Contact>('GET', `/api/contacts/${c.id}`, undefined, 200);
      assert.equal(read.fullName, 'Ivan Petrov');
      assert.equal(read.communications.length, 2);

      // Fields not sent stay as they are.
      const patched = await admin.json<Contact>(
        'PATCH',
        `/api/contacts/${c.id}`,
        { jobTitle: 'Head of purchasing' },
        200,
      );
      assert.equal(patched.jobTitle, 'Head of purchasing');
      assert.equal(patched.fullName, 'Ivan Petrov');
      assert.equal(patched.communications.length, 2);
      assert.equal(patched.accountId, acme.id);
      assert.ok(patched.changeSeq > c.changeSeq);

      // Changing a name part recomposes the full name; replacing communications replaces them.
      const renamed = await admin.json<Contact>(
        'PUT',
        `/api/contacts/${c.id}`,
        { surname: 'Sidorov', communications: [{ kind: 'phone', value: '+7 843 000-00-00' }] },
        200,
      );
      assert.equal(renamed.fullName, 'Ivan Sidorov');
      assert.deepEqual(
        renamed.communications.map((x) => x.kind),
        ['phone'],
      );

      await admin.json('DELETE', `/api/contacts/${c.id}`, undefined, 204);
      expectError(await admin.request('GET', `/api/contacts/${c.id}`), 404, 'TANDEM_ERR_NOT_FOUND');
      assert.deepEqual(await listIds(admin, '/api/contacts?q=sidorov'), []);
      expectError(await admin.request('DELETE', `/api/contacts/${c.id}`), 404, 'TANDEM_ERR_NOT_FOUND');
    });

    it('deleting an account keeps its contacts and clears their account', async () => {
      const acc = await create(admin, '/api/accounts', { name: 'Short-lived Co' });
      const c = await create(admin, '/api/contacts', { fullName: 'Orphaned Employee', accountId: acc.id });
      await admin.json('DELETE', `/api/accounts/${acc.id}`, undefined, 204);
      const after = await admin.json<Contact>('GET', `/api/contacts/${c.id}`, undefined, 200);
      assert.equal(after.accountId, null);
    });

    it('?q= finds contacts by name, by email and by job title', async () => {
      const c = await create(admin, '/api/contacts', {
        fullName: 'Greta Searchable',
        jobTitle: 'Harbour master',
        communications: [{ kind: 'email', value: 'greta.s@port.example' }],
      });
      for (const q of ['searchable', 'GRETA', 'greta.s@port', 'PORT.EXAMPLE', 'harbour']) {
        assert.deepEqual(await listIds(admin, `/api/contacts?q=${encodeURIComponent(q)}`), [c.id], q);
      }
    });

    it('?q= is case-insensitive for Cyrillic: иванов finds Иванов', async () => {
      const c = await create(admin, '/api/contacts', { surname: 'Иванов', givenName: 'Пётр', jobTitle: 'Директор' });
      for (const q of ['иванов', 'ИВАНОВ', 'Пётр', 'директор']) {
        assert.deepEqual(await listIds(admin, `/api/contacts?q=${encodeURIComponent(q)}`), [c.id], q);
      }
    });

    it('LIKE wildcards in ?q= are literal: % finds only records containing %, _ only those with _', async () => {
      const pct = await create(admin, '/api/contacts', { fullName: 'Wild 100% Cotton' });
      const und = await create(admin, '/api/contacts', { fullName: 'Wild Under_score' });
      const bsl = await create(admin, '/api/contacts', { fullName: 'Wild Back\\slash' });
      await create(admin, '/api/contacts', { fullName: 'Wild Plain' });
      assert.deepEqual(await listIds(admin, `/api/contacts?q=${encodeURIComponent('%')}`), [pct.id]);
      assert.deepEqual(await listIds(admin, '/api/contacts?q=_'), [und.id]);
      assert.deepEqual(await listIds(admin, `/api/contacts?q=${encodeURIComponent('\\')}`), [bsl.id]);
      assert.equal((await list(admin, '/api/contacts?q=wild')).total, 4);
    });

    it('?q= of one or two letters finds only the records containing them', async () => {
      const jq = await create(admin, '/api/contacts', { fullName: 'Jq Shorty' });
      const hard = await create(admin, '/api/contacts', { fullName: 'Подъезд Тест' });
      assert.deepEqual(await listIds(admin, '/api/contacts?q=jq'), [jq.id]);
      assert.deepEqual(await listIds(admin, `/api/contacts?q=${encodeURIComponent('Ъ')}`), [hard.id]);
    });

    it('?q= follows renames and deletions (the search index stays in step with the records)', async () => {
      const c = await create(admin, '/api/contacts', {
        fullName: 'Quentin Oldname',
        communications: [{ kind: 'email', value: 'quentin@old.example' }],
      });
      await admin.json(
        'PATCH',
        `/api/contacts/${c.id}`,
        { fullName: 'Quentin Newname', communications: [{ kind: 'email', value: 'quentin@new.example' }] },
        200,
      );
      assert.deepEqual(await listIds(admin, '/api/contacts?q=oldname'), []);
      assert.deepEqual(await listIds(admin, '/api/contacts?q=old.example'), []);
      assert.deepEqual(await listIds(admin, '/api/contacts?q=newname'), [c.id]);
      assert.deepEqual(await listIds(admin, '/api/contacts?q=new.example'), [c.id]);
      await admin.json('DELETE', `/api/contacts/${c.id}`, undefined, 204);
      assert.deepEqual(await list(admin, '/api/contacts?q=newname'), { items: [], total: 0 });
    });

    it('paging: default limit 50 with total, offset and limit', async () => {
      for (let i = 1; i <= 55; i++) {
        await create(admin, '/api/contacts', { fullName: `Pager ${String(i).padStart(2, '0')}` });
      }
      const first = await list<Contact>(admin, '/api/contacts?q=pager');
      assert.equal(first.items.length, 50);
      assert.equal(first.total, 55);
      assert.equal(first.items[0]?.fullName, 'Pager 01');
      const rest = await list<Contact>(admin, '/api/contacts?q=pager&offset=50');
      assert.deepEqual(
        rest.items.map((c) => c.fullName),
        ['Pager 51', 'Pager 52', 'Pager 53', 'Pager 54', 'Pager 55'],
      );
      assert.equal(rest.total, 55);
      assert.deepEqual(await names('/api/contacts?q=pager&limit=3&offset=20'), ['Pager 21', 'Pager 22', 'Pager 23']);
      assert.deepEqual(await names('/api/contacts?q=pager&limit=2&sort=-fullName'), ['Pager 55', 'Pager 54']);
      const beyond = await list(admin, '/api/contacts?q=pager&offset=100');
      assert.deepEqual(beyond, { items: [], total: 55 });
    });

    it('sorting with ties is stable: paging one by one never repeats or skips, and desc reverses asc', async () => {
      for (let i = 0; i < 5; i++) await create(admin, '/api/contacts', { fullName: 'Twin Same' });
      const asc = await listIds(admin, '/api/contacts?q=twin&sort=fullName');
      const desc = await listIds(admin, '/api/contacts?q=twin&sort=-fullName');
      assert.equal(new Set(asc).size, 5);
      assert.deepEqual(desc, [...asc].reverse());
      const paged: string[] = [];
      for (let offset = 0; offset < 5; offset++) {
        paged.push(...(await listIds(admin, `/api/contacts?q=twin&sort=fullName&limit=1&offset=${offset}`)));
      }
      assert.deepEqual(paged, asc);
      const bySeq = await list<Contact>(admin, '/api/contacts?q=twin&sort=changeSeq');
      const seqs = bySeq.items.map((c) => c.changeSeq);
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
      );
    });

    it('sorting by a field some contacts leave blank orders blanks the same on every dialect (last ascending, first descending)', async () => {
      await create(admin, '/api/contacts', { fullName: 'Blanky One' });
      await create(admin, '/api/contacts', { fullName: 'Blanky Two', jobTitle: 'Analyst' });
      await create(admin, '/api/contacts', { fullName: 'Blanky Three', jobTitle: 'Zoologist' });
      assert.deepEqual(await names('/api/contacts?q=blanky&sort=jobTitle'), [
        'Blanky Two',
        'Blanky Three',
        'Blanky One',
      ]);
      assert.deepEqual(await names('/api/contacts?q=blanky&sort=-jobTitle'), [
        'Blanky One',
        'Blanky Three',
        'Blanky Two',
      ]);
    });

    it('filters by type, owner and account', async () => {
      const acc = await create(admin, '/api/accounts', { name: 'Filter Account' });
      const supplier = await create(admin, '/api/contacts', {
        fullName: 'Filt Supplier',
        type: 'supplier',
        accountId: acc.id,
      });
      const partner = await create(bob, '/api/contacts', { fullName: 'Filt Partner', type: 'partner' });
      assert.deepEqual(await listIds(admin, '/api/contacts?q=filt&type=supplier'), [supplier.id]);
      assert.deepEqual(await listIds(admin, `/api/contacts?q=filt&ownerId=${bob.userId}`), [partner.id]);
      assert.deepEqual(await listIds(admin, `/api/contacts?accountId=${acc.id}`), [supplier.id]);
      // The user's own Employee contact is found by type.
      const employees = await list<Contact>(admin, '/api/contacts?type=employee');
      assert.ok(employees.items.some((c) => c.ownerId === bob.userId));
      assert.ok(employees.items.every((c) => c.type === 'employee'));
    });

    it('filters by a static group; members come and go', async () => {
      const a = await create(admin, '/api/contacts', { fullName: 'Static Member A' });
      const b = await create(admin, '/api/contacts', { fullName: 'Static Member B' });
      await create(admin, '/api/contacts', { fullName: 'Static Outsider' });
      const g = await create(admin, '/api/groups', { name: 'VIP', object: 'contact', kind: 'static' });
      await admin.json('POST', `/api/groups/${g.id}/members`, { recordIds: [a.id, b.id, a.id] }, 204);
      const inGroup = await list<Contact>(admin, `/api/contacts?groupId=${g.id}`);
      assert.equal(inGroup.total, 2);
      assert.deepEqual(new Set(inGroup.items.map((c) => c.id)), new Set([a.id, b.id]));
      await admin.json('DELETE', `/api/groups/${g.id}/members/${a.id}`, undefined, 204);
      assert.deepEqual(await listIds(admin, `/api/contacts?groupId=${g.id}`), [b.id]);
      await admin.json('DELETE', `/api/contacts/${b.id}`, undefined, 204);
      assert.deepEqual(await list(admin, `/api/contacts?groupId=${g.id}`), { items: [], total: 0 });
      expectError(await admin.request('GET', '/api/contacts?groupId=nope'), 400, 'TANDEM_ERR_VALIDATION', 'groupId');
    });

    it('filters by a dynamic group with "or" and a nested "and" group', async () => {
      const ceo = await create(admin, '/api/contacts', { fullName: 'Dyn CEO', jobTitle: 'CEO' });
      const kazanTat = await create(admin, '/api/contacts', {
        fullName: 'Dyn Kazan Tat',
        addresses: [{ city: 'Kazan' }],
        communications: [{ kind: 'email', value: 'r@tatneft.example' }],
      });
      await create(admin, '/api/contacts', {
        fullName: 'Dyn Kazan Other',
        addresses: [{ city: 'Kazan' }],
        communications: [{ kind: 'email', value: 'r@gmail.example' }],
      });
      await create(admin, '/api/contacts', {
        fullName: 'Dyn Moscow Tat',
        addresses: [{ city: 'Moscow' }],
        communications: [{ kind: 'email', value: 'm@tatneft.example' }],
      });
      const g = await create(admin, '/api/groups', {
        name: 'Dyn',
        object: 'contact',
        kind: 'dynamic',
        filter: {
          logic: 'or',
          conditions: [
            { field: 'jobTitle', op: 'eq', value: 'ceo' },
            {
              logic: 'and',
              conditions: [
                { field: 'city', op: 'eq', value: 'KAZAN' },
                { field: 'email', op: 'contains', value: '@tatneft' },
              ],
            },
          ],
        },
      });
      const found = await list<Contact>(admin, `/api/contacts?groupId=${g.id}&q=dyn`);
      assert.deepEqual(found.items.map((c) => c.id).sort(), [ceo.id, kazanTat.id].sort());
      assert.equal(found.total, 2);
      // A new matching contact joins by itself.
      const later = await create(admin, '/api/contacts', { fullName: 'Dyn Later', jobTitle: 'CEO' });
      assert.ok((await listIds(admin, `/api/contacts?groupId=${g.id}`)).includes(later.id));
    });

    it('a dynamic group on ownerId = @me shows each viewer their own contacts', async () => {
      const mine = await create(admin, '/api/contacts', { fullName: 'Meow Admin' });
      const bobs = await create(bob, '/api/contacts', { fullName: 'Meow Bob' });
      const g = await create(bob, '/api/groups', {
        name: 'My contacts',
        object: 'contact',
        kind: 'dynamic',
        filter: { logic: 'and', conditions: [{ field: 'ownerId', op: 'eq', value: '@me' }] },
      });
      assert.deepEqual(await listIds(admin, `/api/contacts?groupId=${g.id}&q=meow`), [mine.id]);
      assert.deepEqual(await listIds(bob, `/api/contacts?groupId=${g.id}&q=meow`), [bobs.id]);
    });
  });
}
