import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { create, expectError, list, listIds } from './api-support.ts';

/**
 * Record rights through the API: a record is visible to its owner, to holders of CanManageAllRecords,
 * to everyone when the administrator's default says so, and to users or roles it is granted to.
 * A record the user may not read is indistinguishable from one that does not exist (404).
 */

for (const dialect of await dialects()) {
  describe(`record rights (${dialect.name})`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let admin: Client;
    let alice: Client;
    let bob: Client;
    let secret: { id: string; title: string };
    const window = { from: '2030-05-01T00:00:00Z', to: '2030-05-08T00:00:00Z' };

    before(async () => {
      db = await dialect.open();
      app = await testApp(db);
      admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      alice = await createUser(admin, app, 'alice');
      bob = await createUser(admin, app, 'bob');
      secret = await create(alice, '/api/activities', {
        title: 'Alice private meeting',
        category: 'meeting',
        start: '2030-05-03T10:00:00Z',
        due: '2030-05-03T11:00:00Z',
        showInCalendar: true,
      });
    });
    after(async () => {
      await app?.close();
      await db?.drop();
    });

    const grant = (id: string, items: object[]) => alice.json('PUT', `/api/activities/${id}/grants`, { items }, 200);

    it("activities are private by default: another user gets 404 on read, edit, delete and grants of Alice's activity", async () => {
      const url = `/api/activities/${secret.id}`;
      expectError(await bob.request('GET', url), 404, 'TANDEM_ERR_NOT_FOUND');
      expectError(await bob.request('PATCH', url, { title: 'hijacked' }), 404, 'TANDEM_ERR_NOT_FOUND');
      expectError(await bob.request('DELETE', url), 404, 'TANDEM_ERR_NOT_FOUND');
      expectError(await bob.request('GET', `${url}/grants`), 404, 'TANDEM_ERR_NOT_FOUND');
      const selfGrant = { items: [{ granteeType: 'user', granteeId: bob.userId, read: true, edit: true }] };
      expectError(await bob.request('PUT', `${url}/grants`, selfGrant), 404, 'TANDEM_ERR_NOT_FOUND');
      const still = await alice.json<{ title: string }>('GET', url, undefined, 200);
      assert.equal(still.title, 'Alice private meeting');
    });

    it("a private activity is absent from the other user's list, search, calendar window and totals", async () => {
      const all = await list(bob, '/api/activities');
      assert.equal(all.total, 0);
      assert.deepEqual(all.items, []);
      assert.deepEqual(await listIds(bob, '/api/activities?q=private'), []);
      assert.deepEqual(await listIds(bob, `/api/activities?from=${window.from}&to=${window.to}`), []);
      assert.deepEqual(await listIds(bob, '/api/activities?showInCalendar=true'), []);
      assert.deepEqual(await listIds(alice, `/api/activities?from=${window.from}&to=${window.to}`), [secret.id]);
    });

    it('a group never reveals a member its viewer may not read (static and dynamic groups)', async () => {
      const staticGroup = await create(alice, '/api/groups', {
        name: 'Alice static',
        object: 'activity',
        kind: 'static',
      });
      await alice.json('POST', `/api/groups/${staticGroup.id}/members`, { recordIds: [secret.id] }, 204);
      const dynamicGroup = await create(alice, '/api/groups', {
        name: 'Meetings',
        object: 'activity',
        kind: 'dynamic',
        filter: { logic: 'and', conditions: [{ field: 'category', op: 'eq', value: 'meeting' }] },
      });
      for (const g of [staticGroup, dynamicGroup]) {
        assert.deepEqual(await listIds(alice, `/api/activities?groupId=${g.id}`), [secret.id]);
        const seen = await list(bob, `/api/activities?groupId=${g.id}`);
        assert.deepEqual(seen, { items: [], total: 0 });
      }
      // Nor can Bob put Alice's activity into a group of his own.
      const bobGroup = await create(bob, '/api/groups', { name: 'Bob static', object: 'activity', kind: 'static' });
      const res = await bob.request('POST', `/api/groups/${bobGroup.id}/members`, { recordIds: [secret.id] });
      expectError(res, 400, 'TANDEM_ERR_VALIDATION', 'recordIds.0');
    });

    it("only a group's owner (or an administrator) may rename it, change its members or delete it", async () => {
      const g = await create(alice, '/api/groups', { name: 'Alice owns this', object: 'contact', kind: 'static' });
      const c = await create(bob, '/api/contacts', { fullName: 'Bob Contact For Group' });
      const url = `/api/groups/${g.id}`;
      expectError(await bob.request('PATCH', url, { name: 'Renamed by Bob' }), 403, 'TANDEM_ERR_FORBIDDEN');
      expectError(await bob.request('POST', `${url}/members`, { recordIds: [c.id] }), 403, 'TANDEM_ERR_FORBIDDEN');
      expectError(await bob.request('DELETE', url), 403, 'TANDEM_ERR_FORBIDDEN');
      await admin.json('PATCH', url, { name: 'Renamed by admin' }, 200);
      await alice.json('DELETE', url, undefined, 204);
    });

    it('with a read grant the other user can read the activity but PATCH/DELETE → 403 and cannot re-share it', async () => {
      await grant(secret.id, [{ granteeType: 'user', granteeId: bob.userId, read: true }]);
      const seen = await bob.json<{ id: string; permissions: { edit: boolean; delete: boolean } }>(
        'GET',
        `/api/activities/${secret.id}`,
        undefined,
        200,
      );
      assert.deepEqual(seen.permissions, { edit: false, delete: false });
      assert.deepEqual(await listIds(bob, '/api/activities'), [secret.id]);
      assert.deepEqual(await listIds(bob, `/api/activities?from=${window.from}&to=${window.to}`), [secret.id]);
      expectError(
        await bob.request('PATCH', `/api/activities/${secret.id}`, { title: 'x' }),
        403,
        'TANDEM_ERR_FORBIDDEN',
      );
      expectError(await bob.request('DELETE', `/api/activities/${secret.id}`), 403, 'TANDEM_ERR_FORBIDDEN');
      const reshare = { items: [{ granteeType: 'user', granteeId: bob.userId, read: true, edit: true }] };
      expectError(
        await bob.request('PUT', `/api/activities/${secret.id}/grants`, reshare),
        403,
        'TANDEM_ERR_FORBIDDEN',
      );
      const grants = await bob.json<{ items: unknown[] }>('GET', `/api/activities/${secret.id}/grants`, undefined, 200);
      assert.deepEqual(grants.items, [
        { granteeType: 'user', granteeId: bob.userId, read: true, edit: false, delete: false },
      ]);
    });

    it('with an edit grant the other user can change the activity (and still not delete it)', async () => {
      await grant(secret.id, [{ granteeType: 'user', granteeId: bob.userId, edit: true }]);
      const changed = await bob.json<{ title: string; ownerId: string }>(
        'PATCH',
        `/api/activities/${secret.id}`,
        { title: 'Edited by Bob' },
        200,
      );
      assert.equal(changed.title, 'Edited by Bob');
      assert.equal(changed.ownerId, alice.userId);
      expectError(await bob.request('DELETE', `/api/activities/${secret.id}`), 403, 'TANDEM_ERR_FORBIDDEN');
    });

    it('revoking the grant hides the activity again', async () => {
      await grant(secret.id, []);
      expectError(await bob.request('GET', `/api/activities/${secret.id}`), 404, 'TANDEM_ERR_NOT_FOUND');
      assert.equal((await list(bob, '/api/activities')).total, 0);
    });

    it('a grant to a role reaches every member of the role, and leaving the role takes it away', async () => {
      const role = await create(admin, '/api/roles', { name: 'Sales' });
      await admin.json('PATCH', `/api/users/${bob.userId}`, { roleIds: [role.id] }, 200);
      expectError(await bob.request('GET', `/api/activities/${secret.id}`), 404, 'TANDEM_ERR_NOT_FOUND');
      await grant(secret.id, [{ granteeType: 'role', granteeId: role.id, read: true, edit: true }]);
      await bob.json('GET', `/api/activities/${secret.id}`, undefined, 200);
      await bob.json('PATCH', `/api/activities/${secret.id}`, { location: 'Room 7' }, 200);
      assert.deepEqual(await listIds(bob, '/api/activities'), [secret.id]);
      await admin.json('PATCH', `/api/users/${bob.userId}`, { roleIds: [] }, 200);
      expectError(await bob.request('GET', `/api/activities/${secret.id}`), 404, 'TANDEM_ERR_NOT_FOUND');
      await grant(secret.id, []);
    });

    it('the administrator (CanManageAllRecords) sees, edits and manages grants of everyone’s records', async () => {
      const mine = await create(bob, '/api/activities', { title: 'Bob own task' });
      const ids = await listIds(admin, '/api/activities');
      assert.ok(ids.includes(secret.id) && ids.includes(mine.id));
      await admin.json('GET', `/api/activities/${secret.id}`, undefined, 200);
      await admin.json('PATCH', `/api/activities/${mine.id}`, { status: 'inProgress' }, 200);
      await admin.json('GET', `/api/activities/${secret.id}/grants`, undefined, 200);
      // Bob still does not see Alice's; Alice does not see Bob's.
      assert.deepEqual(await listIds(bob, '/api/activities'), [mine.id]);
      assert.deepEqual(await listIds(alice, '/api/activities'), [secret.id]);
      await admin.json('DELETE', `/api/activities/${mine.id}`, undefined, 204);
    });

    it('contacts are readable by everyone by default, but only the owner may edit them', async () => {
      const c = await create(alice, '/api/contacts', { fullName: 'Alice Customer', type: 'customer' });
      const seen = await bob.json<{ permissions: { edit: boolean } }>('GET', `/api/contacts/${c.id}`, undefined, 200);
      assert.equal(seen.permissions.edit, false);
      assert.ok((await listIds(bob, '/api/contacts?q=alice customer')).includes(c.id));
      expectError(await bob.request('PATCH', `/api/contacts/${c.id}`, { jobTitle: 'x' }), 403, 'TANDEM_ERR_FORBIDDEN');
      expectError(await bob.request('DELETE', `/api/contacts/${c.id}`), 403, 'TANDEM_ERR_FORBIDDEN');
    });

    it('when the administrator turns off "everyone can read" for contacts, others lose them from lists, totals and reads', async () => {
      const c = await create(alice, '/api/contacts', { fullName: 'Alice Secret Contact' });
      const before = await list<{ ownerId: string }>(bob, '/api/contacts?limit=500');
      assert.ok(before.items.some((i) => i.ownerId === alice.userId));

      await admin.json(
        'PUT',
        '/api/record-rights/defaults',
        {
          items: [{ object: 'contact', everyoneCanRead: false, everyoneCanEdit: false, everyoneCanDelete: false }],
        },
        200,
      );
      const after = await list<{ id: string; ownerId: string }>(bob, '/api/contacts?limit=500');
      assert.ok(after.items.length > 0, 'Bob still sees his own (employee) contact');
      assert.ok(
        after.items.every((i) => i.ownerId === bob.userId),
        JSON.stringify(after.items),
      );
      assert.equal(after.total, after.items.length, 'total counts only readable contacts');
      assert.equal((await list(bob, '/api/contacts?q=alice secret')).total, 0);
      expectError(await bob.request('GET', `/api/contacts/${c.id}`), 404, 'TANDEM_ERR_NOT_FOUND');
      // A participant or account link cannot be used to probe for it either.
      expectError(
        await bob.request('POST', '/api/activities', { title: 't', participants: [{ contactId: c.id }] }),
        400,
        'TANDEM_ERR_VALIDATION',
        'participants.0.contactId',
      );
      // The owner and the administrator are unaffected.
      await alice.json('GET', `/api/contacts/${c.id}`, undefined, 200);
      assert.ok((await listIds(admin, '/api/contacts?q=alice secret')).includes(c.id));
      // A contact grant to Bob brings back exactly that contact.
      await alice.json(
        'PUT',
        `/api/contacts/${c.id}/grants`,
        { items: [{ granteeType: 'user', granteeId: bob.userId }] },
        200,
      );
      assert.deepEqual(await listIds(bob, '/api/contacts?q=alice secret'), [c.id]);
    });

    it('"everyone can edit" implies read, and turning the default back on restores visibility', async () => {
      const res = await admin.json<{ items: { object: string; everyoneCanRead: boolean; everyoneCanEdit: boolean }[] }>(
        'PUT',
        '/api/record-rights/defaults',
        { items: [{ object: 'contact', everyoneCanRead: false, everyoneCanEdit: true, everyoneCanDelete: false }] },
        200,
      );
      const contact = res.items.find((i) => i.object === 'contact');
      assert.deepEqual(contact && { r: contact.everyoneCanRead, e: contact.everyoneCanEdit }, { r: true, e: true });
      const c = await create(alice, '/api/contacts', { fullName: 'Shared Editable' });
      await bob.json('PATCH', `/api/contacts/${c.id}`, { jobTitle: 'Edited by Bob' }, 200);
      await admin.json(
        'PUT',
        '/api/record-rights/defaults',
        { items: [{ object: 'contact', everyoneCanRead: true, everyoneCanEdit: false, everyoneCanDelete: false }] },
        200,
      );
    });
  });
}
