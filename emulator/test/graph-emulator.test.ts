/**
 * The Graph part inside the real emulator: loaded by `buildEmulator` with `GraphDeps`, tokens from the
 * identity platform, seeding, config, faults and reset through the control API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildEmulator, type Emulator } from '../src/server.ts';
import { clientCredentialsToken } from './support/app-only.ts';

describe('Graph in the emulator', () => {
  let emulator: Emulator;
  let token: string;
  const control = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    emulator.app.inject({ method, url, ...(payload ? { payload } : {}) });

  before(async () => {
    emulator = await buildEmulator();
    const tenant = (await control('POST', '/_emulator/tenants', { domain: 'contoso.test' })).json();
    const app = (
      await control('POST', '/_emulator/apps', {
        tenant: tenant.domain,
        displayName: 'Tandem daemon',
        redirectUris: ['http://127.0.0.1:8080/cb'],
        delegatedScopes: [],
        applicationRoles: ['Mail.ReadWrite', 'Mail.Send', 'Contacts.ReadWrite', 'User.Read.All'],
        consented: true,
      })
    ).json();
    for (const email of ['anna@contoso.test', 'boris@contoso.test']) {
      await control('POST', '/_emulator/users', {
        tenant: tenant.id,
        email,
        password: 'pw',
        displayName: email,
        timeZone: 'UTC',
      });
    }
    token = await clientCredentialsToken(emulator, tenant.id, app);
  });

  after(async () => {
    await emulator.app.close();
  });

  it('seeds through the control API and serves the data over Graph with a real token', async () => {
    const seeded = await control('POST', '/_emulator/users/anna@contoso.test/seed', {
      seed: 4,
      contacts: 30,
      messages: 25,
      events: 5,
      tasks: 5,
    });
    assert.equal(seeded.statusCode, 200, seeded.body);
    assert.equal(seeded.json().contacts, 30);
    const anna = graphClient(emulator.app, { authorization: `Bearer ${token}` });
    const profile = await anna.get('/v1.0/users/anna@contoso.test');
    assert.equal(profile.status, 200, profile.body);
    const folders = await anna.get('/v1.0/users/anna@contoso.test/contactFolders');
    assert.ok(folders.json.value.length >= 3);
    const inbox = await anna.get('/v1.0/users/anna@contoso.test/mailFolders/inbox/messages?$top=5');
    assert.equal(inbox.status, 200);
    assert.ok(inbox.json.value.length > 0);
    const noMe = await anna.get('/v1.0/me');
    assert.equal(noMe.status, 400, 'app-only tokens cannot use /me');
  });

  it('delivers sendMail between emulator users', async () => {
    const client = graphClient(emulator.app, { authorization: `Bearer ${token}` });
    const sent = await client.post('/v1.0/users/anna@contoso.test/sendMail', {
      message: { subject: 'Привет, Борис', toRecipients: [{ emailAddress: { address: 'boris@contoso.test' } }] },
    });
    assert.equal(sent.status, 202);
    const boris = await client.get(
      `/v1.0/users/boris@contoso.test/mailFolders/inbox/messages?$filter=subject eq 'Привет, Борис'`,
    );
    assert.equal(boris.json.value.length, 1);
  });

  it('takes replay probability from /_emulator/config and delta resets from /_emulator/faults', async () => {
    const client = graphClient(emulator.app, { authorization: `Bearer ${token}` });
    const url = '/v1.0/users/anna@contoso.test/contactFolders/contacts/contacts/delta';
    const plain = await client.deltaRound(url, { prefer: 'odata.maxpagesize=5' });
    assert.equal(new Set(plain.items.map((i) => i.id)).size, plain.items.length);
    await control('POST', '/_emulator/config', { deltaReplayProbability: 1 });
    const replayed = await client.deltaRound(url, { prefer: 'odata.maxpagesize=5' });
    assert.ok(replayed.items.length > new Set(replayed.items.map((i) => i.id)).size, 'replays appear');
    await control('POST', '/_emulator/config', { deltaReplayProbability: 0 });

    const fault = await control('POST', '/_emulator/faults', {
      match: { path: '/v1.0/users/anna@contoso.test/contactFolders' },
      invalidateDelta: '410',
      count: 1,
    });
    assert.ok(fault.statusCode < 300, fault.body);
    const gone = await client.get(plain.deltaLink);
    assert.equal(gone.status, 410);
    assert.match(String(gone.headers.location), /\$deltatoken=$/);
    assert.equal((await client.get(plain.deltaLink)).status, 200, 'count 1: the next request goes through');
  });

  it('drops mailboxes on /_emulator/reset', async () => {
    const reset = await control('POST', '/_emulator/reset');
    assert.ok(reset.statusCode < 300);
    const snapshot = emulator.snapshot();
    assert.deepEqual(snapshot.parts.mailboxes, { version: 1, mailboxes: [] });
  });
});
