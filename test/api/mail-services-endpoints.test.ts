import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import { dialects, freshSqlite, type TestDatabase } from '../helpers/databases.ts';
import { create, expectError, rawSession } from './api-support.ts';
import { IMAP, M365, type MailService, openMailServiceApp } from './mail-support.ts';

/** Mail services through the API: secrets, servers and Microsoft 365 endpoints (MS-11…MS-13, OA-1, OA-2). */

const REDIRECT = '/0/rest/Office365OAuthAuthenticator/ProcessAuthenticationCode';

for (const dialect of await dialects()) {
  describe(`mail service endpoints and secrets (${dialect.name})`, () => {
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

    it('MS-11: the client secret is write-only (never in any response)', async () => {
      const svc = await create<MailService>(admin, '/api/mail-services', {
        ...M365,
        clientSecret: 'write-only-secret-42',
      });
      for (const res of [
        await admin.request('GET', `/api/mail-services/${svc.id}`),
        await admin.request('GET', '/api/mail-services'),
        await bob.request('GET', '/api/mail-services'),
        await admin.request('PATCH', `/api/mail-services/${svc.id}`, { clientSecret: 'write-only-secret-43' }),
      ]) {
        assert.equal(res.statusCode, 200, res.body);
        assert.ok(!res.body.includes('write-only-secret'), res.body);
      }
      expectError(await post({ ...M365, clientSecret: { set: true } }), 400, 'TANDEM_ERR_VALIDATION', 'clientSecret');
    });

    it('MS-12: IMAP/SMTP ports fill in from the security choice and may be overridden within 1–65535', async () => {
      const svc = await create<MailService>(admin, '/api/mail-services', {
        ...IMAP,
        imap: { host: 'IMAP.example.com', security: 'starttls' },
        smtp: { host: 'smtp.example.com', security: 'starttls' },
      });
      assert.deepEqual(svc.imap, { host: 'imap.example.com', port: 143, security: 'starttls' });
      assert.deepEqual(svc.smtp, { host: 'smtp.example.com', port: 587, security: 'starttls' });
      const tls = await admin.json<MailService>(
        'PATCH',
        `/api/mail-services/${svc.id}`,
        { imap: { security: 'tls' }, smtp: { security: 'tls' } },
        200,
      );
      assert.deepEqual([tls.imap?.port, tls.smtp?.port], [993, 465]);
      const custom = await admin.json<MailService>(
        'PATCH',
        `/api/mail-services/${svc.id}`,
        { smtp: { port: 2525 } },
        200,
      );
      assert.equal(custom.smtp?.port, 2525);
      for (const port of [0, 65536]) {
        const err = expectError(
          await admin.request('PATCH', `/api/mail-services/${svc.id}`, { imap: { port } }),
          400,
          'TANDEM_ERR_VALIDATION',
          'imap.port',
        );
        assert.equal(err.details?.rule, 'range');
      }
      expectError(await post({ ...IMAP, smtp: undefined }), 400, 'TANDEM_ERR_VALIDATION', 'smtp');
      expectError(
        await post({ ...IMAP, imap: { host: 'imap.example.com', security: 'ssl' } }),
        400,
        'TANDEM_ERR_VALIDATION',
        'imap.security',
      );
      expectError(await post({ ...IMAP, imap: { host: 'bad host' } }), 400, 'TANDEM_ERR_VALIDATION', 'imap.host');
    });

    it('MS-13, OA-4: protocol auto means Graph for Microsoft 365 hosts and EWS otherwise; endpoints default and must be https', async () => {
      const m365 = await create<MailService>(admin, '/api/mail-services', M365);
      assert.deepEqual([m365.protocol, m365.effectiveProtocol], ['auto', 'graph']);
      assert.equal(m365.authorityUrl, 'https://login.microsoftonline.com');
      assert.equal(m365.graphUrl, 'https://graph.microsoft.com');
      assert.equal(m365.tenant, 'organizations');
      const tenant = await create<MailService>(admin, '/api/mail-services', {
        ...M365,
        address: 'contoso.onmicrosoft.com',
      });
      assert.equal(tenant.effectiveProtocol, 'graph');
      const onPrem = await create<MailService>(admin, '/api/mail-services', {
        type: 'exchange',
        address: 'exch.corp.example',
      });
      assert.equal(onPrem.effectiveProtocol, 'ews');
      const forced = await admin.json<MailService>(
        'PATCH',
        `/api/mail-services/${onPrem.id}`,
        { protocol: 'graph' },
        200,
      );
      assert.equal(forced.effectiveProtocol, 'graph');
      const national = await admin.json<MailService>(
        'PATCH',
        `/api/mail-services/${m365.id}`,
        {
          tenant: 'contoso.onmicrosoft.com',
          authorityUrl: 'https://login.microsoftonline.us/',
          graphUrl: 'https://graph.microsoft.us',
        },
        200,
      );
      assert.deepEqual(
        [national.tenant, national.authorityUrl, national.graphUrl],
        ['contoso.onmicrosoft.com', 'https://login.microsoftonline.us', 'https://graph.microsoft.us'],
      );
      const http = await admin.request('PATCH', `/api/mail-services/${m365.id}`, { graphUrl: 'http://127.0.0.1:5080' });
      assert.equal(expectError(http, 400, 'TANDEM_ERR_VALIDATION', 'graphUrl').details?.rule, 'https');
      expectError(await post({ ...M365, protocol: 'mapi' }), 400, 'TANDEM_ERR_VALIDATION', 'protocol');
      expectError(await post({ ...M365, tenant: 'not a tenant' }), 400, 'TANDEM_ERR_VALIDATION', 'tenant');
    });

    it('OA-1: the redirect URI to register is shown, built from PUBLIC_URL', async () => {
      const svc = await create<MailService>(admin, '/api/mail-services', M365);
      assert.equal(svc.redirectUri, `https://crm.example.com${REDIRECT}`);
      const input = await admin.request('PATCH', `/api/mail-services/${svc.id}`, {
        redirectUri: 'https://evil.example',
      });
      expectError(input, 400, 'TANDEM_ERR_VALIDATION', 'redirectUri');
    });

    it('OA-2: the delegated scopes are shown: Graph for Microsoft 365, EWS.AccessAsUser.All for EWS', async () => {
      const graph = await create<MailService>(admin, '/api/mail-services', M365);
      for (const scope of [
        'offline_access',
        'User.Read',
        'Mail.ReadWrite',
        'Mail.Send',
        'Contacts.ReadWrite',
        'Calendars.ReadWrite',
        'Tasks.ReadWrite',
      ]) {
        assert.ok(graph.scopes.includes(scope), scope);
      }
      const ews = await create<MailService>(admin, '/api/mail-services', { ...M365, protocol: 'ews' });
      assert.ok(ews.scopes.includes('https://outlook.office365.com/EWS.AccessAsUser.All'), ews.scopes.join(' '));
    });
  });
}

describe('mail services without PUBLIC_URL', () => {
  it('OA-1: the redirect URI comes from the request origin', async () => {
    const db = await freshSqlite();
    const app = await testApp(db);
    try {
      const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      const svc = await create<MailService>(admin, '/api/mail-services', M365);
      const session = await rawSession(app, 'admin', ADMIN_PASSWORD);
      const read = await app.inject({
        method: 'GET',
        url: `/api/mail-services/${svc.id}`,
        headers: { host: 'tandem.local:3000' },
        cookies: { tandem_session: session.cookie },
      });
      assert.equal(read.json().redirectUri, `http://tandem.local:3000${REDIRECT}`);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});

describe('OA-1, OA-2: the redirect URI and scopes before a service is saved', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  before(async () => {
    database = await freshSqlite();
    app = await testApp(database, { PUBLIC_URL: 'https://crm.example.com' });
    admin = await signIn(app, 'admin', ADMIN_PASSWORD);
  });
  after(async () => {
    await app.close();
    await database.drop();
  });

  it('previews what an unsaved service will show, from PUBLIC_URL and the chosen protocol', async () => {
    const graph = await admin.json<{ redirectUri: string; scopes: string[] }>(
      'GET',
      '/api/mail-services/oauth-preview?type=exchange&address=outlook.office365.com',
      undefined,
      200,
    );
    assert.equal(
      graph.redirectUri,
      'https://crm.example.com/0/rest/Office365OAuthAuthenticator/ProcessAuthenticationCode',
    );
    assert.ok(graph.scopes.includes('Contacts.ReadWrite'));
    const ews = await admin.json<{ scopes: string[] }>(
      'GET',
      '/api/mail-services/oauth-preview?type=exchange&protocol=ews&address=mail.example.com',
      undefined,
      200,
    );
    assert.ok(ews.scopes.includes('https://mail.example.com/EWS.AccessAsUser.All'));
  });

  it('MS-1: only administrators may preview', async () => {
    const user = await createUser(admin, app, 'nina');
    const res = await user.request('GET', '/api/mail-services/oauth-preview?type=exchange&address=a.example.com');
    assert.equal(res.statusCode, 403);
  });
});
