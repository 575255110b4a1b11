import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { mailboxService } from '../../src/server/mail/mailbox.service.ts';
import type { TestConnection } from '../../src/server/mail/mailbox.types.ts';
import { createVault, generateVaultKey } from '../../src/server/mail/vault/secret-vault.ts';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

/**
 * MS-11: secrets are never returned by the API, never logged and encrypted at rest. A representative
 * flow runs with distinctive secret values while every response body and every log line (pino at
 * trace) is captured; none may contain a secret, in clear or base64. The database is checked too.
 */
const SECRETS = {
  clientSecret: 'cs~Leak-Probe-Client-Secret-91f3',
  clientSecret2: 'cs~Leak-Probe-Client-Secret-Rotated-55aa',
  password: 'pw~Leak-Probe-Mailbox-Password-7c2e',
  password2: 'pw~Leak-Probe-Mailbox-Password-Changed-0d1b',
  accessToken: 'eyJ0eXAiOiJKV1QiLeakProbeAccessToken.payload.sig',
  refreshToken: '0.AAAA-LeakProbe-Refresh-Token-With-Some-Length',
  accessToken2: 'eyJ0eXAiOiJKV1QiLeakProbeAccessToken2.payload.sig',
  refreshToken2: '0.BBBB-LeakProbe-Refresh-Token-Rotated',
};

/** Every form a secret could appear in: clear, base64, base64url, and JSON-escaped. */
function forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64'), bytes.toString('base64url'), JSON.stringify(secret).slice(1, -1)];
}

function leaksIn(text: string): string[] {
  return Object.entries(SECRETS).flatMap(([name, value]) => (forms(value).some((f) => text.includes(f)) ? [name] : []));
}

for (const dialect of await dialects()) {
  describe(`MS-11: no secret leaves through responses, logs or the database (${dialect.name})`, () => {
    const vault = createVault(generateVaultKey());
    const logLines: string[] = [];
    const bodies: string[] = [];
    let db: TestDatabase;
    let app: FastifyInstance;
    let admin: Client;
    let bob: Client;
    let testerAnswer: 'ok' | 'wrongPassword' | 'crash' = 'ok';

    const tester: TestConnection = async () => {
      if (testerAnswer === 'crash') throw new Error('connector crashed');
      return testerAnswer === 'ok'
        ? { ok: true, code: 'ok', message: 'Connected.' }
        : { ok: false, code: 'wrongPassword', message: 'The server did not accept the user name or password.' };
    };

    /** A client whose every response is kept for the leak check. */
    const recording = (client: Client): Client => ({
      userId: client.userId,
      async request(method, url, body) {
        const res: LightMyRequestResponse = await client.request(method, url, body);
        bodies.push(`${method} ${url} → ${res.statusCode} ${JSON.stringify(res.headers)} ${res.body}`);
        return res;
      },
      async json(method, url, body, expectStatus) {
        const res = await this.request(method, url, body);
        if (expectStatus !== undefined) assert.equal(res.statusCode, expectStatus, res.body);
        return (res.body ? res.json() : undefined) as never;
      },
    });

    before(async () => {
      db = await dialect.open();
      const capture = new Writable({
        write(chunk, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      });
      app = await testApp(db, {}, { vault, testConnection: tester, logger: { level: 'trace', stream: capture } });
      admin = recording(await signIn(app, 'admin', ADMIN_PASSWORD));
      bob = recording(await createUser(admin, app, 'bob'));
    });
    after(async () => {
      await app?.close();
      await db?.drop();
    });

    it('MS-11: a representative flow shows secrets only as {"set": true}', async () => {
      // The detector itself must see an encoded secret, or an empty result would prove nothing.
      assert.deepEqual(leaksIn(`x${Buffer.from(SECRETS.password).toString('base64')}y`), ['password']);
      // Services: create, read, list, change the secret, detect, refused inputs that carry a secret.
      const m365 = await admin.json<{ id: string; clientSecret: unknown }>(
        'POST',
        '/api/mail-services',
        {
          type: 'exchange',
          address: 'outlook.office365.com',
          auth: 'oauth2',
          clientId: 'app-id',
          clientSecret: SECRETS.clientSecret,
        },
        201,
      );
      assert.deepEqual(m365.clientSecret, { set: true });
      await admin.json('PATCH', `/api/mail-services/${m365.id}`, { clientSecret: SECRETS.clientSecret2 }, 200);
      await admin.json('GET', `/api/mail-services/${m365.id}`, undefined, 200);
      await bob.json('GET', '/api/mail-services', undefined, 200);
      await admin.json(
        'POST',
        '/api/mail-provider-domains',
        { domain: 'contoso.example', mailServiceId: m365.id },
        201,
      );
      await bob.json('GET', '/api/mail-services/detect?email=dana@contoso.example', undefined, 200);
      await admin.json(
        'POST',
        '/api/mail-services',
        { type: 'exchange', address: 'x.example', auth: 'oauth2', clientSecret: SECRETS.clientSecret },
        400,
      );
      await admin.json(
        'POST',
        '/api/mail-services',
        { type: 'exchange', address: SECRETS.clientSecret.replace(/~/, ' '), clientSecret: SECRETS.clientSecret },
        400,
      );
      await admin.json(
        'POST',
        '/api/mail-services',
        { type: 'exchange', address: 'x.example', clientSecret: `${SECRETS.clientSecret}${'x'.repeat(1024)}` },
        400,
      );
      await bob.json('PATCH', `/api/mail-services/${m365.id}`, { clientSecret: SECRETS.clientSecret }, 403);

      // A basic-auth mailbox: refused and accepted passwords, reads, test, health, settings.
      const imap = await admin.json<{ id: string }>(
        'POST',
        '/api/mail-services',
        {
          type: 'imap',
          address: 'mail.example.com',
          imap: { host: 'imap.example.com' },
          smtp: { host: 'smtp.example.com' },
        },
        201,
      );
      testerAnswer = 'wrongPassword';
      await bob.json(
        'POST',
        '/api/mailboxes',
        { email: 'bob@example.com', mailServiceId: imap.id, password: SECRETS.password },
        400,
      );
      testerAnswer = 'ok';
      const box = await bob.json<{ id: string; password: unknown }>(
        'POST',
        '/api/mailboxes',
        { email: 'bob@example.com', mailServiceId: imap.id, password: SECRETS.password },
        201,
      );
      assert.deepEqual(box.password, { set: true });
      testerAnswer = 'wrongPassword';
      await bob.json('PATCH', `/api/mailboxes/${box.id}`, { password: SECRETS.password2 }, 400);
      testerAnswer = 'ok';
      await bob.json('PATCH', `/api/mailboxes/${box.id}`, { password: SECRETS.password2 }, 200);
      await bob.json('POST', `/api/mailboxes/${box.id}/test`, undefined, 200);
      // A connector that fails unexpectedly: the 500 is logged with its error, never with the request body.
      testerAnswer = 'crash';
      await bob.json('PATCH', `/api/mailboxes/${box.id}`, { password: SECRETS.password }, 500);
      testerAnswer = 'ok';
      await bob.json('GET', `/api/mailboxes/${box.id}/health`, undefined, 200);
      await bob.json('GET', `/api/mailboxes/${box.id}/sync-settings`, undefined, 200);
      await admin.json('GET', `/api/mailboxes/${box.id}`, undefined, 404);
      await bob.json(
        'POST',
        '/api/mailboxes',
        { email: 'x@contoso.example', mailServiceId: m365.id, password: SECRETS.password },
        400,
      );

      // An OAuth mailbox: tokens through the internal operations, then read through the API.
      const oauth = await mailboxService.createConnected(
        db.db,
        vault,
        { id: bob.userId },
        {
          email: 'bob@contoso.example',
          mailServiceId: m365.id,
          tokens: {
            accessToken: SECRETS.accessToken,
            refreshToken: SECRETS.refreshToken,
            expiresAt: '2030-01-01T00:00:00Z',
          },
          remoteUserId: 'remote-bob',
        },
      );
      await mailboxService.saveTokens(db.db, vault, oauth.id, {
        accessToken: SECRETS.accessToken2,
        refreshToken: SECRETS.refreshToken2,
        expiresAt: '2030-01-01T01:00:00Z',
      });
      await bob.json('GET', '/api/mailboxes', undefined, 200);
      await bob.json('GET', `/api/mailboxes/${oauth.id}`, undefined, 200);
      await bob.json('GET', `/api/mailboxes/${oauth.id}/health`, undefined, 200);
      await bob.json('POST', `/api/mailboxes/${oauth.id}/test`, undefined, 200);

      // The internal view does decrypt them (the secrets really were stored and used).
      const internal = await mailboxService.internal(db.db, vault, oauth.id);
      assert.equal(internal.tokens?.refreshToken, SECRETS.refreshToken2);
      assert.equal(internal.service.clientSecret, SECRETS.clientSecret2);

      assert.ok(bodies.length >= 25, `responses were captured (${bodies.length})`);
      assert.equal(app.log.level, 'trace');
      for (const expected of ['incoming request', 'mailbox connection tested', 'request failed']) {
        assert.ok(
          logLines.some((l) => l.includes(expected)),
          `the log was captured (${expected})`,
        );
      }
      const leaks = [
        ...bodies.flatMap((b) => leaksIn(b).map((name) => `response: ${name} in ${b.slice(0, 120)}`)),
        ...logLines.flatMap((l) => leaksIn(l).map((name) => `log: ${name} in ${l.slice(0, 120)}`)),
      ];
      assert.deepEqual(leaks, []);
    });

    it('MS-11: the database holds only vault envelopes in the secret columns, and no plaintext anywhere', async () => {
      const dump: string[] = [];
      for (const table of ['mail_services', 'mailboxes', 'oauth_states', 'mail_provider_domains']) {
        const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db.db);
        for (const row of rows) {
          dump.push(JSON.stringify(row));
          for (const [column, value] of Object.entries(row)) {
            if (column.endsWith('_enc') && value !== null)
              assert.match(String(value), /^v1:[\w-]{8}:/, `${table}.${column}`);
          }
        }
      }
      assert.ok(dump.length >= 4, 'the flow left rows to inspect');
      assert.deepEqual(dump.flatMap(leaksIn), []);
    });
  });
}
