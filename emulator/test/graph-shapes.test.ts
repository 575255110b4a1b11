import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Contact, MailFolder, Message } from '@microsoft/microsoft-graph-types';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildGraphTestApp } from '../src/graph/testing/graph-test-app.ts';

/** A delta page as Microsoft's typings describe its entities. */
type Annotated<T> = T & {
  '@odata.type'?: string;
  '@odata.etag'?: string;
  '@removed'?: { reason: 'deleted' | 'changed' };
};
interface DeltaPage<T> {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  value: Annotated<T>[];
}

/**
 * The second-round response of `concepts/delta-query-messages.md` (quoted in protocols.md §3.1). The docs
 * print `"isRead": "true"` as a string; real responses (and the typings) use a boolean, so it is one here.
 * Compile-time check: the documented shape fits `@microsoft/microsoft-graph-types`.
 */
const DOCS_REMOVED = {
  '@odata.type': '#microsoft.graph.message',
  id: 'AAMkADk0MGFkODE3LWE4MmYtNDRhOS0Dh_6qB-pB2Sa2pUum19a6YAAKnLuxoAAA=',
  '@removed': { reason: 'deleted' },
} satisfies Annotated<Message>;

const DOCS_UPDATED = {
  '@odata.type': '#microsoft.graph.message',
  '@odata.etag': 'W/"CQAAABYAAAARn2vdzPFjSbaPPxzjlzOTAAASsKZz"',
  subject: 'Holiday hours update',
  isRead: true,
  sender: { emailAddress: { name: 'Dana Swope', address: 'danas@contoso.com' } },
  id: 'AAMkADNkNAAASq35xAAA=',
} satisfies Annotated<Message>;

const DOCS_SAMPLE = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(message)',
  '@odata.deltaLink':
    "https://graph.microsoft.com/v1.0/me/mailfolders('AQMkADNkNAAAgEMAAAA')/messages/delta?$deltatoken=GwcBoTmPuoGNlgXgF1nyUNMXY",
  value: [DOCS_REMOVED, DOCS_UPDATED],
} satisfies DeltaPage<Message>;

// Compile-time: the typings accept what the emulator's mappers build (they type their literals with them).
const contactShape: Contact = { displayName: 'x', emailAddresses: [{ name: 'x', address: 'x@y.z' }], homeAddress: {} };
const folderShape: MailFolder = { displayName: 'Inbox', childFolderCount: 0, isHidden: false };
void contactShape;
void folderShape;

/** The five messages of the documented example, as the sample's initial round shows them. */
const DOCS_MESSAGES = [
  { subject: 'Holiday hours update', isRead: false, sender: { name: 'Dana Swope', address: 'danas@contoso.com' } },
  {
    subject: 'Holiday promotion sale',
    isRead: true,
    sender: { name: 'Samantha Booth', address: 'samanthab@contoso.com' },
  },
  {
    subject: 'Microsoft Virtual Academy at Contoso',
    isRead: true,
    sender: { name: 'Elliot Hyde', address: 'elliot-hyde@tailspintoys.com' },
  },
  {
    subject: 'New or modified user account information',
    isRead: true,
    sender: { name: 'Randi Welch', address: 'randiw@contoso.com' },
  },
  {
    subject: 'Fabric CDN now available',
    isRead: true,
    sender: { name: 'Jodie Sharp', address: 'Jodie.Sharp@contoso.com' },
  },
];

describe('Graph payload shapes', () => {
  it('replays the documented two-round message delta and matches the sample field by field', async () => {
    const t = await buildGraphTestApp();
    const user = t.directory.users[0] as never as { id: string };
    const me = graphClient(t.app, t.delegated(t.directory.users[0] as never, ['Mail.Read']));
    const mailbox = t.store.mailbox(user.id);
    const folder = mailbox.wellKnownFolder('inbox');
    const items = DOCS_MESSAGES.map((m) =>
      mailbox.createItem(folder, 'message', { subject: m.subject, isRead: m.isRead, sender: m.sender, from: m.sender }),
    );

    const prefer = { prefer: 'odata.maxpagesize=2' };
    const first = await me.deltaRound(
      `/v1.0/me/mailfolders/${folder.id}/messages/delta?$select=subject,sender,isRead`,
      prefer,
    );
    assert.deepEqual(
      first.pages.map((p) => p.length),
      [2, 2, 1],
      'the sample takes 3 requests for 5 messages',
    );
    for (const entity of first.items) {
      assert.deepEqual(Object.keys(entity).sort(), Object.keys(DOCS_UPDATED).sort());
    }

    mailbox.deleteItem(items[4] as never);
    mailbox.updateItem(items[0] as never, { isRead: true });
    const res = await me.get(first.deltaLink, prefer);
    const page = res.json as DeltaPage<Message>;

    assert.deepEqual(Object.keys(page), Object.keys(DOCS_SAMPLE));
    assert.ok(page['@odata.context'].endsWith('/v1.0/$metadata#Collection(message)'));
    assert.ok(DOCS_SAMPLE['@odata.context'].endsWith('/v1.0/$metadata#Collection(message)'));
    const tokenLink = /\/messages\/delta\?\$deltatoken=[^&]+$/;
    assert.match(page['@odata.deltaLink'] as string, tokenLink);
    assert.match(DOCS_SAMPLE['@odata.deltaLink'], tokenLink);

    assert.equal(page.value.length, DOCS_SAMPLE.value.length);
    const removed = page.value.find((v) => v['@removed']) as Record<string, unknown> | undefined;
    const updated = page.value.find((v) => !v['@removed']) as Record<string, unknown> | undefined;
    const docRemoved = DOCS_REMOVED;
    const docUpdated = DOCS_UPDATED;
    assert.deepEqual(Object.keys(removed ?? {}).sort(), Object.keys(docRemoved).sort());
    assert.deepEqual(removed?.['@removed'], docRemoved['@removed']);
    assert.equal(removed?.['@odata.type'], docRemoved['@odata.type']);

    assert.deepEqual(Object.keys(updated ?? {}).sort(), Object.keys(docUpdated).sort());
    for (const key of Object.keys(docUpdated) as (keyof typeof docUpdated)[]) {
      assert.equal(typeof updated?.[key], typeof docUpdated[key], `type of ${key}`);
    }
    assert.equal(updated?.['@odata.type'], docUpdated['@odata.type']);
    assert.equal(updated?.subject, docUpdated.subject);
    assert.equal(updated?.isRead, docUpdated.isRead);
    assert.deepEqual(updated?.sender, docUpdated.sender);
    // ETags: weak, quoted change keys with Exchange's 40-character layout (`CQAAABYAAA…` for messages).
    const etag = /^W\/"(CQAAABYAAA[A-Za-z0-9+/]{29}[A-Za-z0-9+/=])"$/;
    assert.match(updated?.['@odata.etag'] as string, etag);
    assert.match(docUpdated['@odata.etag'], etag);
    assert.match(updated?.id as string, /^[A-Za-z0-9_=-]+$/);
  });

  it('renders a full message with every v1.0 default property', async () => {
    const t = await buildGraphTestApp();
    const me = graphClient(t.app, t.delegated(t.directory.users[0] as never, ['Mail.ReadWrite']));
    const m = (await me.post('/v1.0/me/messages', { subject: 's' })).json as Annotated<Message> & {
      '@odata.context': string;
    };
    const expected: (keyof Message)[] = [
      'id',
      'createdDateTime',
      'lastModifiedDateTime',
      'changeKey',
      'categories',
      'receivedDateTime',
      'sentDateTime',
      'hasAttachments',
      'internetMessageId',
      'subject',
      'bodyPreview',
      'importance',
      'parentFolderId',
      'conversationId',
      'conversationIndex',
      'isDeliveryReceiptRequested',
      'isReadReceiptRequested',
      'isRead',
      'isDraft',
      'webLink',
      'inferenceClassification',
      'body',
      'sender',
      'from',
      'toRecipients',
      'ccRecipients',
      'bccRecipients',
      'replyTo',
      'flag',
    ];
    assert.deepEqual(
      Object.keys(m).filter((k) => !k.startsWith('@')),
      expected,
    );
    assert.match(m.receivedDateTime as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});
