/**
 * JSON batching (concepts/json-batching.md) in the real emulator: inner requests run through the same
 * authentication, throttling and counters as direct calls; dependsOn orders them and turns a failed
 * dependency into 424; more than 20 requests fail the whole batch with 400; an inner 429 with Retry-After
 * sits inside a 200 batch.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { graphClient } from '../src/graph/testing/graph-client.ts';
import { buildEmulator, type Emulator } from '../src/server.ts';
import { appOnlyTenant } from './support/app-only.ts';

describe('Graph $batch', () => {
  let emulator: Emulator;
  let client: ReturnType<typeof graphClient>;
  const control = async (method: 'GET' | 'POST', url: string, payload?: object) =>
    (await emulator.app.inject({ method, url, ...(payload ? { payload } : {}) })).json();

  beforeEach(async () => {
    emulator = await buildEmulator();
    const { token } = await appOnlyTenant(emulator, {
      domain: 'contoso.test',
      displayName: 'Tandem daemon',
      roles: ['Mail.ReadWrite', 'Contacts.ReadWrite', 'Calendars.ReadWrite', 'User.Read.All'],
      users: ['anna@contoso.test'],
    });
    client = graphClient(emulator.app, { authorization: `Bearer ${token}` });
  });

  afterEach(async () => {
    await emulator.app.close();
  });

  const anna = '/users/anna@contoso.test';

  it('runs dependent requests in order and fails dependents of a failed request with 424', async () => {
    const res = await client.post('/v1.0/$batch', {
      requests: [
        {
          id: '1',
          method: 'POST',
          url: `${anna}/contacts`,
          headers: { 'Content-Type': 'application/json' },
          body: { givenName: 'Ivan' },
        },
        { id: '2', dependsOn: ['1'], method: 'GET', url: `${anna}/contacts?$select=givenName` },
        { id: '3', method: 'GET', url: `${anna}/contacts/AAMkADoesNotExist=` },
        { id: '4', dependsOn: ['3'], method: 'GET', url: `${anna}/contacts` },
        { id: '5', method: 'POST', url: `${anna}/contacts`, body: { givenName: 'NoType' } },
      ],
    });
    assert.equal(res.status, 200);
    const byId = new Map(res.json.responses.map((r: { id: string }) => [r.id, r]));
    assert.equal(byId.size, 5);
    const r1 = byId.get('1') as { status: number; body: { id: string } };
    assert.equal(r1.status, 201);
    const r2 = byId.get('2') as { status: number; body: { value: { id: string; givenName: string }[] } };
    assert.equal(r2.status, 200);
    assert.deepEqual(
      r2.body.value.map((c) => c.givenName),
      ['Ivan'],
      'request 2 ran after request 1',
    );
    assert.equal((byId.get('3') as { status: number }).status, 400);
    assert.equal((byId.get('4') as { status: number }).status, 424);
    assert.equal((byId.get('5') as { status: number }).status, 400, 'a body needs a Content-Type header');
    const order = res.json.responses.map((r: { id: string }) => r.id);
    assert.ok(order.indexOf('2') > order.indexOf('1'));
  });

  it('refuses more than 20 requests, duplicate ids and dependency cycles as a whole', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: `${anna}/messages` }));
    const tooMany = await client.post('/v1.0/$batch', { requests: many });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.json.error.code, 'BadRequest');
    assert.equal((await client.post('/v1.0/$batch', { requests: many.slice(0, 20) })).status, 200);
    const dup = await client.post('/v1.0/$batch', {
      requests: [
        { id: 'a', method: 'GET', url: '/users' },
        { id: 'A', method: 'GET', url: '/users' },
      ],
    });
    assert.equal(dup.status, 400);
    const cycle = await client.post('/v1.0/$batch', {
      requests: [
        { id: '1', dependsOn: ['2'], method: 'GET', url: `${anna}/messages` },
        { id: '2', dependsOn: ['1'], method: 'GET', url: `${anna}/messages` },
      ],
    });
    assert.equal(cycle.status, 400);
  });

  it('throttles inner requests one by one: inner 429s with Retry-After inside a 200 batch, counted per endpoint', async () => {
    await control('POST', '/_emulator/config', { throttle: { requestsPer10Min: 3 } });
    const requests = Array.from({ length: 5 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: `${anna}/messages?$top=1`,
    }));
    const res = await client.post('/v1.0/$batch', { requests });
    assert.equal(res.status, 200);
    const statuses = res.json.responses.map((r: { status: number }) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    const throttled = res.json.responses.find((r: { status: number }) => r.status === 429);
    assert.ok(Number(throttled.headers['retry-after']) > 0);
    assert.equal(throttled.body.error.code, 'ApplicationThrottled');
    const stats = await control('GET', '/_emulator/stats');
    assert.equal(stats.requests['GET /v1.0/users/:userIdOrUpn/messages'], 5);
    assert.equal(stats.counters.served429, 2);
  });

  it('relays injected faults and unauthenticated callers the way direct calls see them', async () => {
    await control('POST', '/_emulator/faults', {
      match: { method: 'GET', path: '/v1.0/users/anna@contoso.test/contacts' },
      respond: { status: 503, headers: { 'Retry-After': '7' } },
      count: 1,
    });
    const res = await client.post('/v1.0/$batch', { requests: [{ id: '1', method: 'GET', url: `${anna}/contacts` }] });
    assert.equal(res.json.responses[0].status, 503);
    assert.equal(res.json.responses[0].headers['retry-after'], '7');
    const anonymous = await emulator.app.inject({ method: 'POST', url: '/v1.0/$batch', payload: { requests: [] } });
    assert.equal(anonymous.statusCode, 401);
  });
});
