import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ADMINISTRATORS_ROLE_ID } from '../../src/server/db/migrations/002-reference-data.migration.ts';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { create, expectError, rawSession } from './api-support.ts';

/** Users and their contacts, the last administrator, sessions, rate limiting, health and OpenAPI. */

interface User {
  id: string;
  login: string;
  displayName: string;
  contactId: string | null;
  roleIds: string[];
  active: boolean;
}

for (const dialect of await dialects()) {
  describe(`users, sessions and system endpoints (${dialect.name})`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let admin: Client;

    before(async () => {
      db = await dialect.open();
      app = await testApp(db);
      admin = await signIn(app, 'admin', ADMIN_PASSWORD);
    });
    after(async () => {
      await app?.close();
      await db?.drop();
    });

    it(`GET /api/health → {status: ok, db: ${dialect.name}, version} without signing in`, async () => {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ok', db: dialect.name, version: 'test' });
    });

    it('GET /api/openapi.json is an OpenAPI 3 document with /api/contacts and its request body schema', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      assert.equal(res.statusCode, 200);
      const doc = res.json();
      assert.match(doc.openapi, /^3\./);
      const contacts = doc.paths['/api/contacts'];
      assert.ok(contacts?.get && contacts?.post, 'documents list and create');
      const schema = contacts.post.requestBody.content['application/json'].schema;
      assert.equal(schema.type, 'object');
      assert.equal(schema.additionalProperties, false);
      for (const f of ['givenName', 'surname', 'fullName', 'birthday', 'accountId', 'communications', 'addresses']) {
        assert.ok(schema.properties[f], `request body documents ${f}`);
      }
      assert.deepEqual(schema.properties.communications.items.properties.kind.enum, ['email', 'phone', 'web']);
      const params = (contacts.get.parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`);
      for (const p of ['query:q', 'query:limit', 'query:offset', 'query:sort']) assert.ok(params.includes(p), p);
      assert.equal(contacts.post['x-tandem-access'], 'signedIn');
      assert.deepEqual(doc.paths['/api/users'].post['x-tandem-access'], { operation: 'CanManageAdministration' });
    });

    it('signing in returns the user with operations and a CSRF token; GET /api/session returns the same', async () => {
      const login = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { login: 'ADMIN', password: ADMIN_PASSWORD },
      });
      assert.equal(login.statusCode, 200, 'logins are case-insensitive');
      const body = login.json();
      assert.equal(body.user.login, 'admin');
      assert.deepEqual(body.user.operations, ['CanManageAdministration', 'CanManageAllRecords']);
      assert.equal(body.user.password, undefined, 'passwords are write-only');
      const cookie = login.cookies.find((c) => c.name === 'tandem_session');
      assert.equal(cookie?.httpOnly, true);
      assert.equal(cookie?.sameSite, 'Lax');
      const again = await app.inject({
        method: 'GET',
        url: '/api/session',
        cookies: { tandem_session: cookie?.value ?? '' },
      });
      assert.equal(again.json().csrfToken, body.csrfToken);
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { login: 'admin', password: 'nope' },
      });
      expectError(wrong, 401, 'TANDEM_ERR_BAD_CREDENTIALS');
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { login: 'ghost', password: 'nope' },
      });
      expectError(unknown, 401, 'TANDEM_ERR_BAD_CREDENTIALS');
    });

    it('sign-out invalidates the session (and only that one)', async () => {
      await createUser(admin, app, 'leaver');
      const s1 = await rawSession(app, 'leaver', 'leaver-password');
      const s2 = await rawSession(app, 'leaver', 'leaver-password');
      const as = (s: typeof s1, method: 'GET' | 'DELETE' | 'POST', url: string, payload?: object) =>
        app.inject({
          method,
          url,
          cookies: { tandem_session: s.cookie },
          headers: { 'x-csrf-token': s.csrf },
          ...(payload && { payload }),
        });
      assert.equal((await as(s1, 'DELETE', '/api/session')).statusCode, 204);
      expectError(await as(s1, 'GET', '/api/session'), 401, 'TANDEM_ERR_UNAUTHENTICATED');
      expectError(
        await as(s1, 'POST', '/api/contacts', { fullName: 'After sign-out' }),
        401,
        'TANDEM_ERR_UNAUTHENTICATED',
      );
      assert.equal((await as(s2, 'GET', '/api/session')).statusCode, 200, 'the other session stays signed in');
    });

    it('a deactivated user cannot sign in and their sessions end', async () => {
      const u = await createUser(admin, app, 'paused');
      const user = await admin.json<User>('PATCH', `/api/users/${u.userId}`, { active: false }, 200);
      assert.equal(user.active, false);
      expectError(await u.request('GET', '/api/session'), 401, 'TANDEM_ERR_UNAUTHENTICATED');
      const res = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { login: 'paused', password: 'paused-password' },
      });
      expectError(res, 401, 'TANDEM_ERR_BAD_CREDENTIALS');
    });

    it('creating a user creates their Employee contact, linked by contactId', async () => {
      const u = await create<User>(admin, '/api/users', {
        login: 'emma',
        password: 'emma-password',
        displayName: 'Emma Stone',
      });
      assert.ok(u.contactId, 'the user has a contact');
      const contact = await admin.json<{ type: string; fullName: string; ownerId: string }>(
        'GET',
        `/api/contacts/${u.contactId}`,
        undefined,
        200,
      );
      assert.equal(contact.type, 'employee');
      assert.equal(contact.fullName, 'Emma Stone');
      assert.equal(contact.ownerId, u.id);
      const me = await admin.json<User>('GET', `/api/users/${admin.userId}`, undefined, 200);
      assert.ok(me.contactId, 'the first administrator has a contact too');
    });

    it("deleting a user's own contact → 409 TANDEM_ERR_IN_USE, and the contact stays", async () => {
      const u = await create<User>(admin, '/api/users', { login: 'keeper', password: 'keeper-password' });
      expectError(await admin.request('DELETE', `/api/contacts/${u.contactId}`), 409, 'TANDEM_ERR_IN_USE');
      await admin.json('GET', `/api/contacts/${u.contactId}`, undefined, 200);
      // Deleting the user keeps the contact (now deletable).
      await admin.json('DELETE', `/api/users/${u.id}`, undefined, 204);
      await admin.json('DELETE', `/api/contacts/${u.contactId}`, undefined, 204);
    });

    it('the login rate limit answers 429 TANDEM_ERR_RATE_LIMITED after LOGIN_RATE_LIMIT failures', async () => {
      const limited = await testApp(db, { LOGIN_RATE_LIMIT: '3' });
      try {
        await create(admin, '/api/users', { login: 'victim', password: 'victim-password' });
        const attempt = (login: string, password: string) =>
          limited.inject({ method: 'POST', url: '/api/session', payload: { login, password } });
        for (let i = 0; i < 3; i++)
          expectError(await attempt('victim', `guess-${i}`), 401, 'TANDEM_ERR_BAD_CREDENTIALS');
        expectError(await attempt('victim', 'guess-4'), 429, 'TANDEM_ERR_RATE_LIMITED');
        // Even the right password waits: the limit is not an oracle.
        expectError(await attempt('victim', 'victim-password'), 429, 'TANDEM_ERR_RATE_LIMITED');
        // Other logins are not locked out by someone guessing this one.
        assert.equal((await attempt('admin', ADMIN_PASSWORD)).statusCode, 200);
      } finally {
        await limited.close();
      }
    });

    it('the login rate limit counts one login however it is spelled (case, surrounding spaces)', async () => {
      const limited = await testApp(db, { LOGIN_RATE_LIMIT: '3' });
      try {
        await create(admin, '/api/users', { login: 'target', password: 'target-password' });
        const attempt = (login: string, password: string) =>
          limited.inject({ method: 'POST', url: '/api/session', payload: { login, password } });
        for (let i = 0; i < 3; i++)
          expectError(await attempt('target', `guess-${i}`), 401, 'TANDEM_ERR_BAD_CREDENTIALS');
        // Each spelling signs in to the same user, so each must count against the same limit.
        for (const spelling of ['TARGET', ' target', 'target ', '  Target  ']) {
          expectError(await attempt(spelling, 'more-guesses'), 429, 'TANDEM_ERR_RATE_LIMITED');
        }
      } finally {
        await limited.close();
      }
    });

    it('the built-in Administrators role cannot be deleted or stripped of CanManageAdministration (409)', async () => {
      expectError(await admin.request('DELETE', `/api/roles/${ADMINISTRATORS_ROLE_ID}`), 409, 'TANDEM_ERR_CONFLICT');
      const strip = await admin.request('PATCH', `/api/roles/${ADMINISTRATORS_ROLE_ID}`, {
        operations: ['CanManageAllRecords'],
      });
      expectError(strip, 409, 'TANDEM_ERR_CONFLICT');
      const role = await admin.json<{ operations: string[] }>(
        'GET',
        `/api/roles/${ADMINISTRATORS_ROLE_ID}`,
        undefined,
        200,
      );
      assert.deepEqual(role.operations, ['CanManageAdministration', 'CanManageAllRecords']);
    });

    it('the last administrator cannot be demoted, deactivated or deleted (409)', async () => {
      expectError(
        await admin.request('PATCH', `/api/users/${admin.userId}`, { roleIds: [] }),
        409,
        'TANDEM_ERR_CONFLICT',
      );
      expectError(
        await admin.request('PATCH', `/api/users/${admin.userId}`, { active: false }),
        409,
        'TANDEM_ERR_CONFLICT',
      );
      expectError(await admin.request('DELETE', `/api/users/${admin.userId}`), 409, 'TANDEM_ERR_CONFLICT');
      const me = await admin.json<User>('GET', `/api/users/${admin.userId}`, undefined, 200);
      assert.deepEqual(me.roleIds, [ADMINISTRATORS_ROLE_ID]);
      assert.equal(me.active, true);
      await admin.json('GET', '/api/system-operations', undefined, 200);
    });

    it('with a second administrator one may go; then the remaining one is the last and is protected', async () => {
      const second = await createUser(admin, app, 'admin2', { roleIds: [ADMINISTRATORS_ROLE_ID] });
      // Demoting the other one is fine while an administrator remains.
      await admin.json('PATCH', `/api/users/${second.userId}`, { roleIds: [] }, 200);
      await admin.json('PATCH', `/api/users/${second.userId}`, { roleIds: [ADMINISTRATORS_ROLE_ID] }, 200);
      await second.json('DELETE', `/api/users/${admin.userId}`, undefined, 204);
      expectError(
        await second.request('PATCH', `/api/users/${second.userId}`, { roleIds: [] }),
        409,
        'TANDEM_ERR_CONFLICT',
      );
      expectError(await second.request('DELETE', `/api/users/${second.userId}`), 409, 'TANDEM_ERR_CONFLICT');
      const role = await second.json<{ userIds: string[] }>(
        'GET',
        `/api/roles/${ADMINISTRATORS_ROLE_ID}`,
        undefined,
        200,
      );
      assert.deepEqual(role.userIds, [second.userId]);
    });
  });
}
