/**
 * Acting as "the user in Outlook" through the control API: a change made by hand in the mailbox shows
 * up in Graph delta like any other write; unknown kinds and users are clear errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildEmulator, type Emulator } from '../src/server.ts';
import { appOnlyTenant } from './support/app-only.ts';

describe('control API: the user in Outlook', () => {
  let emulator: Emulator;
  let token: string;
  const control = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    emulator.app.inject({ method, url, ...(payload ? { payload } : {}) });

  before(async () => {
    emulator = await buildEmulator();
    ({ token } = await appOnlyTenant(emulator, {
      domain: 'fabrikam.test',
      roles: ['Contacts.ReadWrite', 'Mail.ReadWrite'],
      users: ['vera@fabrikam.test'],
      timeZone: 'Europe/Moscow',
    }));
  });
  after(async () => emulator.app.close());

  it('a contact created, edited and deleted by hand appears in the next delta rounds', async () => {
    const graph = graphClient(emulator.app, { authorization: `Bearer ${token}` });
    const base = '/v1.0/users/vera@fabrikam.test';
    const folderId = (await graph.get(`${base}/contactFolders/contacts`)).json.id as string;
    let round = await graph.get(`${base}/contactFolders/${folderId}/contacts/delta`);
    while (round.json['@odata.nextLink']) round = await graph.get(round.json['@odata.nextLink']);
    let deltaLink = round.json['@odata.deltaLink'] as string;

    const created = await control('POST', '/_emulator/users/vera@fabrikam.test/items', {
      kind: 'contact',
      fields: { givenName: 'Пётр', surname: 'Иванов', emailAddresses: [{ address: 'petr@example.ru' }] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    round = await graph.get(deltaLink);
    assert.ok(
      round.json.value.some((c: { id: string; surname?: string }) => c.surname === 'Иванов'),
      'the new contact is in the delta round',
    );
    deltaLink = round.json['@odata.deltaLink'];

    const edited = await control('PATCH', `/_emulator/users/vera@fabrikam.test/items/${id}`, {
      kind: 'contact',
      fields: { jobTitle: 'Главный инженер' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    round = await graph.get(deltaLink);
    assert.ok(round.json.value.some((c: { jobTitle?: string }) => c.jobTitle === 'Главный инженер'));
    deltaLink = round.json['@odata.deltaLink'];

    const deleted = await control('DELETE', `/_emulator/users/vera@fabrikam.test/items/${id}?kind=contact`);
    assert.equal(deleted.statusCode, 200, deleted.body);
    round = await graph.get(deltaLink);
    assert.ok(
      round.json.value.some((c: { '@removed'?: unknown }) => c['@removed']),
      'the deletion is reported',
    );
  });

  it('refuses unknown kinds, users and items with clear errors', async () => {
    const badKind = await control('POST', '/_emulator/users/vera@fabrikam.test/items', { kind: 'note', fields: {} });
    assert.equal(badKind.statusCode, 400);
    assert.match(badKind.body, /kind must be one of/);
    const noUser = await control('POST', '/_emulator/users/nobody@fabrikam.test/items', {
      kind: 'contact',
      fields: {},
    });
    assert.equal(noUser.statusCode, 404);
    const noItem = await control('PATCH', '/_emulator/users/vera@fabrikam.test/items/AAMkNOPE', {
      kind: 'contact',
      fields: { jobTitle: 'x' },
    });
    assert.ok([400, 404].includes(noItem.statusCode), noItem.body);
  });

  it('lifecycle events on demand need a known subscription and a known event', async () => {
    const unknown = await control('POST', '/_emulator/subscriptions/nope/lifecycle', { event: 'missed' });
    assert.equal(unknown.statusCode, 404);
    const badEvent = await control('POST', '/_emulator/subscriptions/nope/lifecycle', { event: 'exploded' });
    assert.equal(badEvent.statusCode, 400);
    const list = await control('GET', '/_emulator/subscriptions');
    assert.deepEqual(list.json(), { items: [] });
  });
});
