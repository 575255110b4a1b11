import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { ControlClient } from '../../src/control/control-client.ts';
import { buildEmulator, type Emulator } from '../../src/server.ts';

/**
 * Shared set-up for the identity-oauth-*.test.ts files: an emulator listening on 127.0.0.1:0 with one tenant
 * (contoso.com) and one unconsented confidential app, discovered by openid-client v6, plus the page and
 * token helpers those flows use.
 */

export const REDIRECT = 'http://127.0.0.1:53682/callback';
export const OTHER_REDIRECT = 'http://127.0.0.1:53682/other';
export const PASSWORD = 'Passw0rd!';

export interface OAuthHarness {
  emulator: Emulator;
  base: string;
  control: ControlClient;
  tenantId: string;
  app: { clientId: string; clientSecret: string };
  config: oidc.Configuration;
}

export async function startOAuthHarness(): Promise<OAuthHarness> {
  const emulator = await buildEmulator({ graphPlugin: false });
  await emulator.app.listen({ port: 0, host: '127.0.0.1' });
  const address = emulator.app.server.address();
  assert.ok(address && typeof address === 'object');
  const base = `http://127.0.0.1:${address.port}`;
  const control = new ControlClient(base);
  const tenantId = (await control.createTenant('contoso.com')).id;
  const app = await control.createApp({
    tenant: tenantId,
    displayName: 'Tandem CRM',
    redirectUris: [REDIRECT, OTHER_REDIRECT],
    delegatedScopes: ['Mail.ReadWrite', 'Contacts.ReadWrite', 'offline_access', 'openid', 'profile', 'email'],
    applicationRoles: ['Mail.ReadWrite', 'Contacts.ReadWrite'],
    consented: false,
  });
  const config = await oidc.discovery(new URL(`${base}/${tenantId}/v2.0`), app.clientId, app.clientSecret, undefined, {
    execute: [oidc.allowInsecureRequests],
  });
  return { emulator, base, control, tenantId, app, config };
}

export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

export interface AuthorizeInput {
  scope: string;
  verifier: string;
  state: string;
  nonce?: string;
  redirectUri?: string;
  loginHint?: string;
}

export async function authorizeUrl(h: OAuthHarness, input: AuthorizeInput): Promise<URL> {
  const params: Record<string, string> = {
    redirect_uri: input.redirectUri ?? REDIRECT,
    scope: input.scope,
    state: input.state,
    code_challenge: await oidc.calculatePKCECodeChallenge(input.verifier),
    code_challenge_method: 'S256',
  };
  if (input.nonce) params.nonce = input.nonce;
  if (input.loginHint) params.login_hint = input.loginHint;
  return oidc.buildAuthorizationUrl(h.config, params);
}

/** Reads the hidden `ctx` field and the form action of an emulator page. */
export function formOf(html: string): { action: string; ctx: string } {
  const action = html.match(/<form method="post" action="([^"]+)"/)?.[1];
  const ctx = html.match(/name="ctx" value="([^"]+)"/)?.[1];
  assert.ok(action && ctx, 'page has a form');
  return { action: action.replace(/&#47;/g, '/'), ctx };
}

export async function postForm(h: OAuthHarness, action: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${h.base}${action}`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
}

export async function newUser(h: OAuthHarness, email: string): Promise<string> {
  return (await h.control.createUser({ tenant: h.tenantId, email, password: PASSWORD, displayName: email })).id;
}

/** Pre-signed-in user who already consented: authorize answers with a code straight away. */
export async function codeFor(h: OAuthHarness, email: string, input: AuthorizeInput): Promise<URL> {
  const res = await fetch(await authorizeUrl(h, { ...input, loginHint: email }), { redirect: 'manual' });
  assert.equal(res.status, 302, 'authorize redirects with a code');
  return new URL(res.headers.get('location') ?? '');
}
