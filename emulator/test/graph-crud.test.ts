import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildGraphTestApp, type GraphTestApp } from '../src/graph/testing/graph-test-app.ts';

const ALL = ['User.Read', 'Mail.ReadWrite', 'Mail.Send', 'Contacts.ReadWrite', 'MailboxSettings.Read'];

describe('Graph CRUD', () => {
  let t: GraphTestApp;
  let me: ReturnType<typeof graphClient>;
  before(async () => {
    t = await buildGraphTestApp();
    me = graphClient(t.app, t.delegated(t.directory.users[0] as never, ALL));
  });

  it('returns the signed-in user and /users/{upn}', async () => {
    const res = await me.get('/v1.0/me');
    assert.equal(res.status, 200);
    assert.equal(res.json.userPrincipalName, 'alice@contoso.test');
    assert.match(res.json['@odata.context'], /\/v1\.0\/\$metadata#users\/\$entity$/);
    const byUpn = await me.get('/v1.0/users/ALICE@contoso.test');
    assert.equal(byUpn.json.id, res.json.id);
    const settings = await me.get('/v1.0/me/mailboxSettings');
    assert.equal(settings.json.timeZone, 'Russian Standard Time');
  });

  it('creates, reads, updates and deletes a contact with etags that rotate', async () => {
    const created = await me.post('/v1.0/me/contacts', {
      givenName: 'Ольга',
      surname: 'Смирнова',
      companyName: 'ООО «Ромашка»',
      emailAddresses: [{ address: 'olga@romashka.ru', name: 'Ольга Смирнова' }],
      businessPhones: ['+7 495 123-45-67'],
      businessAddress: { street: 'ул. Тверская, 1', city: 'Москва', countryOrRegion: 'Россия', postalCode: '125009' },
    });
    assert.equal(created.status, 201);
    const c = created.json;
    assert.equal(c.displayName, 'Ольга Смирнова');
    assert.match(c['@odata.etag'], /^W\/"[A-Za-z0-9+/=]+"$/);
    assert.equal(c['@odata.etag'], `W/"${c.changeKey}"`);
    assert.equal(c.parentFolderId, (await me.get('/v1.0/me/contactFolders/contacts')).json.id);

    const got = await me.get(`/v1.0/me/contacts/${c.id}`);
    assert.equal(got.json.businessAddress.city, 'Москва');

    const patched = await me.patch(
      `/v1.0/me/contacts/${c.id}`,
      { jobTitle: 'Директор' },
      { 'if-match': c['@odata.etag'] },
    );
    assert.equal(patched.status, 200);
    assert.equal(patched.json.jobTitle, 'Директор');
    assert.notEqual(patched.json['@odata.etag'], c['@odata.etag']);

    const stale = await me.patch(`/v1.0/me/contacts/${c.id}`, { jobTitle: 'CEO' }, { 'if-match': c['@odata.etag'] });
    assert.equal(stale.status, 412);
    assert.equal(stale.json.error.code, 'ErrorIrresolvableConflict');
    assert.ok(stale.json.error.innerError['request-id']);
    assert.ok(stale.json.error.innerError.date);

    const staleDelete = await me.delete(`/v1.0/me/contacts/${c.id}`, { 'if-match': c['@odata.etag'] });
    assert.equal(staleDelete.status, 412);
    assert.equal((await me.delete(`/v1.0/me/contacts/${c.id}`)).status, 204);
    const gone = await me.get(`/v1.0/me/contacts/${c.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.json.error.code, 'ErrorItemNotFound');
  });

  it('answers malformed ids, unknown properties and unknown segments in Graph error shape', async () => {
    const bad = await me.get('/v1.0/me/messages/not-an-id', { 'client-request-id': 'abc-123' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'ErrorInvalidIdMalformed');
    assert.equal(bad.json.error.innerError['client-request-id'], 'abc-123');
    const unknown = await me.post('/v1.0/me/contacts', { givenName: 'X', favouriteColour: 'red' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error.code, 'RequestBodyRead');
    const segment = await me.get('/v1.0/me/nothingHere');
    assert.equal(segment.status, 400);
    const noAuth = await t.app.inject({ url: '/v1.0/me' });
    assert.equal(noAuth.statusCode, 401);
    assert.equal(noAuth.json().error.code, 'InvalidAuthenticationToken');
  });

  it('enforces scopes and roles', async () => {
    const [alice, bob] = t.directory.users as [never, never];
    const readOnly = graphClient(t.app, t.delegated(alice, ['Contacts.Read', 'Mail.Read']));
    const denied = await readOnly.post('/v1.0/me/contacts', { givenName: 'Nope' });
    assert.equal(denied.status, 403);
    assert.equal(denied.json.error.code, 'ErrorAccessDenied');
    assert.equal(denied.json.error.message, 'Access is denied. Check credentials and try again.');
    assert.equal((await readOnly.get('/v1.0/me/contacts')).status, 200);
    assert.equal((await readOnly.post('/v1.0/me/sendMail', { message: {} })).status, 403);

    const app = graphClient(t.app, t.appOnly(['Contacts.Read']));
    assert.equal((await app.get('/v1.0/users/alice@contoso.test/contacts')).status, 200);
    assert.equal((await app.post('/v1.0/users/alice@contoso.test/contacts', { givenName: 'x' })).status, 403);
    const writer = graphClient(t.app, t.appOnly(['Contacts.ReadWrite']));
    assert.equal((await writer.post('/v1.0/users/alice@contoso.test/contacts', { givenName: 'x' })).status, 201);
    const meApp = await writer.get('/v1.0/me/contacts');
    assert.equal(meApp.status, 400);
    assert.match(meApp.json.error.message, /delegated authentication flow/);
    const otherTenant = graphClient(t.app, t.appOnly(['Contacts.ReadWrite'], 'another-tenant'));
    assert.equal((await otherTenant.get('/v1.0/users/alice@contoso.test/contacts')).status, 404);

    const basic = graphClient(t.app, t.delegated(alice, ['Mail.ReadBasic']));
    await me.post('/v1.0/me/messages', { subject: 'basic', body: { contentType: 'text', content: 'secret' } });
    const basicList = await basic.get('/v1.0/me/messages?$top=1');
    assert.equal(basicList.status, 200);
    assert.equal(basicList.json.value[0].body, undefined, 'Mail.ReadBasic omits the body');
    assert.equal(basicList.json.value[0].bodyPreview, undefined);

    const aliceOnBob = graphClient(t.app, t.delegated(alice, ['Mail.ReadWrite']));
    assert.equal((await aliceOnBob.get('/v1.0/users/bob@contoso.test/messages')).status, 403);
    const shared = graphClient(t.app, t.delegated(alice, ['Mail.Read.Shared']));
    assert.equal((await shared.get('/v1.0/users/bob@contoso.test/messages')).status, 200);
    void bob;
  });

  it('creates drafts, patches, moves with new default ids and deletes messages', async () => {
    const draft = await me.post('/v1.0/me/messages', {
      subject: 'Проект «Альфа»',
      body: { contentType: 'html', content: '<p>Привет, <b>мир</b></p>' },
      toRecipients: [{ emailAddress: { address: 'bob@contoso.test', name: 'Bob' } }],
      categories: ['Red category'],
    });
    assert.equal(draft.status, 201);
    const m = draft.json;
    assert.equal(m.isDraft, true);
    assert.equal(m.bodyPreview, 'Привет, мир');
    assert.equal(m.parentFolderId, (await me.get('/v1.0/me/mailFolders/drafts')).json.id);

    const read = await me.patch(`/v1.0/me/messages/${m.id}`, {
      isRead: false,
      categories: ['Blue category'],
      subject: 'Alpha',
    });
    assert.equal(read.json.isRead, false);
    assert.deepEqual(read.json.categories, ['Blue category']);
    assert.equal((await me.get('/v1.0/me/mailFolders/drafts')).json.unreadItemCount, 1);

    const immutable = { prefer: 'IdType="ImmutableId"' };
    const immId = (await me.get(`/v1.0/me/messages/${m.id}`, immutable)).json.id;
    assert.notEqual(immId, m.id);
    const moved = await me.post(`/v1.0/me/messages/${m.id}/move`, { destinationId: 'archive' });
    assert.equal(moved.status, 201);
    assert.notEqual(moved.json.id, m.id);
    assert.equal((await me.get(`/v1.0/me/messages/${m.id}`)).status, 404);
    const byImmutable = await me.get(`/v1.0/me/messages/${immId}`, immutable);
    assert.equal(byImmutable.status, 200);
    assert.equal(byImmutable.json.id, immId);
    assert.equal(byImmutable.json.parentFolderId, (await me.get('/v1.0/me/mailFolders/archive')).json.id);

    const selected = await me.get(`/v1.0/me/messages/${moved.json.id}?$select=subject,isRead`);
    assert.deepEqual(Object.keys(selected.json).sort(), ['@odata.context', '@odata.etag', 'id', 'isRead', 'subject']);
    assert.equal((await me.delete(`/v1.0/me/messages/${moved.json.id}`)).status, 204);
  });

  it('lists with $top, $skip, $filter, $orderby and nextLink paging', async () => {
    const folder = (await me.post('/v1.0/me/mailFolders', { displayName: 'Paging' })).json;
    for (let i = 0; i < 7; i++) {
      await me.post(`/v1.0/me/mailFolders/${folder.id}/messages`, {
        subject: `S${i}`,
        importance: i % 2 ? 'high' : 'low',
      });
    }
    const page1 = await me.get(`/v1.0/me/mailFolders/${folder.id}/messages?$top=3&$select=subject&$orderby=subject`);
    assert.deepEqual(
      page1.json.value.map((v: { subject: string }) => v.subject),
      ['S0', 'S1', 'S2'],
    );
    const page2 = await me.get(page1.json['@odata.nextLink']);
    assert.deepEqual(
      page2.json.value.map((v: { subject: string }) => v.subject),
      ['S3', 'S4', 'S5'],
    );
    const high = await me.get(`/v1.0/me/mailFolders/${folder.id}/messages?$filter=importance eq 'high'&$count=true`);
    assert.equal(high.json['@odata.count'], 3);
    const contains = await me.get(`/v1.0/me/mailFolders/${folder.id}/messages?$filter=startswith(subject,'s6')`);
    assert.equal(contains.json.value.length, 1);
  });

  it('manages nested mail and contact folders', async () => {
    const parent = await me.post('/v1.0/me/mailFolders', { displayName: 'Clients' });
    assert.equal(parent.status, 201);
    const child = await me.post(`/v1.0/me/mailFolders/${parent.json.id}/childFolders`, { displayName: 'Acme' });
    assert.equal(child.json.parentFolderId, parent.json.id);
    const dup = await me.post(`/v1.0/me/mailFolders/${parent.json.id}/childFolders`, { displayName: 'acme' });
    assert.equal(dup.status, 409);
    const children = await me.get(`/v1.0/me/mailfolders/${parent.json.id}/childfolders`);
    assert.equal(children.json.value.length, 1);
    assert.equal((await me.get(`/v1.0/me/mailFolders/${parent.json.id}`)).json.childFolderCount, 1);
    const renamed = await me.patch(`/v1.0/me/mailFolders/${child.json.id}`, { displayName: 'Acme Corp' });
    assert.equal(renamed.json.displayName, 'Acme Corp');
    assert.equal((await me.delete(`/v1.0/me/mailFolders/${parent.json.id}`)).status, 204);
    assert.equal((await me.get(`/v1.0/me/mailFolders/${child.json.id}`)).status, 404);
    assert.equal((await me.delete('/v1.0/me/mailFolders/inbox')).status, 403);

    const cf = await me.post('/v1.0/me/contactFolders', { displayName: 'Партнёры' });
    const nested = await me.post(`/v1.0/me/contactFolders/${cf.json.id}/childFolders`, { displayName: '北京' });
    const defaultFolder = (await me.get('/v1.0/me/contactFolders/contacts')).json.id;
    assert.equal(cf.json.parentFolderId, defaultFolder);
    const top = await me.get('/v1.0/me/contactFolders');
    assert.ok(top.json.value.every((f: { id: string }) => f.id !== defaultFolder));
    const inNested = await me.post(`/v1.0/me/contactFolders/${nested.json.id}/contacts`, {
      givenName: '李',
      surname: '伟',
    });
    assert.equal(inNested.json.parentFolderId, nested.json.id);
    const list = await me.get(`/v1.0/me/contactFolders/${nested.json.id}/contacts`);
    assert.equal(list.json.value[0].displayName, '李 伟');
  });

  it('stores open extensions on contacts and rotates the change key', async () => {
    const c = (await me.post('/v1.0/me/contacts', { givenName: 'Ext' })).json;
    const ext = await me.post(`/v1.0/me/contacts/${c.id}/extensions`, {
      '@odata.type': 'microsoft.graph.openTypeExtension',
      extensionName: 'com.tandem.sync',
      crmId: 'crm-42',
    });
    assert.equal(ext.status, 201);
    assert.equal(ext.json.id, 'Microsoft.OutlookServices.OpenTypeExtension.com.tandem.sync');
    const after = (await me.get(`/v1.0/me/contacts/${c.id}`)).json;
    assert.notEqual(after.changeKey, c.changeKey);
    const got = await me.get(`/v1.0/me/contacts/${c.id}/extensions/com.tandem.sync`);
    assert.equal(got.json.crmId, 'crm-42');
    const expanded = await me.get(`/v1.0/me/contacts/${c.id}?$expand=extensions($filter=id eq '${ext.json.id}')`);
    assert.equal(expanded.json.extensions[0].crmId, 'crm-42');
    await me.patch(`/v1.0/me/contacts/${c.id}/extensions/${ext.json.id}`, { crmId: 'crm-43' });
    assert.equal((await me.get(`/v1.0/me/contacts/${c.id}/extensions`)).json.value[0].crmId, 'crm-43');
    assert.equal((await me.delete(`/v1.0/me/contacts/${c.id}/extensions/com.tandem.sync`)).status, 204);
    assert.equal((await me.get(`/v1.0/me/contacts/${c.id}/extensions/com.tandem.sync`)).status, 404);
  });

  it('serves MIME built from the message fields', async () => {
    const m = (
      await me.post('/v1.0/me/messages', {
        subject: 'Отчёт за март',
        body: { contentType: 'text', content: 'См. вложение.' },
        toRecipients: [{ emailAddress: { address: 'bob@contoso.test', name: 'Боб' } }],
        attachments: [
          {
            '@odata.type': '#microsoft.graph.fileAttachment',
            name: 'отчёт.txt',
            contentType: 'text/plain',
            contentBytes: Buffer.from('42').toString('base64'),
          },
        ],
      })
    ).json;
    assert.equal(m.hasAttachments, true);
    const mime = await me.get(`/v1.0/me/messages/${m.id}/$value`);
    assert.equal(mime.status, 200);
    assert.match(mime.body, /^Subject: =\?utf-8\?B\?/m);
    assert.match(mime.body, /Content-Type: multipart\/mixed; boundary=/);
    assert.match(mime.body, /filename\*=utf-8''/);
    const atts = await me.get(`/v1.0/me/messages/${m.id}/attachments`);
    assert.equal(atts.json.value[0].name, 'отчёт.txt');
    assert.equal(Buffer.from(atts.json.value[0].contentBytes, 'base64').toString(), '42');
  });
});
