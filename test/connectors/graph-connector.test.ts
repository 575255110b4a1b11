import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGraphClient } from '../../src/server/connectors/graph/graph-client.ts';
import { createGraphMailbox } from '../../src/server/connectors/graph/graph-mailbox.ts';
import { createMailboxLimiter, GRAPH_LIMITS, LimiterRegistry } from '../../src/server/connectors/mailbox-limiter.ts';
import type { RemoteFolder } from '../../src/server/connectors/port.ts';
import { type EmulatorFixture, startEmulator } from './emulator-fixture.ts';

/**
 * Connector contract for the Graph adapter (DESIGN §6 tier 3): who-am-I and folder listings of every kind,
 * nested folders included, against the Microsoft 365 emulator.
 */
describe('Graph connector: who-am-I and folders', () => {
  let fx: EmulatorFixture;
  let user: { id: string; email: string };
  let token: string;
  const seen: Headers[] = [];

  before(async () => {
    fx = await startEmulator();
    user = await fx.addUser('anna', 'Anna Petrova');
    token = (await fx.tokensFor(user.email)).access_token;
    const outlook = async (kind: string, displayName: string, parent?: string) => {
      const res = await fetch(`${fx.url}/_emulator/users/${user.email}/folders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind, displayName, ...(parent && { parent }) }),
      });
      assert.equal(res.status, 201, await res.text());
    };
    await outlook('message', 'Projects', 'inbox');
    await outlook('message', 'Alpha', 'Inbox/Projects');
    await outlook('contact', 'Clients', 'contacts');
    await outlook('contact', 'VIP', 'Contacts/Clients');
    await outlook('event', 'Team');
    await outlook('task', 'Errands');
  });
  after(() => fx.close());

  const mailbox = () =>
    createGraphMailbox({
      graphUrl: fx.url,
      getAccessToken: async () => token,
      limiter: createMailboxLimiter(GRAPH_LIMITS),
      allowInsecureLoopback: true,
      fetch: async (input, init) => {
        seen.push(new Headers(init?.headers));
        return fetch(input, init);
      },
    });

  it('who-am-I names the signed-in user', async () => {
    const me = await mailbox().whoAmI();
    assert.equal(me.id, user.id);
    assert.equal(me.email, 'anna@contoso.test');
    assert.equal(me.displayName, 'Anna Petrova');
  });

  it('every request carries the bearer token and Prefer: IdType="ImmutableId"', async () => {
    seen.length = 0;
    await mailbox().listFolders('mail');
    assert.ok(seen.length > 1);
    for (const h of seen) {
      assert.equal(h.get('authorization'), `Bearer ${token}`);
      assert.match(h.get('prefer') ?? '', /IdType="ImmutableId"/);
    }
  });

  const byPath = (folders: RemoteFolder[]) => new Map(folders.map((f) => [f.path, f]));

  it('mail folders include nested child folders with parent links and well-known markers', async () => {
    const folders = await mailbox().listFolders('mail');
    const paths = byPath(folders);
    const inbox = paths.get('Inbox');
    const projects = paths.get('Inbox/Projects');
    const alpha = paths.get('Inbox/Projects/Alpha');
    assert.ok(inbox && projects && alpha, [...paths.keys()].join(', '));
    assert.equal(inbox.wellKnown, 'inbox');
    assert.equal(inbox.parentId, null);
    assert.equal(projects.parentId, inbox.id);
    assert.equal(alpha.parentId, projects.id);
    assert.equal(paths.get('Sent Items')?.wellKnown, 'sentitems');
    assert.equal(paths.get('Drafts')?.wellKnown, 'drafts');
    assert.ok(folders.every((f) => f.kind === 'mail'));
    // Parents come before their children.
    assert.ok(folders.indexOf(inbox) < folders.indexOf(projects) && folders.indexOf(projects) < folders.indexOf(alpha));
  });

  it('contact folders include the default Contacts folder and nested folders', async () => {
    const folders = await mailbox().listFolders('contacts');
    const paths = byPath(folders);
    const root = paths.get('Contacts');
    const clients = paths.get('Contacts/Clients');
    const vip = paths.get('Contacts/Clients/VIP');
    assert.ok(root && clients && vip, [...paths.keys()].join(', '));
    assert.equal(root.wellKnown, 'contacts');
    assert.equal(root.parentId, null);
    assert.equal(clients.parentId, root.id);
    assert.equal(vip.parentId, clients.id);
  });

  it('calendars and task lists, with the defaults marked', async () => {
    const calendars = await mailbox().listFolders('calendar');
    assert.ok(calendars.some((c) => c.wellKnown === 'calendar'));
    assert.ok(calendars.some((c) => c.name === 'Team' && !c.wellKnown && c.kind === 'calendar'));
    const lists = await mailbox().listFolders('tasks');
    assert.ok(lists.some((l) => l.wellKnown === 'tasks'));
    assert.ok(lists.some((l) => l.name === 'Errands' && l.kind === 'tasks'));
  });

  it('follows @odata.nextLink to the end of a collection', async () => {
    const client = createGraphClient({
      graphUrl: fx.url,
      getAccessToken: async () => token,
      limiter: createMailboxLimiter(GRAPH_LIMITS),
      allowInsecureLoopback: true,
    });
    const all = await client.getAll<{ id: string }>('me/mailFolders', { query: { $top: '2' } });
    const unpaged = await client.getAll<{ id: string }>('me/mailFolders', { query: { $top: '100' } });
    assert.ok(unpaged.length > 2);
    assert.deepEqual(
      all.map((f) => f.id),
      unpaged.map((f) => f.id),
    );
  });

  it('refuses plain http unless loopback is explicitly allowed', async () => {
    const strict = createGraphMailbox({
      graphUrl: fx.url,
      getAccessToken: async () => token,
      limiter: new LimiterRegistry().for('x'),
      allowInsecureLoopback: false,
    });
    await assert.rejects(strict.whoAmI(), (err: { kind?: string }) => err.kind === 'INVALID');
  });
});
