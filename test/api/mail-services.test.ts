import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Client } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { create, expectError, list, MISSING_ID } from './api-support.ts';
import { IMAP, M365, type MailService, openMailServiceApp } from './mail-support.ts';

/** Mail services through the API (SPEC §1, DESIGN §4 shape), on every dialect. */

for (const dialect of await dialects()) {
  describe(`mail services (${dialect.name})`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let admin: Client;
    let bob: Client;

    before(async () => {
      ({ db, app, admin, bob } = await openMailServiceApp(dialect));
    });
    after(async () => {
      await app?.close();
      await db?.drop();
    });

    const post = (body: object) => admin.request('POST', '/api/mail-services', body);

    it('MS-1: only CanManageAdministration creates, edits and deletes; everyone signed in reads', async () => {
      const svc = await create<MailService>(admin, '/api/mail-services', { ...IMAP, address: 'ms1.example.com' });
      expectError(await bob.request('POST', '/api/mail-services', IMAP), 403, 'TANDEM_ERR_FORBIDDEN');
      expectError(
        await bob.request('PATCH', `/api/mail-services/${svc.id}`, { name: 'X' }),
        403,
        'TANDEM_ERR_FORBIDDEN',
      );
      expectError(await bob.request('PUT', `/api/mail-services/${svc.id}`, { name: 'X' }), 403, 'TANDEM_ERR_FORBIDDEN');
      expectError(await bob.request('DELETE', `/api/mail-services/${svc.id}`), 403, 'TANDEM_ERR_FORBIDDEN');
      assert.ok((await list<MailService>(bob, '/api/mail-services')).items.some((s) => s.id === svc.id));
      assert.equal(
        (await bob.json<MailService>('GET', `/api/mail-services/${svc.id}`, undefined, 200)).name,
        'ms1.example.com',
      );
      const anonymous = await app.inject({ method: 'GET', url: '/api/mail-services' });
      expectError(anonymous, 401, 'TANDEM_ERR_UNAUTHENTICATED');
    });

    it('MS-2: the type is exchange or imap', async () => {
      const err = expectError(await post({ ...IMAP, type: 'pop3' }), 400, 'TANDEM_ERR_VALIDATION', 'type');
      assert.equal(err.details?.rule, 'oneOf');
      expectError(await post({ address: 'x.example.com' }), 400, 'TANDEM_ERR_VALIDATION', 'type');
    });

    it('MS-3: the address is required and is a host or host:port without scheme, path or spaces', async () => {
      expectError(await post({ type: 'exchange' }), 400, 'TANDEM_ERR_VALIDATION', 'address');
      const blank = expectError(
        await post({ type: 'exchange', address: '  ' }),
        400,
        'TANDEM_ERR_VALIDATION',
        'address',
      );
      assert.equal(blank.details?.rule, 'required');
      for (const [address, problem] of [
        ['https://mail.example.com', 'scheme'],
        ['mail.example.com/EWS/Exchange.asmx', 'path'],
        ['mail example.com', 'spaces'],
        ['mail..example.com', 'host'],
        ['mail.example.com:70000', 'port'],
      ]) {
        const err = expectError(await post({ type: 'exchange', address }), 400, 'TANDEM_ERR_VALIDATION', 'address');
        assert.deepEqual(err.details, { field: 'address', rule: 'host', params: { problem } }, address);
      }
      const ok = await create<MailService>(admin, '/api/mail-services', {
        type: 'exchange',
        address: 'Example.Exchange.com:8443',
      });
      assert.equal(ok.address, 'example.exchange.com:8443');
    });

    it('MS-4: at least one of download/send is required', async () => {
      const err = expectError(
        await post({ ...IMAP, downloadEmails: false, sendEmails: false }),
        400,
        'TANDEM_ERR_VALIDATION',
        'downloadEmails',
      );
      assert.equal(err.details?.rule, 'atLeastOne');
      const svc = await create<MailService>(admin, '/api/mail-services', { ...IMAP, sendEmails: false });
      assert.deepEqual([svc.downloadEmails, svc.sendEmails], [true, false]);
      const off = await admin.request('PATCH', `/api/mail-services/${svc.id}`, { downloadEmails: false });
      expectError(off, 400, 'TANDEM_ERR_VALIDATION', 'downloadEmails');
    });

    it('MS-5: the login format is manual, email or mailboxName (email by default)', async () => {
      expectError(await post({ ...IMAP, loginFormat: 'upn' }), 400, 'TANDEM_ERR_VALIDATION', 'loginFormat');
      assert.equal((await create<MailService>(admin, '/api/mail-services', IMAP)).loginFormat, 'email');
      const manual = await create<MailService>(admin, '/api/mail-services', { ...IMAP, loginFormat: 'mailboxName' });
      assert.equal(manual.loginFormat, 'mailboxName');
    });

    it('MS-6: the name defaults to the service address, and a blank name falls back to it', async () => {
      const svc = await create<MailService>(admin, '/api/mail-services', {
        type: 'exchange',
        address: 'ex.example.com',
      });
      assert.equal(svc.name, 'ex.example.com');
      const named = await admin.json<MailService>(
        'PATCH',
        `/api/mail-services/${svc.id}`,
        { name: ' Head office ' },
        200,
      );
      assert.equal(named.name, 'Head office');
      const blank = await admin.json<MailService>('PATCH', `/api/mail-services/${svc.id}`, { name: '' }, 200);
      assert.equal(blank.name, 'ex.example.com');
    });

    it('MS-7: OAuth 2.0 requires the client id and secret; the secret may be omitted on update when set', async () => {
      const noId = expectError(await post({ ...M365, clientId: undefined }), 400, 'TANDEM_ERR_VALIDATION', 'clientId');
      assert.equal(noId.details?.rule, 'required');
      expectError(await post({ ...M365, clientSecret: undefined }), 400, 'TANDEM_ERR_VALIDATION', 'clientSecret');
      expectError(await post({ ...M365, clientSecret: '' }), 400, 'TANDEM_ERR_VALIDATION', 'clientSecret');
      const svc = await create<MailService>(admin, '/api/mail-services', M365);
      assert.deepEqual(svc.clientSecret, { set: true });
      const renamed = await admin.json<MailService>('PATCH', `/api/mail-services/${svc.id}`, { name: 'M365' }, 200);
      assert.deepEqual(renamed.clientSecret, { set: true }, 'an omitted secret is kept');
      const cleared = await admin.request('PATCH', `/api/mail-services/${svc.id}`, { clientSecret: null });
      expectError(cleared, 400, 'TANDEM_ERR_VALIDATION', 'clientSecret');
      const basic = await admin.json<MailService>(
        'PATCH',
        `/api/mail-services/${svc.id}`,
        { auth: 'basic', clientSecret: null },
        200,
      );
      assert.deepEqual(basic.clientSecret, { set: false });
      expectError(
        await admin.request('PATCH', `/api/mail-services/${svc.id}`, { auth: 'oauth2' }),
        400,
        'TANDEM_ERR_VALIDATION',
        'clientSecret',
      );
    });

    it('MS-10: a service in use cannot be deleted, and the message names the count', async () => {
      const svc = await create<MailService>(admin, '/api/mail-services', { ...IMAP, address: 'used.example.com' });
      for (const [who, email] of [
        [admin, 'a1@used.example.com'],
        [admin, 'a2@used.example.com'],
        [bob, 'bob@used.example.com'],
      ] as const) {
        await who.json('POST', '/api/mailboxes', { email, mailServiceId: svc.id, password: 'pw-123' }, 201);
      }
      assert.equal((await admin.json<MailService>('GET', `/api/mail-services/${svc.id}`)).mailboxCount, 3);
      const err = expectError(await admin.request('DELETE', `/api/mail-services/${svc.id}`), 409, 'TANDEM_ERR_IN_USE');
      assert.match(err.message, /used by 3 mailboxes/);
      assert.equal(err.details?.count, 3);
      const mine = await list<{ id: string }>(admin, '/api/mailboxes');
      for (const m of mine.items) await admin.json('DELETE', `/api/mailboxes/${m.id}`, undefined, 204);
      const one = expectError(await admin.request('DELETE', `/api/mail-services/${svc.id}`), 409, 'TANDEM_ERR_IN_USE');
      assert.match(one.message, /used by 1 mailbox\b/);
      const [bobs] = (await list<{ id: string }>(bob, '/api/mailboxes')).items;
      await bob.json('DELETE', `/api/mailboxes/${bobs?.id}`, undefined, 204);
      await admin.json('DELETE', `/api/mail-services/${svc.id}`, undefined, 204);
      expectError(await admin.request('GET', `/api/mail-services/${svc.id}`), 404, 'TANDEM_ERR_NOT_FOUND');
    });

    it('unknown ids are 404; unknown fields are refused by name', async () => {
      expectError(await admin.request('GET', `/api/mail-services/${MISSING_ID}`), 404, 'TANDEM_ERR_NOT_FOUND');
      expectError(
        await admin.request('PATCH', `/api/mail-services/${MISSING_ID}`, { name: 'x' }),
        404,
        'TANDEM_ERR_NOT_FOUND',
      );
      expectError(await admin.request('DELETE', `/api/mail-services/${MISSING_ID}`), 404, 'TANDEM_ERR_NOT_FOUND');
      const err = expectError(await post({ ...IMAP, mailboxCount: 3 }), 400, 'TANDEM_ERR_VALIDATION', 'mailboxCount');
      assert.equal(err.details?.rule, 'unknownField');
    });

    it('lists are {items, total} sorted by name, with q, limit and offset', async () => {
      await create(admin, '/api/mail-services', { ...IMAP, name: 'Zeta mail', address: 'zeta.example.com' });
      await create(admin, '/api/mail-services', { ...IMAP, name: 'Alpha mail', address: 'alpha.example.com' });
      const found = await list<MailService>(admin, '/api/mail-services?q=ALPHA');
      assert.deepEqual(
        found.items.map((s) => s.name),
        ['Alpha mail'],
      );
      const all = await list<MailService>(admin, '/api/mail-services?limit=500');
      assert.equal(all.total, all.items.length);
      const names = all.items.map((s) => s.name);
      assert.deepEqual(
        names,
        [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      const page = await list<MailService>(admin, '/api/mail-services?limit=1&offset=1');
      assert.deepEqual(
        page.items.map((s) => s.id),
        [all.items[1]?.id],
      );
    });
  });
}
