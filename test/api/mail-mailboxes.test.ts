import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { mailboxService } from '../../src/server/mail/mailbox.service.ts';
import type { ConnectionTestInput, TestConnection } from '../../src/server/mail/mailbox.types.ts';
import { createVault, generateVaultKey } from '../../src/server/mail/vault/secret-vault.ts';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { create, expectError, list, MISSING_ID } from './api-support.ts';

/** Mailboxes through the API (SPEC §2, DESIGN §4 shape) with a fake mail server, on every dialect. */

interface Mailbox {
  id: string;
  email: string;
  mailServiceId: string;
  mailServiceName: string;
  ownerId: string;
  login: string | null;
  password: { set: boolean };
  state: string;
  tokenExpiresAt: string | null;
  lastTest: { at: string; ok: boolean; code: string; message: string } | null;
}

/** A mail server that refuses one password, cannot check another and knows no host "nowhere". */
const calls: ConnectionTestInput[] = [];
const fakeServer: TestConnection = async (input) => {
  calls.push(input);
  if (input.service.address.startsWith('nowhere')) {
    return { ok: false, code: 'unknownHost', message: 'The server name was not found.', field: 'address' };
  }
  if (input.password === 'wrong-password') {
    return { ok: false, code: 'wrongPassword', message: 'The server did not accept the user name or password.' };
  }
  if (input.password === 'unverifiable') return { ok: false, code: 'unsupported', message: 'Cannot check yet.' };
  return { ok: true, code: 'ok', message: 'Connected.' };
};

for (const dialect of await dialects()) {
  describe(`mailboxes (${dialect.name})`, () => {
    const vault = createVault(generateVaultKey());
    let db: TestDatabase;
    let app: FastifyInstance;
    let admin: Client;
    let bob: Client;
    let carol: Client;
    const services: Record<'email' | 'mailboxName' | 'manual' | 'oauth' | 'nowhere', string> = {
      email: '',
      mailboxName: '',
      manual: '',
      oauth: '',
      nowhere: '',
    };

    before(async () => {
      db = await dialect.open();
      app = await testApp(db, {}, { vault, testConnection: fakeServer });
      admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      bob = await createUser(admin, app, 'bob');
      carol = await createUser(admin, app, 'carol');
      const imap = { type: 'imap', imap: { host: 'imap.example.com' }, smtp: { host: 'smtp.example.com' } };
      for (const loginFormat of ['email', 'mailboxName', 'manual'] as const) {
        services[loginFormat] = (
          await create(admin, '/api/mail-services', {
            ...imap,
            loginFormat,
            address: `${loginFormat.toLowerCase()}.example.com`,
          })
        ).id;
      }
      services.nowhere = (
        await create(admin, '/api/mail-services', { type: 'exchange', address: 'nowhere.example' })
      ).id;
      services.oauth = (
        await create(admin, '/api/mail-services', {
          type: 'exchange',
          address: 'outlook.office365.com',
          auth: 'oauth2',
          clientId: 'client-id',
          clientSecret: 'client-secret',
        })
      ).id;
    });
    beforeEach(() => {
      calls.length = 0;
    });
    after(async () => {
      await app?.close();
      await db?.drop();
    });

    const add = (who: Client, body: object, query = '') => who.request('POST', `/api/mailboxes${query}`, body);

    it('MB-1, MS-5: login email → the full address; the password is write-only (MS-11)', async () => {
      const m = await create<Mailbox>(bob, '/api/mailboxes', {
        email: 'Bob.Smith@Example.com',
        mailServiceId: services.email,
        password: 'bob-mail-password',
      });
      assert.equal(m.login, 'Bob.Smith@Example.com');
      assert.deepEqual(m.password, { set: true });
      assert.equal(m.ownerId, bob.userId);
      assert.equal(m.mailServiceName, 'email.example.com');
      assert.equal(m.state, 'connected');
      assert.deepEqual([m.lastTest?.ok, m.lastTest?.code], [true, 'ok']);
      for (const res of [
        await bob.request('GET', '/api/mailboxes'),
        await bob.request('GET', `/api/mailboxes/${m.id}`),
      ]) {
        assert.ok(!res.body.includes('bob-mail-password'), res.body);
      }
    });

    it('MS-5: login mailboxName → the part before @; manual → the typed user name, required', async () => {
      const short = await create<Mailbox>(bob, '/api/mailboxes', {
        email: 'example@google.com',
        mailServiceId: services.mailboxName,
        password: 'p',
      });
      assert.equal(short.login, 'example');
      const wrong = await add(bob, {
        email: 'other@google.com',
        mailServiceId: services.mailboxName,
        login: 'x',
        password: 'p',
      });
      expectError(wrong, 400, 'TANDEM_ERR_VALIDATION', 'login');
      const missing = await add(bob, { email: 'ivan@corp.example', mailServiceId: services.manual, password: 'p' });
      assert.equal(expectError(missing, 400, 'TANDEM_ERR_VALIDATION', 'login').details?.rule, 'required');
      const manual = await create<Mailbox>(bob, '/api/mailboxes', {
        email: 'ivan@corp.example',
        mailServiceId: services.manual,
        login: 'CORP\\ivan',
        password: 'p',
      });
      assert.equal(manual.login, 'CORP\\ivan');
      assert.equal(calls.at(-1)?.login, 'CORP\\ivan', 'the test used the computed login');
    });

    it('MB-3: the connection is tested before saving; a failure names the field and saves nothing', async () => {
      const before = (await list(carol, '/api/mailboxes')).total;
      const res = await add(carol, {
        email: 'carol@example.com',
        mailServiceId: services.email,
        password: 'wrong-password',
      });
      const err = expectError(res, 400, 'TANDEM_ERR_CONNECTION');
      assert.deepEqual(err.details, { code: 'wrongPassword', field: 'password' });
      assert.match(err.message, /did not accept/);
      assert.equal(calls.length, 1);
      assert.equal(calls[0]?.password, 'wrong-password');
      const host = await add(carol, { email: 'carol@nowhere.example', mailServiceId: services.nowhere, password: 'p' });
      assert.deepEqual(expectError(host, 400, 'TANDEM_ERR_CONNECTION').details, {
        code: 'unknownHost',
        field: 'address',
      });
      assert.equal((await list(carol, '/api/mailboxes')).total, before, 'nothing saved');
    });

    it('MB-3: ?skipTest=true saves without testing (state new); an unverifiable password is saved untested', async () => {
      const skipped = await add(
        carol,
        { email: 'skip@example.com', mailServiceId: services.email, password: 'wrong-password' },
        '?skipTest=true',
      );
      assert.equal(skipped.statusCode, 201, skipped.body);
      assert.equal(calls.length, 0);
      assert.deepEqual([skipped.json().state, skipped.json().lastTest], ['new', null]);
      const unsure = await create<Mailbox>(carol, '/api/mailboxes', {
        email: 'unsure@example.com',
        mailServiceId: services.email,
        password: 'unverifiable',
      });
      assert.deepEqual([unsure.state, unsure.lastTest?.code], ['new', 'unsupported']);
    });

    it('MB-1: required fields, a real address and an existing service; OAuth services use the sign-in flow', async () => {
      expectError(
        await add(carol, { email: 'x@example.com', mailServiceId: services.email }),
        400,
        'TANDEM_ERR_VALIDATION',
        'password',
      );
      expectError(
        await add(carol, { mailServiceId: services.email, password: 'p' }),
        400,
        'TANDEM_ERR_VALIDATION',
        'email',
      );
      const bad = await add(carol, { email: 'not an address', mailServiceId: services.email, password: 'p' });
      assert.equal(expectError(bad, 400, 'TANDEM_ERR_VALIDATION', 'email').details?.rule, 'email');
      const none = await add(carol, { email: 'x@example.com', mailServiceId: MISSING_ID, password: 'p' });
      assert.equal(expectError(none, 400, 'TANDEM_ERR_VALIDATION', 'mailServiceId').details?.rule, 'notFound');
      const oauth = await add(carol, { email: 'x@contoso.example', mailServiceId: services.oauth, password: 'p' });
      const err = expectError(oauth, 400, 'TANDEM_ERR_VALIDATION', 'mailServiceId');
      assert.equal(err.details?.rule, 'oauthSignIn');
      const params = err.details?.params as { startUrl?: string } | undefined;
      assert.match(String(params?.startUrl), /^\/api\/mailboxes\/oauth\/start\?/);
      expectError(
        await add(carol, { email: 'x@example.com', mailServiceId: services.email, password: 'p', state: 'connected' }),
        400,
        'TANDEM_ERR_VALIDATION',
        'state',
      );
    });

    it('MB-4: one address once per user (case-insensitive); another user may add the same address', async () => {
      await create(carol, '/api/mailboxes', {
        email: 'shared@example.com',
        mailServiceId: services.email,
        password: 'p',
      });
      const dup = await add(carol, { email: 'SHARED@example.com', mailServiceId: services.email, password: 'p' });
      assert.equal(expectError(dup, 409, 'TANDEM_ERR_CONFLICT', 'email').details?.rule, 'taken');
      await create(bob, '/api/mailboxes', {
        email: 'shared@example.com',
        mailServiceId: services.email,
        password: 'p',
      });
    });

    it("MB-4: another user's mailbox is 404 for every route, administrators included", async () => {
      const bobs = await create<Mailbox>(bob, '/api/mailboxes', {
        email: 'private@example.com',
        mailServiceId: services.email,
        password: 'p',
      });
      const admins = await create<Mailbox>(admin, '/api/mailboxes', {
        email: 'boss@example.com',
        mailServiceId: services.email,
        password: 'p',
      });
      for (const [who, target] of [
        [admin, bobs.id],
        [carol, bobs.id],
        [bob, admins.id],
      ] as const) {
        assert.ok(!(await list<Mailbox>(who, '/api/mailboxes')).items.some((m) => m.id === target));
        for (const [method, suffix, body] of [
          ['GET', '', undefined],
          ['PATCH', '', { password: 'x' }],
          ['PUT', '', { password: 'x' }],
          ['DELETE', '', undefined],
          ['POST', '/test', undefined],
          ['GET', '/health', undefined],
          ['GET', '/sync-settings', undefined],
          ['PUT', '/sync-settings', { conflictPolicy: 'crmWins' }],
        ] as const) {
          expectError(
            await who.request(method, `/api/mailboxes/${target}${suffix}`, body),
            404,
            'TANDEM_ERR_NOT_FOUND',
          );
        }
      }
      assert.equal(
        (await bob.json<Mailbox>('GET', `/api/mailboxes/${bobs.id}`)).state,
        'connected',
        'still there, unchanged',
      );
    });

    it('MB-3: a new password is tested before it replaces the old one; login changes only for manual services', async () => {
      const m = await create<Mailbox>(carol, '/api/mailboxes', {
        email: 'change@example.com',
        mailServiceId: services.email,
        password: 'first',
      });
      const refused = await carol.request('PATCH', `/api/mailboxes/${m.id}`, { password: 'wrong-password' });
      expectError(refused, 400, 'TANDEM_ERR_CONNECTION');
      assert.equal((await mailboxService.internal(db.db, vault, m.id)).password, 'first', 'the old password is kept');
      await carol.json('PATCH', `/api/mailboxes/${m.id}`, { password: 'second' }, 200);
      assert.equal((await mailboxService.internal(db.db, vault, m.id)).password, 'second');
      const login = await carol.request('PATCH', `/api/mailboxes/${m.id}`, { login: 'someone' });
      expectError(login, 400, 'TANDEM_ERR_VALIDATION', 'login');
      const same = await carol.json<Mailbox>('PUT', `/api/mailboxes/${m.id}`, { login: 'change@example.com' }, 200);
      assert.equal(same.login, 'change@example.com', 'the unchanged login sent back is accepted');
      const manual = await create<Mailbox>(carol, '/api/mailboxes', {
        email: 'ops@corp.example',
        mailServiceId: services.manual,
        login: 'ops',
        password: 'p',
      });
      const renamed = await carol.json<Mailbox>('PUT', `/api/mailboxes/${manual.id}`, { login: 'CORP\\ops' }, 200);
      assert.equal(renamed.login, 'CORP\\ops');
      assert.deepEqual(
        [calls.at(-1)?.login, calls.at(-1)?.password],
        ['CORP\\ops', 'p'],
        'tested with the stored password',
      );
    });

    it('MB-5: test on demand records the outcome; health shows state, token expiry and the last test', async () => {
      const res = await add(
        carol,
        { email: 'health@example.com', mailServiceId: services.email, password: 'wrong-password' },
        '?skipTest=true',
      );
      const m = res.json() as Mailbox;
      const fresh = await carol.json('GET', `/api/mailboxes/${m.id}/health`, undefined, 200);
      assert.deepEqual(fresh, { state: 'new', tokenExpiresAt: null, lastTest: null, subscription: null });
      const test = await carol.json<Mailbox['lastTest']>('POST', `/api/mailboxes/${m.id}/test`, undefined, 200);
      assert.deepEqual([test?.ok, test?.code], [false, 'wrongPassword']);
      assert.equal(calls.at(-1)?.mailboxId, m.id, 'a saved mailbox is tested as itself (its tokens and limiter)');
      const health = await carol.json<{ state: string; lastTest: Mailbox['lastTest'] }>(
        'GET',
        `/api/mailboxes/${m.id}/health`,
      );
      assert.equal(health.state, 'error');
      assert.deepEqual(health.lastTest, test);
      await carol.json('PATCH', `/api/mailboxes/${m.id}`, { password: 'right' }, 200);
      assert.equal((await carol.json<Mailbox>('GET', `/api/mailboxes/${m.id}`)).state, 'connected');
    });

    it('MB-4: deleting a mailbox removes it; deleting a user removes theirs', async () => {
      const dave = await createUser(admin, app, 'dave');
      const m = await create<Mailbox>(dave, '/api/mailboxes', {
        email: 'dave@example.com',
        mailServiceId: services.email,
        password: 'p',
      });
      const other = await create<Mailbox>(dave, '/api/mailboxes', {
        email: 'dave2@example.com',
        mailServiceId: services.email,
        password: 'p',
      });
      await dave.json('DELETE', `/api/mailboxes/${m.id}`, undefined, 204);
      expectError(await dave.request('GET', `/api/mailboxes/${m.id}`), 404, 'TANDEM_ERR_NOT_FOUND');
      await admin.json('DELETE', `/api/users/${dave.userId}`, undefined, 204);
      await assert.rejects(mailboxService.internal(db.db, vault, other.id), /not found/);
    });
  });
}
