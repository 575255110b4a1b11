import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { testConnection } from '../../src/server/mail/connection/connection-test.service.ts';
import type { MailServiceInternal } from '../../src/server/mail/mail-service.types.ts';
import { type EmulatorFixture, startEmulator } from './emulator-fixture.ts';

/** MB-3: the connection test says what is wrong in words a person understands, with a stable code. */

function service(patch: Partial<MailServiceInternal>): MailServiceInternal {
  return {
    id: 'svc',
    name: 'Test',
    type: 'exchange',
    address: 'outlook.office365.com',
    downloadEmails: true,
    sendEmails: true,
    loginFormat: 'email',
    auth: 'oauth2',
    clientId: 'client',
    clientSecret: 'secret',
    tenant: 'organizations',
    protocol: 'graph',
    effectiveProtocol: 'graph',
    authorityUrl: 'https://login.microsoftonline.com',
    graphUrl: 'https://graph.microsoft.com',
    imap: null,
    smtp: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    modifiedAt: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

describe('connection test: OAuth 2.0 through Graph', () => {
  let fx: EmulatorFixture;
  let token: string;
  before(async () => {
    fx = await startEmulator();
    const user = await fx.addUser('dana');
    token = (await fx.tokensFor(user.email)).access_token;
  });
  after(() => fx.close());
  beforeEach(() => fx.control.clearFaults());

  const run = (graphUrl = fx.url) =>
    testConnection(
      { service: service({ graphUrl }), email: 'dana@contoso.test', login: null, tokens: { accessToken: token } },
      { allowInsecureLoopback: true, timeoutMs: 5000 },
    );
  const fault = (status: number, headers?: Record<string, string>) =>
    fx.control.addFault({ match: { path: '/v1.0/me' }, respond: { status, ...(headers && { headers }) } });

  it('ok when who-am-I answers', async () => {
    const r = await run();
    assert.deepEqual([r.ok, r.code], [true, 'ok']);
  });

  const cases: [string, () => Promise<unknown>, string][] = [
    ['401 → needsSignIn', () => fault(401), 'needsSignIn'],
    ['403 → insufficientScopes', () => fault(403), 'insufficientScopes'],
    ['404 → mailboxNotFound', () => fault(404), 'mailboxNotFound'],
    ['429 with a long Retry-After → throttled', () => fault(429, { 'Retry-After': '600' }), 'throttled'],
  ];
  for (const [name, arrange, code] of cases) {
    it(name, async () => {
      await arrange();
      const r = await run();
      assert.equal(r.ok, false);
      assert.equal(r.code, code);
      assert.ok(r.message.length > 20 && !/HTTP|Error/.test(r.message), `a sentence for people: ${r.message}`);
    });
  }

  it('an unknown Graph host → unknownHost, naming the host', async () => {
    const r = await run('https://graph.tandem-test.invalid');
    assert.equal(r.code, 'unknownHost');
    assert.match(r.message, /graph\.tandem-test\.invalid/);
  });

  it('plain http to a remote host is refused as a TLS problem, without any request', async () => {
    const r = await testConnection(
      { service: service({ graphUrl: 'http://graph.example.com' }), email: 'x@example.com', login: null },
      { allowInsecureLoopback: true },
    );
    assert.equal(r.code, 'tlsFailure');
  });

  it('no token at all → needsSignIn', async () => {
    const r = await testConnection({ service: service({}), email: 'x@example.com', login: null });
    assert.equal(r.code, 'needsSignIn');
  });
});

describe('connection test: basic authentication (reachability only until the EWS/IMAP connectors exist)', () => {
  const plain = createServer((s) => {
    s.on('error', () => {}); // a TLS client hangs up abruptly on a non-TLS answer
    s.end('* OK IMAP ready\r\n');
  });
  let open = 0;
  let closed = 0;
  before(async () => {
    open = await listen(plain);
    const spare = createServer();
    closed = await listen(spare);
    await new Promise<void>((r) => spare.close(() => r()));
  });
  after(() => plain.close());

  const imap = (host: string, port: number, security: 'tls' | 'starttls' | 'none') =>
    service({
      type: 'imap',
      auth: 'basic',
      effectiveProtocol: null,
      address: host,
      imap: { host, port, security },
      smtp: null,
      sendEmails: false,
    });
  const run = (s: MailServiceInternal) =>
    testConnection({ service: s, email: 'x@example.com', login: 'x', password: 'pw' }, { timeoutMs: 3000 });

  it('a reachable server → unsupported (the password is not checked yet, and the result says so)', async () => {
    const r = await run(imap('127.0.0.1', open, 'starttls'));
    assert.deepEqual([r.ok, r.code], [false, 'unsupported']);
    assert.match(r.message, /cannot check the sign-in/);
  });

  it('a closed port → unreachable, pointing at the IMAP host field', async () => {
    const r = await run(imap('127.0.0.1', closed, 'none'));
    assert.equal(r.code, 'unreachable');
    assert.equal(r.field, 'imap.host');
  });

  it('an unknown host → unknownHost', async () => {
    const r = await run(imap('imap.tandem-test.invalid', 993, 'tls'));
    assert.equal(r.code, 'unknownHost');
  });

  it('a port that does not speak TLS where TLS is configured → tlsFailure', async () => {
    const r = await run(imap('127.0.0.1', open, 'tls'));
    assert.equal(r.code, 'tlsFailure');
  });

  it('Exchange with basic auth probes the service address over https', async () => {
    const r = await run(
      service({ auth: 'basic', protocol: 'ews', effectiveProtocol: 'ews', address: `127.0.0.1:${closed}` }),
    );
    assert.equal(r.code, 'unreachable');
    assert.equal(r.field, 'address');
  });
});
