import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMailboxStore, type Mailbox, StoreError, type SyncChange } from '../src/store/index.ts';

function fresh(options: Parameters<typeof createMailboxStore>[0] = {}): { mb: Mailbox; clock: { now: number } } {
  const clock = { now: Date.parse('2026-03-01T10:00:00Z') };
  const store = createMailboxStore({ clock: () => clock.now, ...options });
  return { mb: store.mailbox('user-1'), clock };
}

/** Reads a whole round, page by page, as a sync client would. */
function round(
  mb: Mailbox,
  folderRef: string,
  fromSeq: number,
  limit = 1000,
): { changes: SyncChange[]; toSeq: number } {
  const folder = mb.folder(folderRef);
  const changes: SyncChange[] = [];
  let page = mb.readChanges({ folder }, { fromSeq, limit });
  changes.push(...page.changes);
  while (page.nextIndex !== undefined) {
    page = mb.readChanges({ folder }, { fromSeq, toSeq: page.toSeq, index: page.nextIndex, limit });
    changes.push(...page.changes);
  }
  return { changes, toSeq: page.toSeq };
}

describe('mailbox store', () => {
  it('creates the default folders with well-known names', () => {
    const { mb } = fresh();
    for (const name of ['inbox', 'Drafts', 'SENTITEMS', 'deleteditems', 'contacts', 'calendar', 'tasks']) {
      assert.ok(mb.folder(name).id.startsWith('AQMk'), name);
    }
    assert.equal(mb.folder('inbox').parentNum, mb.root.num);
  });

  it('rotates the change key on every write', () => {
    const { mb } = fresh();
    const item = mb.createItem(mb.folder('inbox'), 'message', { subject: 'a', isRead: false });
    const seen = new Set([item.changeKey]);
    mb.updateItem(item, { isRead: true });
    seen.add(item.changeKey);
    mb.updateItem(item, { isRead: true }); // same value: still a write, still a new key
    seen.add(item.changeKey);
    mb.updateItem(
      item,
      {},
      {
        extendedProperties: [
          { key: { type: 'String', propertySetGuid: 'c11ff724-aa03-4555-9952-8fa248a11c3e', name: 'X' }, value: '1' },
        ],
      },
    );
    seen.add(item.changeKey);
    mb.moveItem(item, mb.folder('archive'));
    seen.add(item.changeKey);
    assert.equal(seen.size, 5);
    assert.match(item.changeKey, /^CQAAABYAAA/);
  });

  it('rejects a write with a stale change key', () => {
    const { mb } = fresh();
    const item = mb.createItem(mb.folder('contacts'), 'contact', { givenName: 'Ann' });
    const stale = item.changeKey;
    mb.updateItem(item, { surname: 'Lee' }, { ifChangeKey: stale });
    assert.throws(
      () => mb.updateItem(item, { surname: 'Li' }, { ifChangeKey: stale }),
      (e: unknown) => {
        return e instanceof StoreError && e.code === 'conflict';
      },
    );
    assert.equal(item.data.surname, 'Lee');
  });

  it('keeps the immutable id across a move and changes the default id', () => {
    const { mb } = fresh();
    const item = mb.createItem(mb.folder('inbox'), 'message', { subject: 'move me' });
    const before = { def: mb.itemId(item, 'default'), imm: mb.itemId(item, 'immutable') };
    mb.moveItem(item, mb.folder('archive'));
    const after = { def: mb.itemId(item, 'default'), imm: mb.itemId(item, 'immutable') };
    assert.equal(after.imm, before.imm);
    assert.notEqual(after.def, before.def);
    assert.equal(mb.item(after.imm), item);
    assert.equal(mb.item(after.def), item);
    assert.throws(
      () => mb.item(before.def),
      (e: unknown) => e instanceof StoreError && e.code === 'notFound',
    );
    assert.throws(
      () => mb.item('not-an-id'),
      (e: unknown) => e instanceof StoreError && e.code === 'malformedId',
    );
    const garbled = `${after.imm.slice(0, 10)}${after.imm[10] === 'A' ? 'B' : 'A'}${after.imm.slice(11)}`;
    assert.throws(
      () => mb.item(garbled),
      (e: unknown) => e instanceof StoreError && e.code === 'malformedId',
    );
  });

  it('does not resolve ids of another mailbox', () => {
    const store = createMailboxStore();
    const a = store.mailbox('a');
    const b = store.mailbox('b');
    const item = a.createItem(a.folder('inbox'), 'message', {});
    assert.throws(
      () => b.item(a.itemId(item, 'immutable')),
      (e: unknown) => e instanceof StoreError && e.code === 'notFound',
    );
  });

  it('folds the change log: creates, updates, deletes and moves in order', () => {
    const { mb } = fresh();
    const inbox = mb.folder('inbox');
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((s) => mb.createItem(inbox, 'message', { subject: s }));
    const first = round(mb, 'inbox', 0);
    assert.deepEqual(
      first.changes.map((ch) => [ch.type, ch.type === 'created' ? ch.item.data.subject : undefined]),
      [
        ['created', 'a'],
        ['created', 'b'],
        ['created', 'c'],
        ['created', 'd'],
      ],
    );
    const bDefaultBefore = mb.itemId(b as never, 'default');
    mb.updateItem(a as never, { subject: 'a2' });
    mb.updateItem(a as never, { subject: 'a3' });
    mb.moveItem(b as never, mb.folder('archive'));
    mb.deleteItem(c as never);
    const e = mb.createItem(inbox, 'message', { subject: 'e' });
    mb.deleteItem(e); // created and deleted between rounds: never reported
    void d;
    const second = round(mb, 'inbox', first.toSeq);
    const summary = second.changes.map((ch) =>
      ch.type === 'removed'
        ? ['removed', ch.reason, mb.itemId(ch, 'default')]
        : [ch.type, ch.type === 'folderUpsert' ? '' : ch.item.data.subject],
    );
    assert.deepEqual(summary, [
      ['updated', 'a3'],
      ['removed', 'movedOut', bDefaultBefore],
      ['removed', 'deleted', mb.itemId({ num: (c as { num: number }).num, moveGen: 0 }, 'default')],
    ]);
    const archive = round(mb, 'archive', 0);
    assert.deepEqual(
      archive.changes.map((ch) => ch.type),
      ['created'],
    );
    const third = round(mb, 'inbox', second.toSeq);
    assert.equal(third.changes.length, 0);
  });

  it('pages a window without losing or repeating entries', () => {
    const { mb } = fresh();
    const inbox = mb.folder('inbox');
    for (let i = 0; i < 25; i++) mb.createItem(inbox, 'message', { subject: `m${i}` });
    const pages: number[] = [];
    let page = mb.readChanges({ folder: inbox }, { fromSeq: 0, limit: 10 });
    pages.push(page.changes.length);
    const toSeq = page.toSeq;
    mb.createItem(inbox, 'message', { subject: 'late' }); // after the round started: next round
    const seen = page.changes.map((c) => (c.type === 'created' ? c.item.data.subject : ''));
    while (page.nextIndex !== undefined) {
      page = mb.readChanges({ folder: inbox }, { fromSeq: 0, toSeq, index: page.nextIndex, limit: 10 });
      pages.push(page.changes.length);
      seen.push(...page.changes.map((c) => (c.type === 'created' ? c.item.data.subject : '')));
    }
    assert.deepEqual(pages, [10, 10, 5]);
    assert.equal(new Set(seen).size, 25);
    assert.ok(!seen.includes('late'));
    const next = round(mb, 'inbox', toSeq);
    assert.deepEqual(
      next.changes.map((c) => (c.type === 'created' ? c.item.data.subject : c.type)),
      ['late'],
    );
  });

  it('hides changes until the replication delay has passed', () => {
    const { mb, clock } = fresh({ replicationDelayMs: 5_000 });
    const inbox = mb.folder('inbox');
    mb.createItem(inbox, 'message', { subject: 'old' });
    clock.now += 10_000;
    const first = round(mb, 'inbox', 0);
    assert.equal(first.changes.length, 1);
    mb.createItem(inbox, 'message', { subject: 'new' });
    assert.equal(round(mb, 'inbox', first.toSeq).changes.length, 0);
    assert.equal(mb.listItems(inbox).length, 1);
    clock.now += 4_999;
    assert.equal(round(mb, 'inbox', first.toSeq).changes.length, 0);
    clock.now += 1;
    const later = round(mb, 'inbox', first.toSeq);
    assert.deepEqual(
      later.changes.map((c) => (c.type === 'created' ? c.item.data.subject : c.type)),
      ['new'],
    );
    assert.equal(mb.listItems(inbox).length, 2);
  });

  it('tracks the folder hierarchy and unread counts', () => {
    const { mb } = fresh();
    const inbox = mb.folder('inbox');
    const projects = mb.createFolder(inbox.num, 'Projects', 'mail');
    const first = mb.readChanges({ hierarchy: 'mail' }, { fromSeq: 0, limit: 100 });
    assert.ok(first.changes.some((c) => c.type === 'folderUpsert' && c.folder === projects && c.created));
    mb.updateFolder(projects, { displayName: 'Projects 2026' });
    const m = mb.createItem(projects, 'message', { isRead: false });
    assert.equal(projects.unreadCount, 1);
    mb.updateItem(m, { isRead: true });
    assert.equal(projects.unreadCount, 0);
    mb.deleteFolder(projects);
    const second = mb.readChanges({ hierarchy: 'mail' }, { fromSeq: first.toSeq, limit: 100 });
    assert.deepEqual(
      second.changes.map((c) => [c.type, c.type === 'removed' ? c.reason : '']),
      [['removed', 'deleted']],
    );
    assert.throws(() => mb.deleteFolder(inbox), StoreError);
  });

  it('keys extended properties the same way for Graph- and EWS-style names', () => {
    const { mb } = fresh();
    const item = mb.createItem(
      mb.folder('contacts'),
      'contact',
      {},
      {
        extendedProperties: [
          {
            key: { type: 'String', propertySetGuid: '{C11FF724-AA03-4555-9952-8FA248A11C3E}', name: 'TandemId' },
            value: 'crm-1',
          },
        ],
      },
    );
    mb.updateItem(
      item,
      {},
      {
        extendedProperties: [
          {
            key: { type: 'string', propertySetGuid: 'c11ff724-aa03-4555-9952-8fa248a11c3e', name: 'TandemId' },
            value: 'crm-2',
          },
        ],
      },
    );
    assert.equal(item.extendedProperties.size, 1);
    assert.equal([...item.extendedProperties.values()][0]?.value, 'crm-2');
  });

  it('notifies listeners after each write', () => {
    const store = createMailboxStore();
    const mb = store.mailbox('u');
    const seen: string[] = [];
    const off = store.onChange((n) => seen.push(`${n.kind}:${n.type}`));
    const item = mb.createItem(mb.folder('inbox'), 'message', {});
    mb.moveItem(item, mb.folder('archive'));
    off();
    mb.deleteItem(item);
    assert.deepEqual(seen, ['message:created', 'message:movedOut', 'message:movedIn']);
  });

  it('reads a 50,000-item folder in linear time', () => {
    const { mb } = fresh();
    const inbox = mb.folder('inbox');
    for (let i = 0; i < 50_000; i++) mb.createItem(inbox, 'message', { subject: `m${i}` });
    for (let i = 0; i < 50_000; i += 7)
      mb.updateItem(mb.items.get(i + 20) ?? mb.createItem(inbox, 'message', {}), { isRead: true });
    const started = performance.now();
    const all = round(mb, 'inbox', 0, 1000);
    const ms = performance.now() - started;
    assert.equal(all.changes.length, inbox.items.size);
    assert.ok(ms < 1000, `took ${ms} ms`);
  });
});
