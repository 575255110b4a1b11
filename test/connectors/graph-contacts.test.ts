import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ContactFields, emptyContactFields } from '../../src/server/connectors/contact-fields.ts';
import { CORRELATION_PROPERTY_ID } from '../../src/server/connectors/graph/correlation-property.ts';
import { createGraphMailbox } from '../../src/server/connectors/graph/graph-mailbox.ts';
import { createMailboxLimiter, GRAPH_LIMITS } from '../../src/server/connectors/mailbox-limiter.ts';
import type { ChangePage, RemoteChange, RemoteItem, RemoteMailbox } from '../../src/server/connectors/port.ts';
import { type EmulatorFixture, startEmulator } from './emulator-fixture.ts';

/**
 * Connector contract for Graph contacts (DESIGN §6 tier 3) against the Microsoft 365 emulator: delta listings page by
 * page, incremental rounds after changes made "in Outlook", writes stamped with the correlation property, and the
 * cursor resets Graph can answer with. Each test works in its own contact folder so delta rounds do not interfere.
 */
describe('Graph connector: contacts', () => {
  let fx: EmulatorFixture;
  let email: string;
  let token: string;
  const sent: { url: string; method: string; prefer: string }[] = [];

  before(async () => {
    fx = await startEmulator();
    const user = await fx.addUser('boris', 'Борис Иванов');
    email = user.email;
    token = (await fx.tokensFor(email)).access_token;
  });
  after(() => fx.close());

  const mailbox = (deltaPageSize?: number): RemoteMailbox =>
    createGraphMailbox({
      graphUrl: fx.url,
      getAccessToken: async () => token,
      limiter: createMailboxLimiter(GRAPH_LIMITS),
      allowInsecureLoopback: true,
      ...(deltaPageSize === undefined ? {} : { deltaPageSize }),
      fetch: async (input, init) => {
        const prefer = new Headers(init?.headers).get('prefer') ?? '';
        sent.push({ url: String(input), method: init?.method ?? 'GET', prefer });
        return fetch(input, init);
      },
    });

  /** "The user in Outlook" (emulator control API): changes made outside any API client. */
  const outlook = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${fx.url}/_emulator/users/${email}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const newFolder = (displayName: string, parent = 'contacts') =>
    outlook<{ id: string }>('POST', '/folders', { kind: 'contact', parent, displayName });
  const outlookContact = (folder: string, fields: Record<string, unknown>) =>
    outlook<{ id: string; changeKey: string }>('POST', '/items', { kind: 'contact', folder, fields });

  /** Every page of one round from `cursor`, and the cursor it ends with. */
  const round = async (mb: RemoteMailbox, folderId: string, cursor: string | null) => {
    const pages: ChangePage<ContactFields>[] = [];
    let next = cursor;
    for (let i = 0; i < 100; i++) {
      const page = await mb.contacts.changes(folderId, next);
      pages.push(page);
      next = page.cursor;
      if (page.complete) break;
    }
    const last = pages.at(-1);
    assert.ok(last?.complete, 'the round ends');
    return { pages, changes: pages.flatMap((p) => p.changes), deltaLink: last.cursor };
  };
  const upserts = (changes: RemoteChange<ContactFields>[]): RemoteItem<ContactFields>[] =>
    changes.flatMap((c) => (c.type === 'upsert' ? [c.item] : []));
  const contact = (patch: Partial<ContactFields>): ContactFields => ({ ...emptyContactFields(), ...patch });

  it('CT-6: a full listing runs over several pages and ends complete with a deltaLink', async () => {
    const folder = await newFolder('Paged');
    const made: { id: string; changeKey: string }[] = [];
    for (let i = 1; i <= 7; i++) {
      made.push(await outlookContact(folder.id, { givenName: `Person ${i}`, jobTitle: `Title ${i}` }));
    }
    sent.length = 0;
    const { pages, changes, deltaLink } = await round(mailbox(3), folder.id, null);
    assert.equal(pages.length, 3);
    assert.deepEqual(
      pages.map((p) => p.complete),
      [false, false, true],
    );
    assert.match(deltaLink, /\$deltatoken=/);
    const items = upserts(changes);
    assert.equal(items.length, changes.length, 'a first round holds no removals');
    assert.deepEqual(items.map((i) => i.id).sort(), made.map((m) => m.id).sort());
    const third = items.find((i) => i.id === made[2]?.id);
    assert.deepEqual(third?.fields, contact({ givenName: 'Person 3', displayName: 'Person 3', jobTitle: 'Title 3' }));
    assert.equal(third?.version, made[2]?.changeKey);
    assert.equal(third?.folderId, folder.id);
    assert.equal(third?.correlationId, null);

    // The first request names the query options; later ones are the stored links as-is, with the same Prefer.
    assert.equal(sent.length, 3);
    const first = new URL(sent[0]?.url ?? '');
    assert.equal(first.pathname, `/v1.0/me/contactFolders/${encodeURIComponent(folder.id)}/contacts/delta`);
    assert.match(
      first.searchParams.get('$select') ?? '',
      /^id,changeKey,parentFolderId,lastModifiedDateTime,givenName,/,
    );
    assert.equal(
      first.searchParams.get('$expand'),
      `singleValueExtendedProperties($filter=id eq '${CORRELATION_PROPERTY_ID}')`,
    );
    assert.deepEqual(
      sent.slice(1).map((r) => r.url),
      pages.slice(0, 2).map((p) => p.cursor),
    );
    for (const r of sent) assert.match(r.prefer, /odata\.maxpagesize=3/);
  });

  it('CT-6: an incremental round after Outlook-side create, update, move and delete returns exactly those', async () => {
    const folder = await newFolder('Incremental');
    const elsewhere = await newFolder('Elsewhere');
    const [keep, edit, gone, moved] = [
      await outlookContact(folder.id, { givenName: 'Keep' }),
      await outlookContact(folder.id, { givenName: 'Edit', jobTitle: 'Before' }),
      await outlookContact(folder.id, { givenName: 'Gone' }),
      await outlookContact(folder.id, { givenName: 'Moved' }),
    ];
    const mb = mailbox(2);
    const { deltaLink } = await round(mb, folder.id, null);

    const added = await outlookContact(folder.id, { givenName: 'Новый', surname: 'Контакт 🎉' });
    await outlook('PATCH', `/items/${edit.id}`, { kind: 'contact', fields: { jobTitle: 'After' } });
    await outlook('DELETE', `/items/${gone.id}?kind=contact`);
    await outlook('POST', `/items/${moved.id}/move`, { kind: 'contact', folder: elsewhere.id });

    const next = await round(mb, folder.id, deltaLink);
    const byId = new Map(next.changes.map((c) => [c.type === 'upsert' ? c.item.id : c.id, c]));
    assert.equal(byId.size, 4, JSON.stringify(next.changes));
    assert.ok(!byId.has(keep.id));
    const addedChange = byId.get(added.id);
    assert.equal(addedChange?.type, 'upsert');
    if (addedChange?.type === 'upsert') {
      assert.equal(addedChange.item.fields.givenName, 'Новый');
      assert.equal(addedChange.item.fields.surname, 'Контакт 🎉');
    }
    const edited = byId.get(edit.id);
    assert.equal(edited?.type === 'upsert' && edited.item.fields.jobTitle, 'After');
    assert.deepEqual(byId.get(gone.id), { type: 'removed', id: gone.id, reason: 'deleted' });
    assert.deepEqual(byId.get(moved.id), { type: 'removed', id: moved.id, reason: 'movedOut' });

    const quiet = await round(mb, folder.id, next.deltaLink);
    assert.deepEqual(quiet.changes, []);
  });

  it('CT-6: pages that replay items already sent are read without error', async () => {
    const folder = await newFolder('Replays');
    const made: { id: string; changeKey: string }[] = [];
    for (let i = 1; i <= 6; i++) made.push(await outlookContact(folder.id, { givenName: `Replay ${i}` }));
    await fx.control.setConfig({ deltaReplayProbability: 1 });
    try {
      const { changes } = await round(mailbox(2), folder.id, null);
      const items = upserts(changes);
      assert.ok(items.length > made.length, 'the emulator replayed some items');
      const latest = new Map(items.map((i) => [i.id, i.fields.givenName]));
      assert.deepEqual([...latest.keys()].sort(), made.map((m) => m.id).sort());
      for (const [i, m] of made.entries()) assert.equal(latest.get(m.id), `Replay ${i + 1}`);
    } finally {
      await fx.control.setConfig({ deltaReplayProbability: 0 });
    }
  });

  it('CT-1: a contact created in a nested folder is found by its correlation id and listed with it', async () => {
    const clients = await newFolder('Clients');
    const vip = await newFolder('VIP', clients.id);
    const mb = mailbox();
    const nested = (await mb.listFolders('contacts')).find((f) => f.id === vip.id);
    assert.equal(nested?.parentId, clients.id, 'the folder listing holds the nested folder');
    const fields = contact({
      givenName: 'Ольга',
      surname: "O'Neil",
      displayName: "Ольга O'Neil",
      companyName: 'Contoso',
      emails: ['olga@contoso.test'],
    });
    const correlationId = "crm-42-o'neil";
    const written = await mb.contacts.create(vip.id, fields, correlationId);

    const found = await mb.contacts.findByCorrelation(correlationId);
    assert.ok(found?.modifiedAt && Date.parse(found.modifiedAt) > 0, 'the server’s modification time comes along');
    assert.deepEqual(
      { ...found, modifiedAt: undefined },
      { id: written.id, version: written.version, folderId: vip.id, correlationId, fields, modifiedAt: undefined },
    );
    assert.equal(await mb.contacts.findByCorrelation('crm-nobody'), undefined);
    assert.equal(await mb.contacts.findByCorrelation('crm-42-o'), undefined, 'an exact match, not a prefix');

    const { changes } = await round(mb, vip.id, null);
    assert.deepEqual(upserts(changes), [found]);
  });

  it('the default folder is the well-known Contacts folder, looked up once per collection', async () => {
    const mb = mailbox();
    const root = (await mb.listFolders('contacts')).find((f) => f.wellKnown === 'contacts');
    assert.ok(root);
    sent.length = 0;
    assert.equal(await mb.contacts.defaultFolderId(), root.id);
    const lookups = sent.length;
    assert.ok(lookups > 0);
    assert.equal(await mb.contacts.defaultFolderId(), root.id);
    assert.equal(sent.length, lookups, 'the second call is answered from the cache');

    const written = await mb.contacts.create(root.id, contact({ givenName: 'Root' }), 'crm-root');
    const found = await mb.contacts.findByCorrelation('crm-root');
    assert.equal(found?.id, written.id);
    assert.equal(found?.folderId, root.id);
  });

  it('CT-6: an update sends every mapped field, so fields cleared in the CRM are cleared in Outlook', async () => {
    const mb = mailbox();
    const folder = await newFolder('Updates');
    const original = contact({
      givenName: 'Clara',
      surname: 'Schmidt',
      displayName: 'Clara Schmidt',
      jobTitle: 'Einkauf',
      birthday: '1979-12-31',
      emails: ['clara@example.de', 'c.schmidt@example.de'],
      businessPhones: ['+49 30 1234'],
      businessAddress: { street: 'Hauptstraße 1', city: 'Berlin', region: null, country: 'Deutschland', zip: '10115' },
      notes: 'Erst anrufen',
    });
    const created = await mb.contacts.create(folder.id, original, 'crm-clara');
    const cleared = contact({
      ...original,
      jobTitle: null,
      emails: [],
      businessPhones: [],
      businessAddress: { street: null, city: 'Potsdam', region: null, country: null, zip: null },
      notes: null,
    });
    const updated = await mb.contacts.update(created.id, cleared);
    assert.equal(updated.id, created.id);
    assert.notEqual(updated.version, created.version, 'the changeKey moves on a write');
    const found = await mb.contacts.findByCorrelation('crm-clara');
    assert.deepEqual(found?.fields, cleared);
    assert.equal(found?.version, updated.version);

    const emptied = await mb.contacts.update(created.id, contact({ givenName: 'Clara' }));
    const reread = await mb.contacts.findByCorrelation('crm-clara');
    assert.deepEqual(reread?.fields, contact({ givenName: 'Clara' }));
    assert.equal(reread?.version, emptied.version);
  });

  it('update of a contact that is gone is NOT_FOUND; delete twice does not throw', async () => {
    const mb = mailbox();
    const folder = await newFolder('Deletes');
    const written = await mb.contacts.create(folder.id, contact({ givenName: 'Temp' }), 'crm-temp');
    const { deltaLink } = await round(mb, folder.id, null);
    await mb.contacts.delete(written.id);
    await mb.contacts.delete(written.id);
    await assert.rejects(mb.contacts.update(written.id, contact({ givenName: 'Again' })), { kind: 'NOT_FOUND' });
    assert.equal(await mb.contacts.findByCorrelation('crm-temp'), undefined);
    const { changes } = await round(mb, folder.id, deltaLink);
    assert.deepEqual(changes, [{ type: 'removed', id: written.id, reason: 'deleted' }]);
  });

  for (const form of ['410', 'syncStateNotFound'] as const) {
    it(`an invalidated delta (${form}) is CURSOR_EXPIRED, and a fresh listing works again`, async () => {
      const mb = mailbox(1);
      const folder = await newFolder(`Expired ${form}`);
      await outlookContact(folder.id, { givenName: 'One' });
      await outlookContact(folder.id, { givenName: 'Two' });
      const first = await mb.contacts.changes(folder.id, null);
      assert.equal(first.complete, false);
      const { deltaLink } = await round(mb, folder.id, first.cursor);
      await fx.control.addFault({ match: { path: '/v1.0/me/contactFolders/' }, invalidateDelta: form });
      try {
        await assert.rejects(mb.contacts.changes(folder.id, deltaLink), { kind: 'CURSOR_EXPIRED' });
        await assert.rejects(mb.contacts.changes(folder.id, first.cursor), { kind: 'CURSOR_EXPIRED' });
      } finally {
        await fx.control.clearFaults();
      }
      const again = await round(mb, folder.id, null);
      assert.equal(upserts(again.changes).length, 2);
    });
  }

  it('a delta link the server does not know (foreign token) is CURSOR_EXPIRED', async () => {
    const mb = mailbox();
    const a = await newFolder('Token A');
    const b = await newFolder('Token B');
    const { deltaLink } = await round(mb, a.id, null);
    // Folder B's delta path with folder A's token: Graph answers syncStateNotFound for a token it cannot use.
    const foreign = deltaLink.replace(`/contactFolders/${a.id}/`, `/contactFolders/${b.id}/`);
    assert.notEqual(foreign, deltaLink);
    await assert.rejects(mb.contacts.changes(b.id, foreign), { kind: 'CURSOR_EXPIRED' });
  });

  it('Cyrillic, CJK and emoji in every text field round-trip through create and listing', async () => {
    const mb = mailbox();
    const folder = await newFolder('Юникод');
    const fields = contact({
      givenName: 'Фёдор',
      middleName: 'Михайлович',
      surname: 'Достоевский 📚',
      displayName: 'Фёдор Достоевский 📚',
      jobTitle: '作家',
      department: 'Литература 🖋️',
      companyName: 'Издательство «Азбука»',
      birthday: '1821-11-11',
      emails: ['fyodor@пример.рф'],
      homePhones: ['+7 (812) 000-00-00'],
      mobilePhone: '+7 999 111-22-33',
      homeAddress: {
        street: 'Кузнечный пер., 5/2',
        city: 'Санкт-Петербург',
        region: null,
        country: 'Россия',
        zip: null,
      },
      webPage: 'https://пример.рф/🦊',
      notes: 'Заметка 👍\nвторая строка',
    });
    const written = await mb.contacts.create(folder.id, fields, 'crm-фёдор-🎭');
    const { changes } = await round(mb, folder.id, null);
    assert.deepEqual(
      upserts(changes).map((u) => ({ ...u, modifiedAt: undefined })),
      [
        {
          id: written.id,
          version: written.version,
          folderId: folder.id,
          correlationId: 'crm-фёдор-🎭',
          fields,
          modifiedAt: undefined,
        },
      ],
    );
    assert.equal((await mb.contacts.findByCorrelation('crm-фёдор-🎭'))?.id, written.id);
  });

  it('a contact with four email addresses reads as its first three; a write of four sends three', async () => {
    const mb = mailbox();
    const folder = await newFolder('Many emails');
    const emails = ['one@x.test', 'two@x.test', 'three@x.test', 'four@x.test'];
    const madeInOutlook = await outlookContact(folder.id, {
      givenName: 'Four',
      emailAddresses: emails.map((address) => ({ address })),
    });
    const written = await mb.contacts.create(folder.id, contact({ givenName: 'Written', emails }), 'crm-four');
    const items = upserts((await round(mb, folder.id, null)).changes);
    const read = new Map(items.map((i) => [i.id, i.fields.emails]));
    assert.deepEqual(read.get(madeInOutlook.id), emails.slice(0, 3));
    assert.deepEqual(read.get(written.id), emails.slice(0, 3));
  });
});
