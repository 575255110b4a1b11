import type { AccessTokenSource } from '../../connectors/graph/graph-client.ts';
import { createGraphMailbox } from '../../connectors/graph/graph-mailbox.ts';
import { createMailboxLimiter, GRAPH_LIMITS, type MailboxLimiter } from '../../connectors/mailbox-limiter.ts';
import { ConnectorError } from '../../connectors/port.ts';
import { isLoopbackHost, isTransportAllowed } from '../../connectors/transport-policy.ts';
import { hostOf, parseHostPort } from '../host-name.ts';
import type { MailServiceInternal } from '../mail-service.types.ts';
import { type ConnectionResult, codeForConnectorError, connectionResult } from './connection-codes.ts';
import { checkEwsCredentials } from './ews-credential-check.ts';
import { type ProbeResult, type ProbeTarget, probeEndpoint } from './reachability-probe.ts';

/**
 * The connection test (MB-3): before a mailbox is saved, and on demand from its health page.
 * - OAuth 2.0 through Graph: who-am-I (`GET /me`) with the mailbox's token proves the whole chain — token,
 *   consent, permissions, mailbox.
 * - Exchange Server with Basic auth (EWS): the name resolves, the port answers, the certificate is valid, then
 *   one authenticated EWS call proves the user name and password.
 * - IMAP/SMTP: until that connector exists, the test honestly checks what it can (name, port, certificate)
 *   and reports `unsupported` for the password check instead of pretending it passed.
 */

export interface ConnectionTestInput {
  service: MailServiceInternal;
  email: string;
  login: string | null;
  password?: string | null;
  /** A fresh access token (e.g. right after sign-in); `opts.getAccessToken`, when given, takes precedence. */
  tokens?: { accessToken: string } | null;
}

export interface ConnectionTestOptions {
  allowInsecureLoopback?: boolean;
  /** Tokens of a saved OAuth mailbox, through the token manager. */
  getAccessToken?: AccessTokenSource;
  /** The mailbox's shared limiter, when it has one (a saved mailbox); else a private one is used. */
  limiter?: MailboxLimiter;
  timeoutMs?: number;
  fetch?: typeof fetch;
  probe?: (target: ProbeTarget) => Promise<ProbeResult>;
}

/** Tests whether Tandem can reach the mailbox with the given credentials; never throws for remote failures. */
export async function testConnection(
  input: ConnectionTestInput,
  opts: ConnectionTestOptions = {},
): Promise<ConnectionResult> {
  const { service } = input;
  if (service.auth === 'oauth2' && service.effectiveProtocol === 'graph') return testGraph(input, opts);
  const reachable = await testReachability(service, opts);
  if (reachable.code !== 'unsupported') return reachable;
  if (service.type === 'exchange' && service.auth === 'basic' && input.password) {
    const { host, port, tls } = ewsEndpoint(service, opts.allowInsecureLoopback ?? false);
    const code = await checkEwsCredentials({
      url: `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}/EWS/Exchange.asmx`,
      login: input.login ?? input.email,
      password: input.password,
      ...(opts.timeoutMs && { timeoutMs: opts.timeoutMs }),
      ...(opts.fetch && { fetch: opts.fetch }),
    });
    return connectionResult(code, host, code === 'wrongPassword' ? 'password' : undefined);
  }
  return reachable;
}

async function testGraph(input: ConnectionTestInput, opts: ConnectionTestOptions): Promise<ConnectionResult> {
  const graphUrl = input.service.graphUrl;
  const host = new URL(graphUrl).host;
  const allowInsecure = opts.allowInsecureLoopback ?? false;
  if (!isTransportAllowed(new URL(graphUrl), allowInsecure)) return connectionResult('tlsFailure', host, 'graphUrl');
  // A saved mailbox goes through the token manager (which refreshes an expiring token); a token handed in
  // directly (right after sign-in) is used as it is.
  const fixed = input.tokens?.accessToken;
  const getAccessToken: AccessTokenSource | undefined = opts.getAccessToken ?? (fixed ? async () => fixed : undefined);
  if (!getAccessToken) return connectionResult('needsSignIn', host);
  const mailbox = createGraphMailbox({
    graphUrl,
    getAccessToken,
    limiter: opts.limiter ?? createMailboxLimiter({ ...GRAPH_LIMITS, maxAttempts: 2, maxWaitMs: 5_000 }),
    allowInsecureLoopback: allowInsecure,
    ...(opts.fetch && { fetch: opts.fetch }),
    ...(opts.timeoutMs && { timeoutMs: opts.timeoutMs }),
  });
  try {
    await mailbox.whoAmI();
    return connectionResult('ok', host);
  } catch (err) {
    if (!(err instanceof ConnectorError)) throw err;
    return connectionResult(codeForConnectorError(err), host);
  }
}

/** The servers a basic-auth (or EWS) service talks to, with the form field each comes from. */
function endpointsOf(
  service: MailServiceInternal,
  allowInsecureLoopback: boolean,
): { target: ProbeTarget; field: string }[] {
  if (service.type === 'imap') {
    const out: { target: ProbeTarget; field: string }[] = [];
    if (service.imap && (service.downloadEmails || !service.smtp)) {
      const { host, port, security } = service.imap;
      out.push({ target: { host, port, tls: security === 'tls' }, field: 'imap.host' });
    }
    if (service.smtp && service.sendEmails) {
      const { host, port, security } = service.smtp;
      out.push({ target: { host, port, tls: security === 'tls' }, field: 'smtp.host' });
    }
    return out;
  }
  return [{ target: ewsEndpoint(service, allowInsecureLoopback), field: 'address' }];
}

/**
 * Exchange: EWS lives on https, port 443 unless the address names another (MS-3); plain http only to a
 * loopback host with OAUTH_ALLOW_INSECURE_LOOPBACK (a local test server), never otherwise.
 */
function ewsEndpoint(service: MailServiceInternal, allowInsecureLoopback: boolean): ProbeTarget {
  const parsed = parseHostPort(service.address);
  const host = 'host' in parsed ? parsed.host : hostOf(service.address);
  const port = 'host' in parsed && parsed.port !== null ? parsed.port : 443;
  const plain = allowInsecureLoopback && isLoopbackHost(host);
  return { host, port, tls: !plain };
}

async function testReachability(service: MailServiceInternal, opts: ConnectionTestOptions): Promise<ConnectionResult> {
  const probe = opts.probe ?? probeEndpoint;
  const endpoints = endpointsOf(service, opts.allowInsecureLoopback ?? false);
  for (const { target, field } of endpoints) {
    const result = await probe({ ...target, ...(opts.timeoutMs && { timeoutMs: opts.timeoutMs }) });
    if (!result.ok) return connectionResult(result.failure, target.host, field);
  }
  const names = endpoints.map((e) => e.target.host).join(' and ') || service.address;
  return connectionResult('unsupported', names);
}
