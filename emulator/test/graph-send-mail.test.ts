import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildGraphTestApp, type GraphTestApp } from '../src/graph/testing/graph-test-app.ts';

const PROP = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name TandemId';

describe('Graph sending', () => {
  let t: GraphTestApp;
  let alice: ReturnType<typeof graphClient>;
  let bob: ReturnType<typeof graphClient>;
  before(async () => {
    t = await buildGraphTestApp([
      { email: 'alice@contoso.test', displayName: 'Alice Example' },
      { email: 'bob@contoso.test', displayName: 'Bob Example' },
      { email: 'carol@fabrikam.test', displayName: 'Carol Example', tenantId: 'fabrikam' },
    ]);
    const [a, b] = t.directory.users as [never, never];
    alice = graphClient(t.app, t.delegated(a, ['Mail.ReadWrite', 'Mail.Send']));
    bob = graphClient(t.app, t.delegated(b, ['Mail.Read']));
  });

  it('sendMail answers 202 with no body, files a Sent Items copy and delivers to emulator users', async () => {
    const res = await alice.post('/v1.0/me/sendMail', {
      message: {
        subject: 'Встреча в четверг',
        body: { contentType: 'html', content: '<p>Договорились на <b>15:00</b>.</p>' },
        toRecipients: [{ emailAddress: { address: 'bob@contoso.test' } }],
        ccRecipients: [{ emailAddress: { address: 'carol@fabrikam.test' } }],
        bccRecipients: [{ emailAddress: { address: 'outsider@example.org' } }],
        internetMessageHeaders: [{ name: 'x-tandem-activity', value: 'A-1' }],
        singleValueExtendedProperties: [{ id: PROP, value: 'act-1' }],
      },
      saveToSentItems: true,
    });
    assert.equal(res.status, 202);
    assert.equal(res.body, '');

    const sent = await alice.get(
      `/v1.0/me/mailFolders/sentitems/messages?$expand=singleValueExtendedProperties($filter=id eq '${PROP}')`,
    );
    assert.equal(sent.json.value.length, 1);
    const copy = sent.json.value[0];
    assert.equal(copy.isDraft, false);
    assert.equal(copy.from.emailAddress.address, 'alice@contoso.test');
    assert.match(copy.internetMessageId, /^<[^@]+@contoso\.test>$/);
    assert.deepEqual(copy.singleValueExtendedProperties, [{ id: PROP, value: 'act-1' }]);
    assert.equal(copy.bccRecipients.length, 1);

    const inbox = await bob.get(
      '/v1.0/me/mailFolders/inbox/messages?$select=subject,isRead,internetMessageId,bccRecipients,internetMessageHeaders',
    );
    assert.equal(inbox.json.value.length, 1);
    const delivered = inbox.json.value[0];
    assert.equal(delivered.subject, 'Встреча в четверг');
    assert.equal(delivered.isRead, false);
    assert.equal(delivered.internetMessageId, copy.internetMessageId);
    assert.deepEqual(delivered.bccRecipients, []);
    assert.deepEqual(delivered.internetMessageHeaders, [{ name: 'x-tandem-activity', value: 'A-1' }]);

    const carol = graphClient(t.app, t.appOnly(['Mail.Read'], 'fabrikam'));
    const carolInbox = await carol.get('/v1.0/users/carol@fabrikam.test/mailFolders/inbox/messages');
    assert.equal(carolInbox.json.value.length, 1, 'cross-tenant emulator users receive mail too');
  });

  it('sends a draft: 202, the draft moves to Sent Items keeping its immutable id', async () => {
    const immutable = { prefer: 'IdType="ImmutableId"' };
    const draft = (
      await alice.post(
        '/v1.0/me/messages',
        {
          subject: 'Draft to Bob',
          toRecipients: [{ emailAddress: { address: 'bob@contoso.test' } }],
        },
        immutable,
      )
    ).json;
    const sent = await alice.post(`/v1.0/me/messages/${draft.id}/send`, undefined, immutable);
    assert.equal(sent.status, 202);
    const after = await alice.get(`/v1.0/me/messages/${draft.id}`, immutable);
    assert.equal(after.json.isDraft, false);
    assert.equal(after.json.parentFolderId, (await alice.get('/v1.0/me/mailFolders/sentitems')).json.id);
    const again = await alice.post(`/v1.0/me/messages/${draft.id}/send`);
    assert.equal(again.status, 400);
    const bobInbox = await bob.get(`/v1.0/me/mailFolders/inbox/messages?$filter=subject eq 'Draft to Bob'`);
    assert.equal(bobInbox.json.value.length, 1);
  });

  it('does not save a copy when saveToSentItems is false, and needs Mail.Send', async () => {
    const before = (await alice.get('/v1.0/me/mailFolders/sentitems')).json.totalItemCount;
    const res = await alice.post('/v1.0/me/sendMail', {
      message: { subject: 'no copy', toRecipients: [{ emailAddress: { address: 'bob@contoso.test' } }] },
      saveToSentItems: false,
    });
    assert.equal(res.status, 202);
    assert.equal((await alice.get('/v1.0/me/mailFolders/sentitems')).json.totalItemCount, before);
    const noSend = graphClient(t.app, t.delegated(t.directory.users[0] as never, ['Mail.ReadWrite']));
    const denied = await noSend.post('/v1.0/me/sendMail', {
      message: { subject: 'x', toRecipients: [{ emailAddress: { address: 'bob@contoso.test' } }] },
    });
    assert.equal(denied.status, 403);
    const noRecipients = await alice.post('/v1.0/me/sendMail', { message: { subject: 'x' } });
    assert.equal(noRecipients.status, 400);
  });
});
