/**
 * The control API contract of DESIGN §5 as scripts use it: shapes, statuses, validation, the loopback rule,
 * seeding delegation, config knobs, counters, reset and snapshots.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { DirectoryUser } from '../src/contracts.ts';
import { buildEmulator, type Emulator } from '../src/server.ts';
import { clientCredentialsToken } from './support/app-only.ts';

let emulator: Emulator;

beforeEach(async () => {
  emulator = await buildEmulator({ graphPlugin: false });
});

afterEach(async () => {
  await emulator.app.close();
});

function call(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, remoteAddress?: string) {
  return emulator.app.inject({ method, url, payload, ...(remoteAddress ? { remoteAddress } : {}) });
}

async function setup() {
  const tenant = (await call('POST', '/_emulator/tenants', { domain: 'Contoso.com' })).json();
  const app = (
    await call('POST', '/_emulator/apps', {
      tenant: tenant.domain,
      displayName: 'Tandem',
      redirectUris: ['http://127.0.0.1:8080/cb'],
      delegatedScopes: ['Mail.ReadWrite', 'offline_access'],
      applicationRoles: ['Mail.ReadWrite'],
      consented: true,
    })
  ).json();
  const user = (
    await call('POST', '/_emulator/users', {
      tenant: tenant.id,
      email: 'Adele@Contoso.com',
      password: 'pw',
      displayName: 'Adele Vance',
      timeZone: 'W. Europe Standard Time',
    })
  ).json();
  return { tenant, app, user };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('directory contract', () => {
  test('tenants, apps and users come back in the documented shapes', async () => {
    const { tenant, app, user } = await setup();
    assert.match(tenant.id, GUID);
    assert.equal(tenant.domain, 'contoso.com');
    assert.deepEqual(Object.keys(app).sort(), ['clientId', 'clientSecret']);
    assert.match(app.clientId, GUID);
    assert.ok(app.clientSecret.length >= 32);
    assert.deepEqual(Object.keys(user).sort(), ['email', 'id']);
    assert.equal(user.email, 'adele@contoso.com');
    const found = emulator.directory.findUser('ADELE@contoso.com', tenant.id);
    assert.deepEqual(found, {
      id: user.id,
      tenantId: tenant.id,
      email: 'adele@contoso.com',
      displayName: 'Adele Vance',
      timeZone: 'W. Europe Standard Time',
    });
    assert.deepEqual(emulator.directory.findUser(user.id), found);
  });

  test('bad input is 400, unknown tenant 404, duplicates 409, with {error: {code, message}}', async () => {
    await setup();
    const badDomain = await call('POST', '/_emulator/tenants', { domain: 'not a domain' });
    assert.equal(badDomain.statusCode, 400);
    assert.equal(badDomain.json().error.code, 'BadRequest');
    assert.equal((await call('POST', '/_emulator/tenants', { domain: 'contoso.com' })).statusCode, 409);
    assert.equal(
      (await call('POST', '/_emulator/users', { tenant: 'fabrikam.com', email: 'a@b.c', password: 'x' })).statusCode,
      404,
    );
    const httpRedirect = await call('POST', '/_emulator/apps', {
      tenant: 'contoso.com',
      displayName: 'x',
      redirectUris: ['http://crm.example.com/cb'],
    });
    assert.equal(httpRedirect.statusCode, 400);
    assert.match(httpRedirect.json().error.message, /https/);
    assert.equal((await call('POST', '/_emulator/users/nobody@contoso.com/signin')).statusCode, 404);
  });

  test('signin pre-signs a user in: authorize skips the form', async () => {
    const { tenant, app } = await setup();
    const authorize = `/${tenant.id}/oauth2/v2.0/authorize?client_id=${app.clientId}&response_type=code&redirect_uri=${encodeURIComponent('http://127.0.0.1:8080/cb')}&scope=Mail.ReadWrite&state=z`;
    assert.equal((await call('GET', authorize)).statusCode, 200, 'sign-in page before');
    const signedIn = await call('POST', '/_emulator/users/adele%40contoso.com/signin');
    assert.equal(signedIn.json().signedIn, true);
    const res = await call('GET', authorize);
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /^http:\/\/127\.0\.0\.1:8080\/cb\?code=[^&]+&state=z$/);
  });
});

describe('loopback rule', () => {
  test('control calls from another host are 403; identity endpoints still answer', async () => {
    const { tenant } = await setup();
    for (const [method, url] of [
      ['POST', '/_emulator/reset'],
      ['GET', '/_emulator/stats'],
      ['POST', '/_emulator/tenants'],
    ] as const) {
      const res = await call(method, url, {}, '192.168.1.20');
      assert.equal(res.statusCode, 403, `${method} ${url}`);
      assert.equal(res.json().error.code, 'Forbidden');
    }
    assert.equal((await call('GET', '/_emulator/stats', undefined, '::1')).statusCode, 200);
    assert.equal(
      (await call('GET', `/${tenant.id}/v2.0/.well-known/openid-configuration`, undefined, '192.168.1.20')).statusCode,
      200,
    );
    assert.equal(emulator.directory.findTenant('contoso.com')?.id, tenant.id, 'the refused reset changed nothing');
  });
});

describe('seeding', () => {
  test('seed is 501 until the mailbox part registers a handler, then delegates to it', async () => {
    await setup();
    const before = await call('POST', '/_emulator/users/adele@contoso.com/seed', { contacts: 3 });
    assert.equal(before.statusCode, 501);
    const seen: { user: DirectoryUser; body: unknown }[] = [];
    emulator.graphDeps.setSeedHandler((user, body) => {
      seen.push({ user, body });
      return { contacts: 3 };
    });
    const res = await call('POST', '/_emulator/users/adele@contoso.com/seed', { contacts: 3 });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { contacts: 3 });
    assert.equal(seen[0]?.user.email, 'adele@contoso.com');
    assert.deepEqual(seen[0]?.body, { contacts: 3 });
    assert.equal((await call('POST', '/_emulator/users/ghost@contoso.com/seed', {})).statusCode, 404);
  });
});

describe('config, stats, reset, snapshot', () => {
  test('config merges knobs, validates them, and the Graph part sees the change through getConfig', async () => {
    const res = await call('POST', '/_emulator/config', { throttle: { concurrency: 2 }, maxSubscriptionMinutes: 4230 });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().throttle, { concurrency: 2, requestsPer10Min: 10000 });
    assert.equal(emulator.graphDeps.getConfig().maxSubscriptionMinutes, 4230);
    assert.equal((await call('POST', '/_emulator/config', { throttle: { concurrency: 0 } })).statusCode, 400);
    assert.equal((await call('POST', '/_emulator/config', { nonsense: 1 })).statusCode, 400);
    assert.equal(emulator.graphDeps.getConfig().throttle.concurrency, 2, 'a refused patch changes nothing');
  });

  test('stats count requests by route pattern (not control calls) and named counters', async () => {
    const { tenant } = await setup();
    await call('GET', `/${tenant.id}/v2.0/.well-known/openid-configuration`);
    await call('GET', `/contoso.com/v2.0/.well-known/openid-configuration`);
    emulator.graphDeps.stats.increment('notificationsSent', 2);
    emulator.graphDeps.stats.recordRequest('get', '/v1.0/me/messages');
    const stats = (await call('GET', '/_emulator/stats')).json();
    assert.equal(stats.requests['GET /:tenant/v2.0/.well-known/openid-configuration'], 2);
    assert.equal(stats.requests['GET /v1.0/me/messages'], 1);
    assert.equal(
      Object.keys(stats.requests).some((k) => k.includes('_emulator')),
      false,
    );
    assert.equal(stats.counters.notificationsSent, 2);
    assert.equal(stats.counters.served429, 0);
    await call('DELETE', '/_emulator/stats');
    assert.deepEqual((await call('GET', '/_emulator/stats')).json().requests, {});
  });

  test('reset clears directory, faults, config and the mailbox part', async () => {
    const { tenant } = await setup();
    let resets = 0;
    emulator.graphDeps.addStatefulPart({ name: 'mailboxes', reset: () => resets++, save: () => ({}), load: () => {} });
    await call('POST', '/_emulator/faults', { match: { path: '/v1.0/' }, respond: { status: 503 } });
    await call('POST', '/_emulator/config', { accessTokenLifetimeSec: 60 });
    assert.equal((await call('POST', '/_emulator/reset')).statusCode, 200);
    assert.equal((await call('GET', `/${tenant.id}/v2.0/.well-known/openid-configuration`)).statusCode, 400);
    assert.deepEqual((await call('GET', '/_emulator/faults')).json().items, []);
    assert.equal(emulator.graphDeps.getConfig().accessTokenLifetimeSec, 3600);
    assert.equal(emulator.directory.allUsers().length, 0);
    assert.equal(resets, 1);
  });

  test('a snapshot restores directory, config, parts and the signing key (old tokens still validate)', async () => {
    const { tenant, app } = await setup();
    await call('POST', '/_emulator/config', { maxSubscriptionMinutes: 1440 });
    emulator.graphDeps.addStatefulPart({
      name: 'mailboxes',
      reset: () => {},
      save: () => ({ items: 7 }),
      load: () => {},
    });
    const accessToken = await clientCredentialsToken(emulator, tenant.id, app);
    const saved = JSON.parse(JSON.stringify(emulator.snapshot()));

    const restored = await buildEmulator({ graphPlugin: false, snapshot: saved });
    let loaded: unknown;
    restored.graphDeps.addStatefulPart({
      name: 'mailboxes',
      reset: () => {},
      save: () => ({}),
      load: (d) => {
        loaded = d;
      },
    });
    assert.deepEqual(loaded, { items: 7 });
    assert.equal(restored.graphDeps.getConfig().maxSubscriptionMinutes, 1440);
    assert.equal(restored.directory.findUser('adele@contoso.com')?.tenantId, tenant.id);
    const principal = restored.authenticate({
      method: 'GET',
      url: '/v1.0/users',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    assert.deepEqual(principal.roles, ['Mail.ReadWrite']);
    await restored.app.close();
  });
});
