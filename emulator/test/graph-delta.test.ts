import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildGraphTestApp, type GraphTestApp } from '../src/graph/testing/graph-test-app.ts';

const SCOPES = ['Mail.ReadWrite', 'Contacts.ReadWrite'];
const PAGE2 = { prefer: 'odata.maxpagesize=2' };

describe('Graph delta', () => {
  let t: GraphTestApp;
  let me: ReturnType<typeof graphClient>;
  let folderId: string;

  beforeEach(async () => {
    t = await buildGraphTestApp();
    me = graphClient(t.app, t.delegated(t.directory.users[0] as never, SCOPES));
    folderId = (await me.post('/v1.0/me/mailFolders', { displayName: 'Synced' })).json.id;
  });

  async function createMessages(n: number): Promise<{ id: string; subject: string }[]> {
    const out = [];
    for (let i = 1; i <= n; i++) {
      out.push((await me.post(`/v1.0/me/mailFolders/${folderId}/messages`, { subject: `m${i}` })).json);
    }
    return out;
  }

  it('pages 5 messages at maxpagesize 2 into 3 pages, then a deltaLink; the next round has exactly the changes', async () => {
    const [m1, m2, m3] = await createMessages(5);
    const first = await me.get(`/v1.0/me/mailFolders/${folderId}/messages/delta?$select=subject,isRead`, PAGE2);
    assert.equal(first.status, 200);
    assert.equal(first.headers['preference-applied'], 'odata.maxpagesize=2');
    assert.match(first.json['@odata.context'], /\$metadata#Collection\(message\)$/);
    assert.match(first.json['@odata.nextLink'], /\/me\/mailFolders\/[^/]+\/messages\/delta\?\$skiptoken=/);
    const round = await me.deltaRound(`/v1.0/me/mailFolders/${folderId}/messages/delta?$select=subject,isRead`, PAGE2);
    assert.deepEqual(
      round.pages.map((p) => p.length),
      [2, 2, 1],
    );
    assert.match(round.deltaLink, /\/messages\/delta\?\$deltatoken=/);
    assert.deepEqual(round.items.map((i) => i.subject).sort(), ['m1', 'm2', 'm3', 'm4', 'm5']);
    for (const item of round.items) {
      assert.deepEqual(Object.keys(item).sort(), ['@odata.etag', '@odata.type', 'id', 'isRead', 'subject']);
      assert.equal(item['@odata.type'], '#microsoft.graph.message');
    }

    const created = (await me.post(`/v1.0/me/mailFolders/${folderId}/messages`, { subject: 'm6' })).json;
    await me.patch(`/v1.0/me/messages/${m1?.id}`, { isRead: false });
    await me.delete(`/v1.0/me/messages/${m2?.id}`);
    const moved = await me.post(`/v1.0/me/messages/${m3?.id}/move`, { destinationId: 'inbox' });
    assert.equal(moved.status, 201);

    const second = await me.deltaRound(round.deltaLink, PAGE2);
    const byId = new Map(second.items.map((i) => [i.id, i]));
    assert.equal(second.items.length, 4);
    assert.equal(byId.get(created.id)?.subject, 'm6');
    assert.equal(byId.get(m1?.id)?.isRead, false);
    assert.deepEqual(byId.get(m2?.id)?.['@removed'], { reason: 'deleted' });
    assert.deepEqual(byId.get(m3?.id)?.['@removed'], { reason: 'changed' });
    assert.deepEqual(Object.keys(byId.get(m2?.id)).sort(), ['@odata.type', '@removed', 'id']);

    const third = await me.deltaRound(second.deltaLink, PAGE2);
    assert.equal(third.items.length, 0);
    const inbox = await me.deltaRound('/v1.0/me/mailFolders/inbox/messages/delta');
    assert.deepEqual(
      inbox.items.map((i) => i.subject),
      ['m3'],
    );
  });

  it('reports immutable ids when asked, on every request of the round', async () => {
    const [m1] = await createMessages(1);
    const prefer = { prefer: 'IdType="ImmutableId", odata.maxpagesize=10' };
    const round = await me.deltaRound(`/v1.0/me/mailFolders/${folderId}/messages/delta`, prefer);
    const immutableId = round.items[0]?.id;
    assert.notEqual(immutableId, m1?.id);
    await me.post(`/v1.0/me/messages/${m1?.id}/move`, { destinationId: 'archive' });
    const next = await me.deltaRound(round.deltaLink, prefer);
    assert.deepEqual(next.items, [
      { '@odata.type': '#microsoft.graph.message', id: immutableId, '@removed': { reason: 'changed' } },
    ]);
    const archive = await me.deltaRound('/v1.0/me/mailFolders/archive/messages/delta', prefer);
    assert.equal(archive.items[0]?.id, immutableId);
  });

  it('replays already-sent items with probability 1, and an upserting client converges', async () => {
    await createMessages(6);
    t.config.deltaReplayProbability = 1;
    const first = await me.deltaRound(`/v1.0/me/mailFolders/${folderId}/messages/delta?$select=subject`, PAGE2);
    const ids = first.items.map((i) => i.id);
    assert.ok(ids.length > 6, `expected replays, got ${ids.length} items`);
    assert.equal(new Set(ids).size, 6);

    const local = new Map<string, string>();
    const apply = (items: { id: string; subject?: string; '@removed'?: unknown }[]) => {
      for (const i of items) {
        if (i['@removed']) local.delete(i.id);
        else local.set(i.id, i.subject ?? '');
      }
    };
    apply(first.items);
    const extra = (await me.post(`/v1.0/me/mailFolders/${folderId}/messages`, { subject: 'late' })).json;
    await me.patch(`/v1.0/me/messages/${ids[0]}`, { subject: 'renamed' });
    const second = await me.deltaRound(first.deltaLink, PAGE2);
    assert.ok(
      second.items.some((i) => i.id !== extra.id && i.id !== ids[0]),
      'second round replays an unchanged item',
    );
    apply(second.items);
    const truth = await me.get(`/v1.0/me/mailFolders/${folderId}/messages?$top=100&$select=subject`);
    const expected = new Map<string, string>(
      truth.json.value.map((v: { id: string; subject: string }) => [v.id, v.subject]),
    );
    assert.deepEqual([...local.entries()].sort(), [...expected.entries()].sort());
  });

  it('resets with 410 Gone and an empty-deltatoken Location, or 400 syncStateNotFound', async () => {
    await createMessages(3);
    const round = await me.deltaRound(`/v1.0/me/mailFolders/${folderId}/messages/delta`);
    t.hooks.shouldInvalidateDelta = () => '410';
    const gone = await me.get(round.deltaLink);
    assert.equal(gone.status, 410);
    assert.match(String(gone.headers.location), /\/me\/mailFolders\/[^/]+\/messages\/delta\?\$deltatoken=$/);
    assert.equal(gone.json.error.code, 'resyncRequired');
    const initial = await me.get(`/v1.0/me/mailFolders/${folderId}/messages/delta`);
    assert.equal(initial.status, 200, 'a request without a token is never reset');

    t.hooks.shouldInvalidateDelta = () => 'syncStateNotFound';
    const expired = await me.get(round.deltaLink);
    assert.equal(expired.status, 400);
    assert.equal(expired.json.error.code, 'syncStateNotFound');
    t.hooks.shouldInvalidateDelta = undefined;

    const restart = await me.deltaRound(String(gone.headers.location));
    assert.equal(restart.items.length, 3);
    assert.equal(
      (await me.get(`/v1.0/me/mailFolders/${folderId}/messages/delta?$deltatoken=garbage`)).json.error.code,
      'syncStateNotFound',
    );
    const bob = graphClient(t.app, t.delegated(t.directory.users[1] as never, SCOPES));
    const foreign = await bob.get(round.deltaLink.replace('/me/', '/users/alice@contoso.test/'));
    assert.equal(foreign.status, 403);
    t.store.reset(t.directory.users[0]?.id);
    const afterReset = await me.get(round.deltaLink);
    assert.notEqual(afterReset.status, 200);
  });

  it('filters by changeType and receivedDateTime', async () => {
    const [m1] = await createMessages(2);
    const created = await me.deltaRound(`/v1.0/me/mailFolders/${folderId}/messages/delta?changeType=created`);
    assert.equal(created.items.length, 2);
    await me.patch(`/v1.0/me/messages/${m1?.id}`, { isRead: false });
    await me.post(`/v1.0/me/mailFolders/${folderId}/messages`, { subject: 'new' });
    const next = await me.deltaRound(created.deltaLink);
    assert.deepEqual(
      next.items.map((i) => i.subject),
      ['new'],
    );
    const future = await me.deltaRound(
      `/v1.0/me/mailFolders/${folderId}/messages/delta?$filter=receivedDateTime ge 2999-01-01T00:00:00Z`,
    );
    assert.equal(future.items.length, 0);
    const unsupported = await me.get(`/v1.0/me/mailFolders/${folderId}/messages/delta?$filter=subject eq 'x'`);
    assert.equal(unsupported.status, 400);
  });

  it('tracks contacts per folder and the contact folder hierarchy', async () => {
    const folders = await me.deltaRound('/v1.0/me/contactFolders/delta');
    assert.equal(folders.items.length, 0, 'the default Contacts folder is not listed');
    const cf = (await me.post('/v1.0/me/contactFolders', { displayName: 'Suppliers' })).json;
    const sub = (await me.post(`/v1.0/me/contactFolders/${cf.id}/childFolders`, { displayName: 'EU' })).json;
    const next = await me.deltaRound(folders.deltaLink);
    assert.deepEqual(next.items.map((f) => f.displayName).sort(), ['EU', 'Suppliers']);
    assert.equal(next.items.find((f) => f.id === sub.id)?.parentFolderId, cf.id);

    const a = (await me.post(`/v1.0/me/contactFolders/${cf.id}/contacts`, { givenName: 'Zoë', surname: 'Müller' }))
      .json;
    const round = await me.deltaRound(`/v1.0/me/contactFolders/${cf.id}/contacts/delta`);
    assert.equal(round.items[0]?.displayName, 'Zoë Müller');
    await me.patch(`/v1.0/me/contacts/${a.id}`, { jobTitle: 'Einkauf' });
    const upd = await me.deltaRound(round.deltaLink);
    assert.equal(upd.items[0]?.jobTitle, 'Einkauf');
    await me.delete(`/v1.0/me/contactFolders/${cf.id}/contacts/${a.id}`);
    const del = await me.deltaRound(upd.deltaLink);
    assert.deepEqual(del.items[0]?.['@removed'], { reason: 'deleted' });
  });

  it('tracks the mail folder hierarchy', async () => {
    const first = await me.deltaRound('/v1.0/me/mailFolders/delta');
    const names = first.items.map((f) => f.displayName);
    assert.ok(names.includes('Inbox') && names.includes('Synced'));
    const child = (await me.post(`/v1.0/me/mailFolders/${folderId}/childFolders`, { displayName: 'Nested' })).json;
    await me.patch(`/v1.0/me/mailFolders/${folderId}`, { displayName: 'Synced 2' });
    const second = await me.deltaRound(first.deltaLink);
    assert.deepEqual(second.items.map((f) => f.displayName).sort(), ['Nested', 'Synced 2']);
    await me.delete(`/v1.0/me/mailFolders/${child.id}`);
    const third = await me.deltaRound(second.deltaLink);
    assert.deepEqual(third.items, [
      { '@odata.type': '#microsoft.graph.mailFolder', id: child.id, '@removed': { reason: 'deleted' } },
    ]);
  });

  it('hides changes until the replication delay has passed', async () => {
    const round = await me.deltaRound(`/v1.0/me/mailFolders/${folderId}/messages/delta`);
    t.config.replicationDelayMs = 60_000;
    await createMessages(1);
    assert.equal((await me.deltaRound(round.deltaLink)).items.length, 0);
    assert.equal((await me.get(`/v1.0/me/mailFolders/${folderId}/messages`)).json.value.length, 0);
    t.config.replicationDelayMs = 0;
    assert.equal((await me.deltaRound(round.deltaLink)).items.length, 1);
  });
});
