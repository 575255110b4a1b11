/**
 * Injected faults as a client notices them: canned statuses (Graph- or SOAP-shaped), delays that keep the request
 * in flight (and so hold a throttle slot), connection resets, counts, seeded probabilities, EWS operation
 * matching, delta invalidation and `$batch` inner requests. A stand-in Graph plugin supplies `/v1.0` routes.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { CannedResponse, type GraphDeps } from '../src/contracts.ts';
import { ControlClient } from '../src/control/control-client.ts';
import { buildEmulator, type Emulator } from '../src/server.ts';

const REDIRECT = 'http://127.0.0.1:8400/cb';
let emulator: Emulator;
let deps: GraphDeps;
let base: string;
let control: ControlClient;
let bearer: string;
let userId: string;
let clientId: string;

before(async () => {
  emulator = await buildEmulator({ graphPlugin: false });
  emulator.registerGraph(async (scope, options) => {
    deps = options;
    scope.get('/me/messages', async (request) => ({ value: [], owner: options.authenticate(request).userId }));
  });
  await emulator.app.listen({ port: 0, host: '127.0.0.1' });
  const address = emulator.app.server.address();
  assert.ok(address && typeof address === 'object');
  base = `http://127.0.0.1:${address.port}`;
  control = new ControlClient(base);
  const tenant = await control.createTenant('contoso.com');
  const app = await control.createApp({
    tenant: tenant.id,
    displayName: 'Tandem',
    redirectUris: [REDIRECT],
    delegatedScopes: ['Mail.ReadWrite'],
    consented: true,
  });
  clientId = app.clientId;
  userId = (await control.createUser({ tenant: tenant.id, email: 'adele@contoso.com', password: 'pw' })).id;
  await control.signIn('adele@contoso.com');
  const tokens = await control.delegatedTokens({
    tenant: tenant.id,
    ...app,
    redirectUri: REDIRECT,
    email: 'adele@contoso.com',
    scope: 'Mail.ReadWrite',
  });
  bearer = `Bearer ${String(tokens.access_token)}`;
});

after(async () => {
  await emulator.app.close();
});

afterEach(async () => {
  await control.clearFaults();
});

const messages = () => fetch(`${base}/v1.0/me/messages`, { headers: { authorization: bearer } });

const soap = (op: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><soap:Header/><soap:Body><!-- op --><m:${op}/></soap:Body></soap:Envelope>`;

describe('responses', () => {
  test('a status without a body on /v1.0 answers in Graph error shape with the given headers', async () => {
    await control.addFault({
      match: { method: 'GET', path: '/v1.0/me/' },
      respond: { status: 503, headers: { 'Retry-After': '7' } },
    });
    const res = await messages();
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '7');
    const body = (await res.json()) as { error: { code: string; innerError: Record<string, string> } };
    assert.equal(body.error.code, 'serviceNotAvailable');
    assert.ok(body.error.innerError['request-id']);
    const post = await fetch(`${base}/v1.0/me/messages`, { method: 'POST', headers: { authorization: bearer } });
    assert.notEqual(post.status, 503, 'method must match');
  });

  test('count limits how often a rule fires', async () => {
    await control.addFault({
      match: { path: '/v1.0/me/messages' },
      respond: { status: 500, body: { custom: true } },
      count: 2,
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await messages()).status);
    assert.deepEqual(statuses, [500, 500, 200]);
  });

  test('a /regex/ path matches path and query', async () => {
    await control.addFault({
      match: { path: '/\\/messages\\?\\$top=5$/' },
      respond: { status: 429, headers: { 'Retry-After': '2' } },
    });
    assert.equal((await fetch(`${base}/v1.0/me/messages?$top=5`, { headers: { authorization: bearer } })).status, 429);
    assert.equal((await messages()).status, 200);
  });

  test('EWS rules match the operation from the SOAP body or SOAPAction, on any path case', async () => {
    const busy =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>ErrorServerBusy</s:Fault></s:Body></s:Envelope>';
    await control.addFault({ match: { op: 'SyncFolderItems' }, respond: { status: 500, body: busy } });
    const post = (path: string, op: string, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
        body: soap(op),
      });
    const hit = await post('/EWS/Exchange.asmx', 'SyncFolderItems');
    assert.equal(hit.status, 500);
    assert.match(hit.headers.get('content-type') ?? '', /text\/xml/);
    assert.match(await hit.text(), /ErrorServerBusy/);
    assert.notEqual((await post('/ews/exchange.asmx', 'GetItem')).status, 500);
    const byAction = await post('/ews/exchange.asmx', 'GetItem', {
      SOAPAction: '"http://schemas.microsoft.com/exchange/services/2006/messages/SyncFolderItems"',
    });
    assert.equal(byAction.status, 500);
  });

  test('the control API is never faulted', async () => {
    await control.addFault({ match: { path: '/' }, respond: { status: 500 } });
    assert.ok(await control.stats());
    assert.equal(
      (await fetch(`${base}/contoso.com/v2.0/.well-known/openid-configuration`)).status,
      500,
      'identity can be faulted',
    );
  });
});

describe('delays and resets', { timeout: 10_000 }, () => {
  test('a delayed request stays in flight and holds its mailbox slot: the 5th concurrent one is throttled', async () => {
    await control.addFault({ match: { path: '/v1.0/me/messages' }, delayMs: 400, count: 4 });
    const started = Date.now();
    const delayed = Array.from({ length: 4 }, () => messages());
    await new Promise((r) => setTimeout(r, 100));
    const fifth = await messages();
    assert.equal(fifth.status, 429);
    assert.ok(Date.now() - started < 350, 'the 5th is refused at once, not after the delay');
    const statuses = await Promise.all(delayed.map(async (p) => (await p).status));
    assert.deepEqual(statuses, [200, 200, 200, 200]);
    assert.ok(Date.now() - started >= 400);
    assert.equal((await messages()).status, 200, 'slots are free again');
    const peak = (await control.stats()).peakConcurrency.find((p) => p.mailbox === userId && p.appId === clientId);
    assert.equal(peak?.peak, 4);
  });

  test('reset destroys the connection', async () => {
    await control.addFault({ match: { path: '/v1.0/me/messages' }, reset: true, count: 1 });
    await assert.rejects(messages(), (err: Error) => err instanceof TypeError);
    assert.equal((await messages()).status, 200);
  });
});

describe('probability', () => {
  async function pattern(): Promise<string> {
    await control.setConfig({ faultSeed: 42 });
    await control.addFault({ match: { path: '/v1.0/me/messages' }, respond: { status: 503 }, probability: 0.3 });
    let out = '';
    for (let i = 0; i < 60; i++) {
      const res = await emulator.app.inject({
        method: 'GET',
        url: '/v1.0/me/messages',
        headers: { authorization: bearer },
      });
      out += res.statusCode === 503 ? 'x' : '.';
    }
    await control.clearFaults();
    return out;
  }

  test('the same seed gives the same sequence, at roughly the asked rate', async () => {
    const first = await pattern();
    const second = await pattern();
    assert.equal(first, second);
    const hits = [...first].filter((c) => c === 'x').length;
    assert.ok(hits > 6 && hits < 32, `${hits} of 60 at p=0.3`);
  });
});

describe('queries from the Graph part', () => {
  test('invalidateDelta is answered by the predicate once per count and never by the HTTP hook', async () => {
    await control.addFault({
      match: { path: '/v1.0/me/mailFolders/inbox/messages/delta' },
      invalidateDelta: 'syncStateNotFound',
      count: 1,
    });
    const req = { method: 'GET', url: '/v1.0/me/mailFolders/inbox/messages/delta?$deltatoken=abc', headers: {} };
    assert.equal(deps.faults.shouldInvalidateDelta({ ...req, url: '/v1.0/me/contacts/delta' }), undefined);
    const direct = await fetch(`${base}/v1.0/me/mailFolders/inbox/messages/delta`, {
      headers: { authorization: bearer },
    });
    assert.equal(direct.status, 404, 'the route answers, not a fault');
    assert.equal(deps.faults.shouldInvalidateDelta(req), 'syncStateNotFound');
    assert.equal(deps.faults.shouldInvalidateDelta(req), undefined);
  });

  test('a $batch inner request gets the canned response of a matching rule', async () => {
    await control.addFault({
      match: { path: '/v1.0/me/messages' },
      respond: { status: 503, headers: { 'Retry-After': '3' } },
    });
    const principal = deps.authenticate({ method: 'GET', url: '/v1.0/$batch', headers: { authorization: bearer } });
    await assert.rejects(
      deps.beforeMailboxRequest({ principal, mailboxUserId: userId, method: 'GET', url: '/me/messages' }),
      (err: CannedResponse) =>
        err instanceof CannedResponse && err.status === 503 && err.headers['Retry-After'] === '3',
    );
    const lease = await deps.beforeMailboxRequest({
      principal,
      mailboxUserId: userId,
      method: 'GET',
      url: '/me/contacts',
    });
    lease.release();
  });

  test('invalid fault bodies are refused with 400', async () => {
    for (const body of [
      { match: { path: '/v1.0' } },
      { respond: { status: 42 } },
      { delayMs: -1 },
      { respond: { status: 500 }, probability: 2 },
      { invalidateDelta: '500' },
    ]) {
      const res = await fetch(`${base}/_emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 400, JSON.stringify(body));
    }
  });
});
