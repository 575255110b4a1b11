import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createGraphClient } from '../../src/server/connectors/graph/graph-client.ts';
import { createGraphMailbox } from '../../src/server/connectors/graph/graph-mailbox.ts';
import { createMailboxLimiter, GRAPH_LIMITS } from '../../src/server/connectors/mailbox-limiter.ts';
import { ConnectorError, type ConnectorErrorKind } from '../../src/server/connectors/port.ts';
import { type EmulatorFixture, startEmulator } from './emulator-fixture.ts';

/**
 * Graph, HTTP and network failures leave the adapter as one of the neutral kinds (DESIGN §7.4), whatever
 * Graph's code or the socket error was.
 */
describe('Graph connector: error translation', () => {
  let fx: EmulatorFixture;
  let token: string;
  let tokenRequests = 0;

  before(async () => {
    fx = await startEmulator();
    const user = await fx.addUser('carla');
    token = (await fx.tokensFor(user.email)).access_token;
  });
  after(() => fx.close());
  beforeEach(async () => {
    await fx.control.clearFaults();
    tokenRequests = 0;
  });

  /** One attempt per call, so the translation itself is what is observed. */
  const client = (graphUrl = fx.url) =>
    createGraphClient({
      graphUrl,
      getAccessToken: async () => {
        tokenRequests++;
        return token;
      },
      limiter: createMailboxLimiter({ ...GRAPH_LIMITS, maxAttempts: 1 }),
      allowInsecureLoopback: true,
      timeoutMs: 5000,
    });

  const failure = async (promise: Promise<unknown>): Promise<ConnectorError> => {
    try {
      await promise;
    } catch (err) {
      assert.ok(err instanceof ConnectorError, `expected a ConnectorError, got ${err}`);
      return err;
    }
    assert.fail('expected a failure');
  };

  const cases: [number, string | undefined, ConnectorErrorKind, Record<string, string>?][] = [
    [401, 'InvalidAuthenticationToken', 'AUTH'],
    [403, 'ErrorAccessDenied', 'PERMISSION'],
    [404, 'ErrorItemNotFound', 'NOT_FOUND'],
    [410, 'resyncRequired', 'CURSOR_EXPIRED'],
    [400, 'syncStateNotFound', 'CURSOR_EXPIRED'],
    [400, 'ErrorInvalidRequest', 'INVALID'],
    [429, 'ApplicationThrottled', 'THROTTLED', { 'Retry-After': '7' }],
    [500, 'generalException', 'TEMPORARY'],
    [503, 'serviceNotAvailable', 'TEMPORARY'],
    [504, undefined, 'TEMPORARY'],
    [418, undefined, 'INVALID'],
  ];
  for (const [status, code, kind, headers] of cases) {
    it(`HTTP ${status}${code ? ` ${code}` : ''} → ${kind}`, async () => {
      await fx.control.addFault({
        match: { path: '/v1.0/me/mailFolders/inbox' },
        respond: {
          status,
          ...(headers && { headers }),
          ...(code && { body: { error: { code, message: 'injected' } } }),
        },
      });
      const err = await failure(client().request('me/mailFolders/inbox'));
      assert.equal(err.kind, kind);
      if (status === 429) assert.equal(err.retryAfterMs, 7000);
    });
  }

  it('a 401 is retried once with a freshly refreshed token before it is reported', async () => {
    await fx.control.addFault({ match: { path: '/v1.0/me/mailFolders/inbox' }, respond: { status: 401 } });
    await failure(client().request('me/mailFolders/inbox'));
    assert.equal(tokenRequests, 2);
  });

  it('404 for a missing mailbox carries the mailboxNotFound reason', async () => {
    await fx.control.addFault({
      match: { path: '/v1.0/me' },
      respond: { status: 404, body: { error: { code: 'MailboxNotEnabledForRESTAPI', message: 'x' } } },
    });
    const err = await failure(createGraphMailbox({ ...opts(), graphUrl: fx.url }).whoAmI());
    assert.equal(err.kind, 'NOT_FOUND');
    assert.equal(err.reason, 'mailboxNotFound');
  });

  it('a token without the Contacts permission is refused as PERMISSION (insufficient scopes)', async () => {
    // An app registered (and consented) with User.Read only: its tokens carry no Contacts scope.
    const app = await fx.control.createApp({
      tenant: fx.tenant.id,
      displayName: 'Narrow app',
      redirectUris: [fx.redirectUri],
      delegatedScopes: ['User.Read'],
      consented: true,
    });
    const body = await fx.control.delegatedTokens({
      tenant: fx.tenant.id,
      ...app,
      redirectUri: fx.redirectUri,
      email: 'carla@contoso.test',
      scope: 'openid User.Read',
    });
    const narrow = String(body.access_token);
    const mailbox = createGraphMailbox({ ...opts(), graphUrl: fx.url, getAccessToken: async () => narrow });
    const err = await failure(mailbox.listFolders('contacts'));
    assert.equal(err.kind, 'PERMISSION');
    assert.equal(err.reason, 'insufficientScopes');
  });

  it('a dropped connection is TEMPORARY', async () => {
    await fx.control.addFault({ match: { path: '/v1.0/me/mailFolders/inbox' }, reset: true });
    const err = await failure(client().request('me/mailFolders/inbox'));
    assert.equal(err.kind, 'TEMPORARY');
  });

  it('a closed port is UNREACHABLE', async () => {
    const port = await freePort();
    const err = await failure(client(`http://127.0.0.1:${port}`).request('me'));
    assert.equal(err.kind, 'UNREACHABLE');
    assert.notEqual(err.reason, 'unknownHost');
  });

  it('an unknown host is UNREACHABLE with the unknownHost reason', async () => {
    // RFC 2606 reserves .invalid: it never resolves.
    const err = await failure(client('https://graph.tandem-test.invalid').request('me'));
    assert.equal(err.kind, 'UNREACHABLE');
    assert.equal(err.reason, 'unknownHost');
  });

  it('a server that does not speak TLS on an https URL is a TLS failure', async () => {
    const server = createServer((socket) => {
      socket.on('error', () => {}); // the TLS client hangs up abruptly on a non-TLS answer
      socket.end('not tls\r\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const err = await failure(client(`https://127.0.0.1:${port}`).request('me'));
      assert.equal(err.kind, 'TLS', err.detail);
    } finally {
      server.close();
    }
  });

  const opts = () => ({
    getAccessToken: async () => token,
    limiter: createMailboxLimiter({ ...GRAPH_LIMITS, maxAttempts: 1 }),
    allowInsecureLoopback: true,
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
