import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildGraphTestApp, type GraphTestApp } from '../src/graph/testing/graph-test-app.ts';

const PROP = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name TandemId';
const OTHER = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Other';
const expand = (id: string) => `$expand=singleValueExtendedProperties($filter=id eq '${id}')`;
const anyFilter = (value: string) =>
  `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '${PROP}' and ep/value eq '${value}')`;

describe('Graph singleValueExtendedProperties', () => {
  let t: GraphTestApp;
  let me: ReturnType<typeof graphClient>;
  before(async () => {
    t = await buildGraphTestApp();
    me = graphClient(t.app, t.delegated(t.directory.users[0] as never, ['Mail.ReadWrite', 'Contacts.ReadWrite']));
  });

  it('sets on POST and PATCH, returns only via $expand, and finds by $filter Any', async () => {
    const c = await me.post('/v1.0/me/contacts', {
      givenName: 'Prop',
      singleValueExtendedProperties: [
        { id: PROP, value: 'crm-1' },
        { id: OTHER, value: 'x' },
      ],
    });
    assert.equal(c.status, 201);
    assert.equal(c.json.singleValueExtendedProperties, undefined, 'not returned without $expand');
    const plain = await me.get(`/v1.0/me/contacts/${c.json.id}`);
    assert.equal(plain.json.singleValueExtendedProperties, undefined);

    const expanded = await me.get(`/v1.0/me/contacts/${c.json.id}?${expand(PROP)}`);
    assert.deepEqual(expanded.json.singleValueExtendedProperties, [{ id: PROP, value: 'crm-1' }]);
    const upperGuid = await me.get(
      `/v1.0/me/contacts/${c.json.id}?${expand(PROP.toUpperCase().replace('NAME TANDEMID', 'Name TandemId'))}`,
    );
    assert.equal(upperGuid.json.singleValueExtendedProperties?.length, 1, 'GUIDs compare ignoring case');
    const none = await me.get(
      `/v1.0/me/contacts/${c.json.id}?${expand('String {00000000-0000-0000-0000-000000000001} Name Missing')}`,
    );
    assert.equal(none.json.singleValueExtendedProperties, undefined, 'left out when nothing matches');

    await me.patch(`/v1.0/me/contacts/${c.json.id}`, { singleValueExtendedProperties: [{ id: PROP, value: 'crm-2' }] });
    const found = await me.get(`/v1.0/me/contacts?${anyFilter('crm-2')}&${expand(PROP)}`);
    assert.equal(found.json.value.length, 1);
    assert.equal(found.json.value[0].singleValueExtendedProperties[0].value, 'crm-2');
    assert.equal((await me.get(`/v1.0/me/contacts?${anyFilter('crm-1')}`)).json.value.length, 0);
  });

  it('works on messages, in delta rounds and across folders', async () => {
    const m = await me.post('/v1.0/me/mailFolders/inbox/messages', {
      subject: 'tagged',
      singleValueExtendedProperties: [{ id: PROP, value: 'mail-1' }],
    });
    const found = await me.get(`/v1.0/me/messages?${anyFilter('mail-1')}&$select=subject`);
    assert.deepEqual(
      found.json.value.map((v: { subject: string }) => v.subject),
      ['tagged'],
    );
    const round = await me.deltaRound(`/v1.0/me/mailFolders/inbox/messages/delta?$select=subject&${expand(PROP)}`);
    const item = round.items.find((i) => i.id === m.json.id);
    assert.deepEqual(item?.singleValueExtendedProperties, [{ id: PROP, value: 'mail-1' }]);
    assert.deepEqual(Object.keys(item).sort(), [
      '@odata.etag',
      '@odata.type',
      'id',
      'singleValueExtendedProperties',
      'subject',
    ]);
  });

  it('is the same named property the store exposes to EWS (PropertySetId + PropertyName)', async () => {
    const c = (
      await me.post('/v1.0/me/contacts', {
        givenName: 'Bridge',
        singleValueExtendedProperties: [{ id: PROP, value: 'b-1' }],
      })
    ).json;
    const mailbox = t.store.mailbox(t.directory.users[0]?.id as string);
    const item = mailbox.item(c.id);
    const props = [...item.extendedProperties.values()];
    assert.deepEqual(props[0]?.key, {
      type: 'String',
      propertySetGuid: '66f5a359-4659-4830-9070-00047ec6ac6e',
      name: 'TandemId',
    });
  });

  it('rejects malformed property ids', async () => {
    const bad = await me.post('/v1.0/me/contacts', {
      givenName: 'x',
      singleValueExtendedProperties: [{ id: 'Nonsense', value: '1' }],
    });
    assert.equal(bad.status, 400);
  });
});
