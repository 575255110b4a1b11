/**
 * Outlook-resource throttling per (app, mailbox) as Graph clients see it: the 5th concurrent request is a 429
 * ApplicationThrottled with Retry-After, the 10-minute budget runs out and refills, `/me` and `/users/{upn}` are the
 * same mailbox, `$batch` inner requests count too. A stand-in Graph plugin holds requests open on demand.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { type GraphDeps, GraphError } from '../src/contracts.ts';
import { buildEmulator, type Emulator } from '../src/server.ts';

const REDIRECT = 'http://127.0.0.1:8500/cb';
let clock = Date.parse('2026-03-01T08:00:00Z');
let emulator: Emulator;
let deps: GraphDeps;
let tenantId: string;
let app: { clientId: string; clientSecret: string };
let adeleId: string;
let release: () => void;
let held: Promise<void>;

function hold(): void {
  held = new Promise((resolve) => {
    release = resolve;
  });
}

async function post(url: string, payload: object) {
  return (await emulator.app.inject({ method: 'POST', url, payload })).json();
}

async function form(url: string, fields: Record<string, string>) {
  const res = await emulator.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
  return res.json();
}

/** A delegated Graph token for a pre-signed-in user of an admin-consented app (authorize + token). */
async function userToken(email: string, client = app): Promise<string> {
  await post(`/_emulator/users/${email}/signin`, {});
  const q = new URLSearchParams({
    client_id: client.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'Mail.ReadWrite',
    login_hint: email,
  });
  const res = await emulator.app.inject({ method: 'GET', url: `/${tenantId}/oauth2/v2.0/authorize?${q}` });
  const code = new URL(String(res.headers.location)).searchParams.get('code') ?? '';
  const tokens = await form(`/${tenantId}/oauth2/v2.0/token`, {
    grant_type: 'authorization_code',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    code,
    redirect_uri: REDIRECT,
  });
  return `Bearer ${tokens.access_token}`;
}

async function appToken(client = app): Promise<string> {
  const tokens = await form(`/${tenantId}/oauth2/v2.0/token`, {
    grant_type: 'client_credentials',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    scope: 'https://graph.microsoft.com/.default',
  });
  return `Bearer ${tokens.access_token}`;
}

function get(url: string, authorization: string) {
  return emulator.app.inject({ method: 'GET', url, headers: { authorization } });
}

async function newApp(name: string) {
  return post('/_emulator/apps', {
    tenant: tenantId,
    displayName: name,
    redirectUris: [REDIRECT],
    delegatedScopes: ['Mail.ReadWrite'],
    applicationRoles: ['Mail.ReadWrite'],
    consented: true,
  });
}

beforeEach(async () => {
  emulator = await buildEmulator({ graphPlugin: false, now: () => clock });
  hold();
  emulator.registerGraph(async (scope, options) => {
    deps = options;
    const handler = async (request: Parameters<GraphDeps['authenticate']>[0]) => {
      options.authenticate(request);
      await held;
      return { value: [] };
    };
    scope.get('/me/messages', handler);
    scope.get('/users/:user/messages', handler);
  });
  tenantId = (await post('/_emulator/tenants', { domain: 'contoso.com' })).id;
  app = await newApp('Tandem');
  adeleId = (await post('/_emulator/users', { tenant: tenantId, email: 'adele@contoso.com', password: 'pw' })).id;
  await post('/_emulator/users', { tenant: tenantId, email: 'bianca@contoso.com', password: 'pw' });
});

describe('concurrency', { timeout: 10_000 }, () => {
  test('the 5th concurrent request for one app + mailbox is 429 ApplicationThrottled with Retry-After', async () => {
    const token = await userToken('adele@contoso.com');
    const inFlight = [1, 2, 3, 4].map(() => get('/v1.0/me/messages', token));
    await new Promise((r) => setImmediate(r));
    const fifth = await get('/v1.0/me/messages', token);
    assert.equal(fifth.statusCode, 429);
    assert.ok(Number(fifth.headers['retry-after']) >= 1);
    assert.deepEqual(fifth.json(), {
      error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' },
    });
    release();
    assert.deepEqual(
      (await Promise.all(inFlight)).map((r) => r.statusCode),
      [200, 200, 200, 200],
    );
    assert.equal((await get('/v1.0/me/messages', token)).statusCode, 200, 'finished requests free their slots');
    const stats = (await emulator.app.inject({ method: 'GET', url: '/_emulator/stats' })).json();
    assert.equal(stats.counters.served429, 1);
    assert.deepEqual(stats.peakConcurrency, [{ appId: app.clientId, mailbox: adeleId, peak: 4 }]);
  });

  test('/me and /users/{upn} address the same mailbox; another mailbox or another app is not affected', async () => {
    const delegated = await userToken('adele@contoso.com');
    const appOnly = await appToken();
    const inFlight = [
      get('/v1.0/me/messages', delegated),
      get('/v1.0/me/messages', delegated),
      get('/v1.0/users/ADELE%40contoso.com/messages', appOnly),
      get(`/v1.0/users/${adeleId}/messages`, appOnly),
    ];
    await new Promise((r) => setImmediate(r));
    assert.equal((await get('/v1.0/users/adele@contoso.com/messages', appOnly)).statusCode, 429);
    const other = get('/v1.0/users/bianca@contoso.com/messages', appOnly);
    const otherApp = get('/v1.0/users/adele@contoso.com/messages', await appToken(await newApp('Other')));
    release();
    assert.equal((await other).statusCode, 200);
    assert.equal((await otherApp).statusCode, 200);
    await Promise.all(inFlight);
  });

  test('the limit follows the config knob, and requests with a bad token are left to the Graph routes (401)', async () => {
    await post('/_emulator/config', { throttle: { concurrency: 1 } });
    const token = await userToken('adele@contoso.com');
    const first = get('/v1.0/me/messages', token);
    await new Promise((r) => setImmediate(r));
    assert.equal((await get('/v1.0/me/messages', token)).statusCode, 429);
    assert.equal((await get('/v1.0/me/messages', 'Bearer junk')).statusCode, 401);
    release();
    await first;
  });

  test('$batch inner requests take the same slots: with 4 held, the next inner request and outer request are refused', async () => {
    const token = await userToken('adele@contoso.com');
    const principal = deps.authenticate({ method: 'POST', url: '/v1.0/$batch', headers: { authorization: token } });
    const leases = await Promise.all(
      [1, 2, 3, 4].map(() =>
        deps.beforeMailboxRequest({ principal, mailboxUserId: adeleId, method: 'GET', url: '/me/messages' }),
      ),
    );
    await assert.rejects(
      deps.beforeMailboxRequest({ principal, mailboxUserId: adeleId, method: 'GET', url: '/me/events' }),
      (err: GraphError) =>
        err instanceof GraphError &&
        err.status === 429 &&
        err.code === 'ApplicationThrottled' &&
        Number(err.headers['Retry-After']) >= 1,
    );
    assert.equal((await get('/v1.0/me/messages', token)).statusCode, 429);
    for (const lease of leases) lease.release();
    release();
    assert.equal((await get('/v1.0/me/messages', token)).statusCode, 200);
    const stats = (await emulator.app.inject({ method: 'GET', url: '/_emulator/stats' })).json();
    assert.equal(stats.counters.served429, 2, 'inner and outer 429s are both counted');
  });
});

describe('request budget', { timeout: 10_000 }, () => {
  test('past requestsPer10Min the mailbox is throttled until the 10-minute window moves on', async () => {
    await post('/_emulator/config', { throttle: { requestsPer10Min: 3 } });
    release();
    const token = await userToken('adele@contoso.com');
    for (let i = 0; i < 3; i++) {
      assert.equal((await get('/v1.0/me/messages', token)).statusCode, 200);
      clock += 60_000;
    }
    const over = await get('/v1.0/me/messages', token);
    assert.equal(over.statusCode, 429);
    assert.equal(over.json().error.code, 'ApplicationThrottled');
    // The oldest admitted request leaves the window 10 minutes after it came: 7 minutes from now.
    assert.equal(over.headers['retry-after'], String(7 * 60));
    assert.equal(
      (await get('/v1.0/users/bianca@contoso.com/messages', await appToken())).statusCode,
      200,
      'other mailbox has its own budget',
    );
    clock += 7 * 60_000;
    assert.equal((await get('/v1.0/me/messages', token)).statusCode, 200);
  });
});
