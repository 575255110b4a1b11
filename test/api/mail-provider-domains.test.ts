import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { create, expectError, list, MISSING_ID } from './api-support.ts';

/** MS-9: mail provider domains and provider detection by address, on every dialect. */

interface Domain {
  id: string;
  domain: string;
  mailServiceId: string;
}

for (const dialect of await dialects()) {
  describe(`mail provider domains (${dialect.name})`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let admin: Client;
    let bob: Client;
    let exchangeId: string;
    let imapId: string;

    before(async () => {
      db = await dialect.open();
      app = await testApp(db);
      admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      bob = await createUser(admin, app, 'bob');
      exchangeId = (await create(admin, '/api/mail-services', { type: 'exchange', address: 'exch.corp.example' })).id;
      imapId = (
        await create(admin, '/api/mail-services', {
          type: 'imap',
          address: 'mail.example.org',
          imap: { host: 'imap.example.org' },
          smtp: { host: 'smtp.example.org' },
        })
      ).id;
    });
    after(async () => {
      await app?.close();
      await db?.drop();
    });

    it('MS-9: a domain is stored lowercased and maps to one service', async () => {
      const d = await create<Domain>(admin, '/api/mail-provider-domains', {
        domain: ' @Corp.Example ',
        mailServiceId: exchangeId,
      });
      assert.deepEqual(
        { domain: d.domain, mailServiceId: d.mailServiceId },
        { domain: 'corp.example', mailServiceId: exchangeId },
      );
      const dup = await admin.request('POST', '/api/mail-provider-domains', {
        domain: 'CORP.example',
        mailServiceId: imapId,
      });
      assert.equal(expectError(dup, 409, 'TANDEM_ERR_CONFLICT', 'domain').details?.rule, 'taken');
      const moved = await admin.json<Domain>(
        'PATCH',
        `/api/mail-provider-domains/${d.id}`,
        { mailServiceId: imapId },
        200,
      );
      assert.equal(moved.mailServiceId, imapId);
      assert.deepEqual(
        (await list<Domain>(bob, `/api/mail-provider-domains?mailServiceId=${imapId}`)).items.map((x) => x.domain),
        ['corp.example'],
      );
      await admin.json('DELETE', `/api/mail-provider-domains/${d.id}`, undefined, 204);
      expectError(await admin.request('GET', `/api/mail-provider-domains/${d.id}`), 404, 'TANDEM_ERR_NOT_FOUND');
    });

    it('MS-9: the domain must be a domain name and the service must exist', async () => {
      for (const domain of ['', 'not a domain', 'https://example.com', 'localhost']) {
        const res = await admin.request('POST', '/api/mail-provider-domains', { domain, mailServiceId: exchangeId });
        expectError(res, 400, 'TANDEM_ERR_VALIDATION', 'domain');
      }
      const res = await admin.request('POST', '/api/mail-provider-domains', {
        domain: 'x.example',
        mailServiceId: MISSING_ID,
      });
      assert.equal(expectError(res, 400, 'TANDEM_ERR_VALIDATION', 'mailServiceId').details?.rule, 'notFound');
      expectError(
        await admin.request('POST', '/api/mail-provider-domains', { domain: 'x.example' }),
        400,
        'TANDEM_ERR_VALIDATION',
        'mailServiceId',
      );
    });

    it('MS-1, MS-9: ordinary users read domains; only administrators change them', async () => {
      const d = await create<Domain>(admin, '/api/mail-provider-domains', {
        domain: 'perm.example',
        mailServiceId: imapId,
      });
      assert.ok((await list<Domain>(bob, '/api/mail-provider-domains')).items.some((x) => x.id === d.id));
      expectError(
        await bob.request('POST', '/api/mail-provider-domains', { domain: 'b.example', mailServiceId: imapId }),
        403,
        'TANDEM_ERR_FORBIDDEN',
      );
      expectError(
        await bob.request('PATCH', `/api/mail-provider-domains/${d.id}`, { domain: 'c.example' }),
        403,
        'TANDEM_ERR_FORBIDDEN',
      );
      expectError(await bob.request('DELETE', `/api/mail-provider-domains/${d.id}`), 403, 'TANDEM_ERR_FORBIDDEN');
    });

    it('MS-9: detect matches the address domain case-insensitively', async () => {
      await create(admin, '/api/mail-provider-domains', { domain: 'Detect.Example', mailServiceId: exchangeId });
      for (const email of ['ivan@detect.example', 'Ivan.Petrov@DETECT.EXAMPLE', ' ivan@Detect.example ']) {
        const found = await bob.json<{ items: { id: string; clientSecret: unknown }[] }>(
          'GET',
          `/api/mail-services/detect?email=${encodeURIComponent(email)}`,
          undefined,
          200,
        );
        assert.deepEqual(
          found.items.map((s) => s.id),
          [exchangeId],
          email,
        );
        assert.deepEqual(found.items[0]?.clientSecret, { set: false });
      }
      const none = await bob.json<{ items: unknown[] }>(
        'GET',
        '/api/mail-services/detect?email=ivan@sub.detect.example',
      );
      assert.deepEqual(none.items, [], 'only the exact domain matches');
      const bad = await bob.request('GET', '/api/mail-services/detect?email=not-an-address');
      assert.equal(expectError(bad, 400, 'TANDEM_ERR_VALIDATION', 'email').details?.rule, 'email');
      expectError(await bob.request('GET', '/api/mail-services/detect'), 400, 'TANDEM_ERR_VALIDATION', 'email');
    });

    it('MS-9: deleting a service removes its domains', async () => {
      const svc = await create(admin, '/api/mail-services', { type: 'exchange', address: 'gone.example' });
      const d = await create<Domain>(admin, '/api/mail-provider-domains', {
        domain: 'gone.example',
        mailServiceId: svc.id,
      });
      await admin.json('DELETE', `/api/mail-services/${svc.id}`, undefined, 204);
      expectError(await admin.request('GET', `/api/mail-provider-domains/${d.id}`), 404, 'TANDEM_ERR_NOT_FOUND');
    });
  });
}
