/**
 * Change notifications (concepts/change-notifications-delivery-webhooks.md, change-notifications-lifecycle-events.md)
 * against a real HTTP receiver on loopback: the validation handshake decides whether a subscription exists,
 * notifications for created/updated/deleted items carry clientState and resourceData, a 5xx answer is
 * retried, renewal is a PATCH within the configured cap, and lifecycle events are sent on demand.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { GraphDeps } from '../src/contracts.ts';
import graphPlugin from '../src/graph/plugin.ts';
import type { SubscriptionControl } from '../src/graph/subscriptions/subscription-service.ts';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildGraphTestApp } from '../src/graph/testing/graph-test-app.ts';
import { buildEmulator, type Emulator } from '../src/server.ts';
import { appOnlyTenant } from './support/app-only.ts';

interface Received {
  path: string;
  query: URLSearchParams;
  body: string;
}

/** A webhook receiver: answers handshakes per `mode`, records notifications, can fail the next N posts. */
function receiver() {
  const received: Received[] = [];
  const state = { mode: 'echo' as 'echo' | 'silent' | 'wrong', failNext: 0 };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const token = url.searchParams.get('validationToken');
      if (token !== null) {
        if (state.mode === 'silent') return res.writeHead(200, { 'content-type': 'text/plain' }).end('');
        if (state.mode === 'wrong') return res.writeHead(404).end();
        return res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      }
      received.push({ path: url.pathname, query: url.searchParams, body });
      if (state.failNext > 0) {
        state.failNext--;
        return res.writeHead(503).end();
      }
      res.writeHead(202).end();
    });
  });
  return { server, received, state };
}

describe('Graph subscriptions', () => {
  let emulator: Emulator;
  let client: ReturnType<typeof graphClient>;
  let hook: ReturnType<typeof receiver>;
  let base: string;
  let subscriptions: SubscriptionControl;
  let clock = Date.now();
  const control = async (method: 'GET' | 'POST', url: string, payload?: object) =>
    (await emulator.app.inject({ method, url, ...(payload ? { payload } : {}) })).json();
  const notifications = () =>
    hook.received
      .filter((r) => r.path === '/hook')
      .flatMap((r) => JSON.parse(r.body).value as Record<string, unknown>[]);
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(check(), 'condition not reached in time');
  };

  beforeEach(async () => {
    clock = Date.now();
    hook = receiver();
    await new Promise<void>((r) => hook.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}`;
    emulator = await buildEmulator({ graphPlugin: false, now: () => clock, config: { maxSubscriptionMinutes: 4230 } });
    emulator.registerGraph(async (app, deps: GraphDeps) =>
      graphPlugin(app, {
        ...deps,
        exposeSubscriptions: (c: SubscriptionControl) => {
          subscriptions = c;
        },
        subscriptionTuning: { validationTimeoutMs: 1000, retryDelaysMs: [30], batchWindowMs: 10 },
      } as never),
    );
    const { token } = await appOnlyTenant(emulator, {
      domain: 'contoso.test',
      displayName: 'Tandem listener',
      roles: ['Mail.ReadWrite', 'Contacts.ReadWrite', 'Calendars.ReadWrite', 'User.Read.All'],
      users: ['anna@contoso.test'],
    });
    client = graphClient(emulator.app, { authorization: `Bearer ${token}` });
  });

  afterEach(async () => {
    await emulator.app.close();
    await new Promise((r) => hook.server.close(r));
  });

  const inHours = (h: number) => new Date(clock + h * 3600_000).toISOString();
  const subscribe = (extra: Record<string, unknown> = {}) =>
    client.post('/v1.0/subscriptions', {
      changeType: 'created,updated,deleted',
      notificationUrl: `${base}/hook`,
      lifecycleNotificationUrl: `${base}/lifecycle`,
      resource: "users/anna@contoso.test/mailFolders('Inbox')/messages",
      expirationDateTime: inHours(24),
      clientState: 'secret-42',
      ...extra,
    });

  it('creates a subscription after the handshake and notifies created, updated and deleted messages with clientState', async () => {
    const created = await subscribe();
    assert.equal(created.status, 201, created.body);
    const sub = created.json;
    assert.equal(sub.changeType, 'created,updated,deleted');
    assert.equal(sub.clientState, 'secret-42');
    assert.match(sub.id, /^[0-9a-f-]{36}$/);
    const handshake = hook.received.length === 0;
    assert.ok(handshake, 'the handshake is not a notification');

    const msg = (await client.post('/v1.0/users/anna@contoso.test/mailFolders/inbox/messages', { subject: 'Hi' })).json;
    await until(() => notifications().length >= 1);
    await client.patch(`/v1.0/users/anna@contoso.test/messages/${msg.id}`, { isRead: false });
    await until(() => notifications().length >= 2);
    await client.delete(`/v1.0/users/anna@contoso.test/messages/${msg.id}`);
    await until(() => notifications().length >= 3);
    // A message elsewhere (Drafts) is not part of the Inbox subscription.
    await client.post('/v1.0/users/anna@contoso.test/messages', { subject: 'draft' });

    const got = notifications();
    assert.deepEqual(
      got.map((n) => n.changeType),
      ['created', 'updated', 'deleted'],
    );
    for (const n of got) {
      assert.equal(n.subscriptionId, sub.id);
      assert.equal(n.clientState, 'secret-42');
      assert.equal(n.subscriptionExpirationDateTime, sub.expirationDateTime);
      assert.ok(n.tenantId);
      const data = n.resourceData as Record<string, string>;
      assert.equal(data.id, msg.id);
      assert.equal(data['@odata.type'], '#Microsoft.Graph.Message');
      assert.match(String(n.resource), new RegExp(`^Users/[^/]+/Messages/${msg.id.replace(/[-=]/g, '\\$&')}$`));
    }
    assert.match(String((got[0]?.resourceData as Record<string, string> | undefined)?.['@odata.etag']), /^W\/"/);
    const stats = await control('GET', '/_emulator/stats');
    assert.equal(stats.counters.notificationsSent, 3);
  });

  it('fails creation when the endpoint does not echo the token, or is plain http off loopback', async () => {
    hook.state.mode = 'silent';
    const silent = await subscribe();
    assert.equal(silent.status, 400);
    assert.equal(silent.json.error.code, 'ValidationError');
    hook.state.mode = 'wrong';
    const notFound = await subscribe();
    assert.equal(notFound.status, 400);
    assert.match(notFound.json.error.message, /200 OK/);
    assert.deepEqual((await client.get('/v1.0/subscriptions')).json.value, []);
    const insecure = await subscribe({ notificationUrl: 'http://hooks.example.com/hook' });
    assert.equal(insecure.status, 400);
    const longState = await subscribe({ clientState: 'x'.repeat(129) });
    assert.equal(longState.status, 400);
    const badType = await subscribe({ changeType: 'created,moved' });
    assert.equal(badType.status, 400);
  });

  it('caps the expiry at the configured maximum and renews by PATCH', async () => {
    const tooLong = await subscribe({ expirationDateTime: inHours(72) });
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.json.error.message, 'Subscription expiration can only be 4230 minutes in the future.');
    const sub = (await subscribe({ expirationDateTime: inHours(1) })).json;
    const renewed = await client.patch(`/v1.0/subscriptions/${sub.id}`, { expirationDateTime: inHours(48) });
    assert.equal(renewed.status, 200);
    assert.equal(Date.parse(renewed.json.expirationDateTime), Date.parse(inHours(48)));
    await control('POST', '/_emulator/config', { maxSubscriptionMinutes: 60 });
    const over = await client.patch(`/v1.0/subscriptions/${sub.id}`, { expirationDateTime: inHours(2) });
    assert.equal(over.status, 400);
    const soon = new Date(Date.now() + 300).toISOString();
    assert.equal((await client.patch(`/v1.0/subscriptions/${sub.id}`, { expirationDateTime: soon })).status, 200);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await client.get(`/v1.0/subscriptions/${sub.id}`)).status, 404, 'an expired subscription is gone');
  });

  it('retries a notification the receiver answered with 503', async () => {
    const sub = (await subscribe({ changeType: 'created' })).json;
    hook.state.failNext = 1;
    await client.post('/v1.0/users/anna@contoso.test/mailFolders/inbox/messages', { subject: 'retry me' });
    await until(() => hook.received.filter((r) => r.path === '/hook').length >= 2);
    const posts = hook.received.filter((r) => r.path === '/hook');
    assert.equal(JSON.parse(posts[0]?.body ?? '{}').value[0].subscriptionId, sub.id);
    assert.equal(posts[1]?.body, posts[0]?.body, 'the same notification is sent again');
  });

  it('fires lifecycle events on demand and supports reauthorize and delete', async () => {
    const sub = (await subscribe()).json;
    assert.equal(await subscriptions.fireLifecycle(sub.id, 'reauthorizationRequired'), true);
    const life = hook.received.filter((r) => r.path === '/lifecycle').map((r) => JSON.parse(r.body).value[0]);
    assert.deepEqual(
      { event: life[0].lifecycleEvent, id: life[0].subscriptionId, clientState: life[0].clientState },
      { event: 'reauthorizationRequired', id: sub.id, clientState: 'secret-42' },
    );
    assert.equal(life[0].resource, undefined);
    assert.equal((await client.post(`/v1.0/subscriptions/${sub.id}/reauthorize`)).status, 204);
    await subscriptions.fireLifecycle(sub.id, 'missed');
    await subscriptions.fireLifecycle(sub.id, 'subscriptionRemoved');
    const events = hook.received
      .filter((r) => r.path === '/lifecycle')
      .map((r) => JSON.parse(r.body).value[0].lifecycleEvent);
    assert.deepEqual(events, ['reauthorizationRequired', 'missed', 'subscriptionRemoved']);
    assert.equal((await client.get(`/v1.0/subscriptions/${sub.id}`)).status, 404, 'subscriptionRemoved removes it');
    const other = (await subscribe({ resource: 'users/anna@contoso.test/events' })).json;
    assert.equal((await client.delete(`/v1.0/subscriptions/${other.id}`)).status, 204);
    assert.equal((await client.get('/v1.0/subscriptions')).json.value.length, 0);
  });
});

describe('Graph subscriptions with delegated tokens', () => {
  it('watches me/events and me/todo/lists/{id}/tasks, and needs read access to the resource', async () => {
    const hook = receiver();
    await new Promise<void>((r) => hook.server.listen(0, '127.0.0.1', r));
    const url = `http://localhost:${(hook.server.address() as AddressInfo).port}/hook`;
    const t = await buildGraphTestApp();
    try {
      const me = graphClient(
        t.app,
        t.delegated(t.directory.users[0] as never, ['Calendars.ReadWrite', 'Tasks.ReadWrite']),
      );
      const expirationDateTime = new Date(Date.now() + 3600_000).toISOString();
      const events = await me.post('/v1.0/subscriptions', {
        changeType: 'created',
        notificationUrl: url,
        resource: '/me/events',
        expirationDateTime,
        clientState: 'c1',
      });
      assert.equal(events.status, 201, events.body);
      const list = (await me.get('/v1.0/me/todo/lists')).json.value[0].id;
      const tasks = await me.post('/v1.0/subscriptions', {
        changeType: 'created,updated',
        notificationUrl: url,
        resource: `me/todo/lists/${list}/tasks`,
        expirationDateTime,
      });
      assert.equal(tasks.status, 201, tasks.body);
      const mail = await me.post('/v1.0/subscriptions', {
        changeType: 'created',
        notificationUrl: url,
        resource: 'me/messages',
        expirationDateTime,
      });
      assert.equal(mail.status, 403, 'no Mail.Read scope');

      await me.post('/v1.0/me/events', {
        subject: 'Sync',
        start: { dateTime: '2026-05-05T10:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-05-05T11:00:00', timeZone: 'UTC' },
      });
      await me.post(`/v1.0/me/todo/lists/${list}/tasks`, { title: 'Call back' });
      for (let i = 0; i < 200 && hook.received.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      const got = hook.received.flatMap((r) => JSON.parse(r.body).value as Record<string, Record<string, string>>[]);
      const types = got.map((n) => n.resourceData?.['@odata.type']).sort();
      assert.deepEqual(types, ['#Microsoft.Graph.Event', '#microsoft.graph.todoTask']);
      assert.equal(got.find((n) => n.resourceData?.['@odata.type'] === '#Microsoft.Graph.Event')?.clientState, 'c1');
    } finally {
      await t.app.close();
      await new Promise((r) => hook.server.close(r));
    }
  });
});
