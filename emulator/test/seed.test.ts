import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DirectoryUser } from '../src/contracts.ts';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildGraphTestApp } from '../src/graph/testing/graph-test-app.ts';
import { createOutlook, seedMailbox } from '../src/seed/index.ts';
import {
  type ContactData,
  createMailboxStore,
  type EventData,
  loadStore,
  type MessageData,
  saveStore,
  type TaskData,
} from '../src/store/index.ts';

const USER: DirectoryUser = {
  id: 'u-1',
  tenantId: 't',
  email: 'anna@contoso.test',
  displayName: 'Анна Кузнецова',
  timeZone: 'Russian Standard Time',
};

function seeded(seed: number, counts = { contacts: 150, messages: 300, events: 60, tasks: 40 }) {
  const store = createMailboxStore();
  const summary = seedMailbox(store, USER, { seed, ...counts });
  const mb = store.mailbox(USER.id);
  const of = <T>(kind: string) => [...mb.items.values()].filter((i) => i.kind === kind).map((i) => i.data as T);
  return {
    store,
    mb,
    summary,
    contacts: of<ContactData>('contact'),
    messages: of<MessageData>('message'),
    events: of<EventData>('event'),
    tasks: of<TaskData>('task'),
  };
}

describe('seedMailbox', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = seeded(7);
    const b = seeded(7);
    const c = seeded(8);
    assert.deepEqual(a.contacts, b.contacts);
    assert.deepEqual(a.messages, b.messages);
    assert.deepEqual(a.events, b.events);
    assert.deepEqual(a.tasks, b.tasks);
    assert.notDeepEqual(a.contacts, c.contacts);
    assert.deepEqual(
      { contacts: a.summary.contacts, messages: a.summary.messages, events: a.summary.events, tasks: a.summary.tasks },
      { contacts: 150, messages: 300, events: 60, tasks: 40 },
    );
  });

  it('produces realistic variety', () => {
    const { contacts, messages, events, tasks, mb } = seeded(3);
    const names = contacts.map((c) => c.displayName ?? '').join(' ');
    assert.match(names, /[А-Яа-яЁё]/, 'Cyrillic');
    assert.match(names, /[\u4e00-\u9fff]/, 'Chinese');
    assert.match(names, /[\u0600-\u06ff]/, 'Arabic');
    assert.match(names, /[À-ž]/, 'accented Latin');
    assert.ok(
      contacts.some((c) => (c.emailAddresses?.length ?? 0) > 1),
      'several emails',
    );
    assert.ok(
      contacts.some((c) => (c.businessPhones?.length ?? 0) > 1 || c.mobilePhone),
      'several phones',
    );
    assert.ok(contacts.every((c) => c.companyName && c.jobTitle));
    assert.ok(
      contacts.every((c) => (c.emailAddresses?.length ?? 0) <= 3),
      'Exchange keeps three email slots',
    );

    const nested = [...mb.folders.values()].filter(
      (f) => f.parentNum !== null && mb.folders.get(f.parentNum)?.wellKnownName === undefined,
    );
    assert.ok(nested.some((f) => f.kind === 'contacts') && nested.some((f) => f.kind === 'mail'), 'nested folders');
    const contactFolders = new Set([...mb.items.values()].filter((i) => i.kind === 'contact').map((i) => i.folderNum));
    assert.ok(contactFolders.size > 2, 'contacts spread over folders');

    assert.ok(messages.every((m) => m.from?.address && m.toRecipients?.length));
    assert.ok(
      messages.some((m) => m.body?.contentType === 'html') && messages.some((m) => m.body?.contentType === 'text'),
    );
    assert.ok(messages.some((m) => (m.attachments?.length ?? 0) > 0));
    assert.ok(messages.filter((m) => !m.isDraft).every((m) => /^<[^@]+@[^>]+>$/.test(m.internetMessageId ?? '')));
    assert.ok(messages.some((m) => m.isRead === false));

    assert.ok(events.some((e) => e.isAllDay));
    assert.ok(
      events.some((e) => e.recurrence && (e.exceptions?.length ?? 0) > 0 && (e.cancelledOccurrences?.length ?? 0) > 0),
    );
    assert.ok(events.some((e) => (e.attendees?.length ?? 0) > 0));
    assert.ok(new Set(events.map((e) => e.start.timeZone)).size > 1, 'several time zones');
    assert.ok(events.every((e) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.0000000$/.test(e.start.dateTime)));
    assert.ok(new Set(tasks.map((t) => t.status)).size >= 4);
    assert.ok(tasks.some((t) => t.dueDateTime) && tasks.some((t) => t.completedDateTime));
  });

  it('reuses its folders when seeding again and validates counts', () => {
    const { store, mb } = seeded(1, { contacts: 5, messages: 5, events: 0, tasks: 0 });
    const before = mb.folders.size;
    seedMailbox(store, USER, { seed: 2, contacts: 5 });
    assert.equal(mb.folders.size, before);
    assert.throws(() => seedMailbox(store, USER, { contacts: -1 }), RangeError);
  });

  it('seeds 50,000 messages in a few seconds', () => {
    const store = createMailboxStore();
    const started = performance.now();
    seedMailbox(store, USER, { seed: 1, messages: 50_000 });
    const ms = performance.now() - started;
    assert.equal(store.mailbox(USER.id).items.size, 50_000);
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });
});

describe('outlook (the user in Outlook)', () => {
  it('creates, updates, moves and deletes items that Graph delta then reports', async () => {
    const t = await buildGraphTestApp();
    const alice = t.directory.users[0] as DirectoryUser;
    const me = graphClient(t.app, t.delegated(alice, ['Contacts.ReadWrite', 'Mail.ReadWrite']));
    const outlook = createOutlook(t.store);
    const round = await me.deltaRound('/v1.0/me/contactFolders/contacts/contacts/delta');

    const c = outlook.create(alice, 'contact', undefined, {
      givenName: 'Léa',
      surname: 'Côté',
      emailAddresses: [{ emailAddress: { address: 'lea@cote.fr' } }],
      extendedProperties: [
        { type: 'String', propertySetGuid: '66f5a359-4659-4830-9070-00047ec6ac6e', name: 'TandemId', value: 'x-1' },
      ],
    });
    const next = await me.deltaRound(round.deltaLink, { prefer: 'IdType="ImmutableId"' });
    assert.deepEqual(
      next.items.map((i) => [i.id, i.displayName, i.emailAddresses[0].address]),
      [[c.id, 'Léa Côté', 'lea@cote.fr']],
    );

    const updated = outlook.update(alice.id, 'contact', c.id, { jobTitle: 'Gérante' });
    assert.notEqual(updated.changeKey, c.changeKey);
    const after = await me.deltaRound(next.deltaLink);
    assert.equal(after.items[0]?.jobTitle, 'Gérante');

    const folder = outlook.createFolder(alice, 'message', 'Inbox', 'Проекты');
    const m = outlook.create(alice, 'message', 'Inbox/Проекты', {
      subject: 'Из Outlook',
      from: { name: 'X', address: 'x@y.z' },
    });
    assert.equal(m.folderId, folder.id);
    const moved = outlook.move(alice, 'message', m.id, 'archive');
    assert.equal(moved.id, m.id);
    assert.notEqual(moved.defaultId, m.defaultId);
    outlook.delete(alice, 'contact', c.id);
    const gone = await me.deltaRound(after.deltaLink);
    assert.deepEqual(gone.items[0]?.['@removed'], { reason: 'deleted' });
  });
});

describe('store snapshot', () => {
  it('round-trips mailboxes with ids, change keys and delta cursors intact', async () => {
    const t = await buildGraphTestApp();
    const alice = t.directory.users[0] as DirectoryUser;
    seedMailbox(t.store, alice, { seed: 5, contacts: 20, messages: 20, events: 3, tasks: 3 });
    const me = graphClient(t.app, t.delegated(alice, ['Contacts.ReadWrite']));
    const round = await me.deltaRound('/v1.0/me/contactFolders/contacts/contacts/delta?$select=displayName');
    const saved = JSON.parse(JSON.stringify(saveStore(t.store)));
    const itemsBefore = t.store.mailbox(alice.id).items.size;

    loadStore(t.store, saved);
    const mb = t.store.mailbox(alice.id);
    assert.equal(mb.items.size, itemsBefore);
    const first = round.items[0];
    const reread = await me.get(`/v1.0/me/contacts/${first.id}?$select=displayName`);
    assert.equal(reread.status, 200);
    assert.equal(reread.json['@odata.etag'], first['@odata.etag']);
    const next = await me.deltaRound(round.deltaLink);
    assert.equal(next.items.length, 0, 'an old deltaLink resumes without re-sending unchanged items');
    await me.patch(`/v1.0/me/contacts/${first.id}`, { jobTitle: 'after restore' });
    const later = await me.deltaRound(next.deltaLink);
    assert.deepEqual(
      later.items.map((i) => i.id),
      [first.id],
      'the round keeps the $select of the token: ids only compared',
    );
    assert.notEqual(later.items[0]?.['@odata.etag'], first['@odata.etag']);
  });
});
