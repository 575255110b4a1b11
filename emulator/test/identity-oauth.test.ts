/**
 * The identity platform as a real OAuth client sees it: openid-client v6 against the emulator listening on
 * 127.0.0.1:0 — discovery, auth code + PKCE through the HTML sign-in and consent pages, refresh rotation,
 * revocation, client credentials — plus the JWT claims resource servers rely on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import { GraphError } from '../src/contracts.ts';
import { ControlClient } from '../src/control/control-client.ts';
import { buildEmulator, type Emulator } from '../src/server.ts';

const REDIRECT = 'http://127.0.0.1:53682/callback';
const OTHER_REDIRECT = 'http://127.0.0.1:53682/other';
const PASSWORD = 'Passw0rd!';

let emulator: Emulator;
let base: string;
let control: ControlClient;
let tenantId: string;
let app: { clientId: string; clientSecret: string };
let config: oidc.Configuration;

before(async () => {
  emulator = await buildEmulator({ graphPlugin: false });
  await emulator.app.listen({ port: 0, host: '127.0.0.1' });
  const address = emulator.app.server.address();
  assert.ok(address && typeof address === 'object');
  base = `http://127.0.0.1:${address.port}`;
  control = new ControlClient(base);
  tenantId = (await control.createTenant('contoso.com')).id;
  app = await control.createApp({
    tenant: tenantId,
    displayName: 'Tandem CRM',
    redirectUris: [REDIRECT, OTHER_REDIRECT],
    delegatedScopes: ['Mail.ReadWrite', 'Contacts.ReadWrite', 'offline_access', 'openid', 'profile', 'email'],
    applicationRoles: ['Mail.ReadWrite', 'Contacts.ReadWrite'],
    consented: false,
  });
  config = await oidc.discovery(new URL(`${base}/${tenantId}/v2.0`), app.clientId, app.clientSecret, undefined, {
    execute: [oidc.allowInsecureRequests],
  });
});

after(async () => {
  await emulator.app.close();
});

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

interface AuthorizeInput {
  scope: string;
  verifier: string;
  state: string;
  nonce?: string;
  redirectUri?: string;
  loginHint?: string;
}

async function authorizeUrl(input: AuthorizeInput): Promise<URL> {
  const params: Record<string, string> = {
    redirect_uri: input.redirectUri ?? REDIRECT,
    scope: input.scope,
    state: input.state,
    code_challenge: await oidc.calculatePKCECodeChallenge(input.verifier),
    code_challenge_method: 'S256',
  };
  if (input.nonce) params.nonce = input.nonce;
  if (input.loginHint) params.login_hint = input.loginHint;
  return oidc.buildAuthorizationUrl(config, params);
}

/** Reads the hidden `ctx` field and the form action of an emulator page. */
function formOf(html: string): { action: string; ctx: string } {
  const action = html.match(/<form method="post" action="([^"]+)"/)?.[1];
  const ctx = html.match(/name="ctx" value="([^"]+)"/)?.[1];
  assert.ok(action && ctx, 'page has a form');
  return { action: action.replace(/&#47;/g, '/'), ctx };
}

async function postForm(action: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${base}${action}`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
}

async function newUser(email: string): Promise<string> {
  return (await control.createUser({ tenant: tenantId, email, password: PASSWORD, displayName: email })).id;
}

/** Pre-signed-in user who already consented: authorize answers with a code straight away. */
async function codeFor(email: string, input: AuthorizeInput): Promise<URL> {
  const res = await fetch(await authorizeUrl({ ...input, loginHint: email }), { redirect: 'manual' });
  assert.equal(res.status, 302, 'authorize redirects with a code');
  return new URL(res.headers.get('location') ?? '');
}

describe('discovery', () => {
  test('the issuer equals the discovery base for a tenant id and for a domain', async () => {
    assert.equal(config.serverMetadata().issuer, `${base}/${tenantId}/v2.0`);
    const byDomain = await oidc.discovery(
      new URL(`${base}/contoso.com/v2.0`),
      app.clientId,
      app.clientSecret,
      undefined,
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    assert.equal(byDomain.serverMetadata().token_endpoint, `${base}/contoso.com/oauth2/v2.0/token`);
  });

  test('an unknown tenant answers invalid_tenant with AADSTS90002 in Entra error shape', async () => {
    const res = await fetch(`${base}/fabrikam.com/v2.0/.well-known/openid-configuration`);
    assert.equal(res.status, 400);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.error, 'invalid_tenant');
    assert.deepEqual(body.error_codes, [90002]);
    assert.match(
      String(body.error_description),
      /^AADSTS90002: .*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s,
    );
  });
});

describe('authorization code + PKCE through the sign-in and consent pages', () => {
  let firstCode: URL;
  let firstVerifier: string;
  let userId: string;

  test('sign-in page rejects a wrong password, then consent lists the scopes, then tokens come back', async () => {
    userId = await newUser('adele@contoso.com');
    firstVerifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const state = oidc.randomState();
    const page = await fetch(
      await authorizeUrl({
        scope: 'openid profile email offline_access Mail.ReadWrite',
        verifier: firstVerifier,
        state,
        nonce,
      }),
    );
    assert.equal(page.status, 200);
    const signIn = formOf(await page.text());

    const wrong = await postForm(signIn.action, { ctx: signIn.ctx, login: 'adele@contoso.com', passwd: 'nope' });
    const wrongHtml = await wrong.text();
    assert.equal(wrong.status, 200);
    assert.match(wrongHtml, /Your account or password is incorrect/);
    assert.match(wrongHtml, /AADSTS50126/);

    const ok = await postForm(signIn.action, { ctx: signIn.ctx, login: 'adele@contoso.com', passwd: PASSWORD });
    const consentHtml = await ok.text();
    assert.equal(ok.status, 200);
    assert.match(consentHtml, /Tandem CRM/);
    assert.match(consentHtml, /data-scope="https:\/\/graph.microsoft.com\/Mail.ReadWrite"/);
    assert.match(consentHtml, /data-scope="offline_access"/);

    const consent = formOf(consentHtml);
    const accepted = await postForm(consent.action, { ctx: consent.ctx, decision: 'accept' });
    assert.equal(accepted.status, 302);
    firstCode = new URL(accepted.headers.get('location') ?? '');
    assert.equal(`${firstCode.origin}${firstCode.pathname}`, REDIRECT);
    assert.equal(firstCode.searchParams.get('state'), state);

    const tokens = await oidc.authorizationCodeGrant(config, firstCode, {
      pkceCodeVerifier: firstVerifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    assert.equal(tokens.expires_in, 3600);
    assert.ok(tokens.refresh_token, 'offline_access yields a refresh token');
    assert.equal(tokens.claims()?.nonce, nonce);
    assert.equal(tokens.claims()?.oid, userId);

    const at = claimsOf(tokens.access_token);
    assert.equal(at.aud, 'https://graph.microsoft.com');
    assert.equal(at.iss, `${base}/${tenantId}/v2.0`);
    assert.equal(at.tid, tenantId);
    assert.equal(at.oid, userId);
    assert.equal(at.azp, app.clientId);
    assert.equal(at.appid, app.clientId);
    assert.equal(at.ver, '2.0');
    assert.equal(at.roles, undefined);
    assert.deepEqual(String(at.scp).split(' ').sort(), ['Mail.ReadWrite', 'email', 'openid', 'profile']);
    assert.equal(Number(at.exp) - Number(at.iat), 3600);
    assert.ok(Number(at.nbf) <= Math.floor(Date.now() / 1000));

    const principal = emulator.authenticate({
      method: 'GET',
      url: '/v1.0/me',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    assert.deepEqual(principal, {
      tenantId,
      appId: app.clientId,
      userId,
      scopes: ['Mail.ReadWrite', 'openid', 'profile', 'email'],
      roles: [],
    });
  });

  test('a code cannot be redeemed twice (AADSTS54005)', async () => {
    await assert.rejects(
      oidc.authorizationCodeGrant(config, firstCode, {
        pkceCodeVerifier: firstVerifier,
        expectedState: oidc.skipStateCheck,
      }),
      (err: oidc.ResponseBodyError) => {
        assert.equal(err.error, 'invalid_grant');
        assert.deepEqual((err.cause as { error_codes: number[] }).error_codes, [54005]);
        return true;
      },
    );
  });

  test('a wrong PKCE verifier is rejected (AADSTS501481) and the code still works with the right one', async () => {
    await control.signIn('adele@contoso.com');
    const verifier = oidc.randomPKCECodeVerifier();
    const code = await codeFor('adele@contoso.com', { scope: 'Mail.ReadWrite', verifier, state: 'st' });
    await assert.rejects(
      oidc.authorizationCodeGrant(config, code, {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedState: 'st',
      }),
      (err: oidc.ResponseBodyError) =>
        err.error === 'invalid_grant' && /^AADSTS501481:/.test(err.error_description ?? ''),
    );
    const tokens = await oidc.authorizationCodeGrant(config, code, { pkceCodeVerifier: verifier, expectedState: 'st' });
    assert.ok(tokens.access_token);
  });

  test('redeeming with another registered redirect_uri is rejected (AADSTS50011)', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const code = await codeFor('adele@contoso.com', { scope: 'Mail.ReadWrite', verifier, state: 'st' });
    const elsewhere = new URL(`${OTHER_REDIRECT}${code.search}`);
    await assert.rejects(
      oidc.authorizationCodeGrant(config, elsewhere, { pkceCodeVerifier: verifier, expectedState: 'st' }),
      (err: oidc.ResponseBodyError) =>
        err.error === 'invalid_grant' && /^AADSTS50011:/.test(err.error_description ?? ''),
    );
  });

  test('an unregistered redirect_uri is refused on a page, never redirected to', async () => {
    const url = await authorizeUrl({
      scope: 'Mail.ReadWrite',
      verifier: oidc.randomPKCECodeVerifier(),
      state: 's',
      redirectUri: 'http://127.0.0.1:9/evil',
    });
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    assert.match(await res.text(), /AADSTS50011/);
  });
});

describe('refresh tokens', () => {
  let refresh: string;

  before(async () => {
    await newUser('bianca@contoso.com');
    await control.signIn('bianca@contoso.com');
    // Consent once through the page, as a pre-signed-in user skips only the sign-in form.
    const verifier = oidc.randomPKCECodeVerifier();
    const page = await fetch(
      await authorizeUrl({
        scope: 'openid offline_access Mail.ReadWrite',
        verifier,
        state: 'r',
        loginHint: 'bianca@contoso.com',
      }),
    );
    const consent = formOf(await page.text());
    const res = await postForm(consent.action, { ctx: consent.ctx, decision: 'accept' });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(res.headers.get('location') ?? ''), {
      pkceCodeVerifier: verifier,
      expectedState: 'r',
    });
    refresh = tokens.refresh_token ?? '';
  });

  test('every refresh returns a new refresh token, and the old ones keep working', async () => {
    const seen = new Set([refresh]);
    let current = refresh;
    for (let i = 0; i < 3; i++) {
      const next = await oidc.refreshTokenGrant(config, current);
      assert.ok(next.refresh_token && !seen.has(next.refresh_token), 'a fresh refresh token each time');
      seen.add(next.refresh_token);
      current = next.refresh_token;
    }
    const again = await oidc.refreshTokenGrant(config, refresh);
    assert.ok(again.access_token, 'the first refresh token was not revoked by rotation');
  });

  test('one refresh token mints separate tokens for Graph and Exchange, never both at once (AADSTS28000)', async () => {
    await assert.rejects(
      oidc.refreshTokenGrant(config, refresh, {
        scope: 'Mail.ReadWrite https://outlook.office365.com/EWS.AccessAsUser.All',
      }),
      (err: oidc.ResponseBodyError) =>
        err.error === 'invalid_scope' && /^AADSTS28000:/.test(err.error_description ?? ''),
    );
    // Exchange was never consented: consent_required, as Entra answers.
    await assert.rejects(
      oidc.refreshTokenGrant(config, refresh, { scope: 'https://outlook.office365.com/EWS.AccessAsUser.All' }),
      (err: oidc.ResponseBodyError) =>
        err.error === 'invalid_grant' && (err.cause as { suberror?: string }).suberror === 'consent_required',
    );
  });

  test('after revocation the refresh token fails with invalid_grant AADSTS50173', async () => {
    const revoked = await control.revoke('bianca@contoso.com');
    assert.ok(revoked.revokedRefreshTokens >= 1);
    await assert.rejects(oidc.refreshTokenGrant(config, refresh), (err: oidc.ResponseBodyError) => {
      assert.equal(err.error, 'invalid_grant');
      assert.deepEqual((err.cause as { error_codes: number[] }).error_codes, [50173]);
      return true;
    });
  });
});

describe('consent', () => {
  test('Cancel on the consent page returns access_denied with AADSTS65004 and the state', async () => {
    await newUser('carlos@contoso.com');
    await control.signIn('carlos@contoso.com');
    const page = await fetch(
      await authorizeUrl({
        scope: 'Mail.ReadWrite',
        verifier: oidc.randomPKCECodeVerifier(),
        state: 'keep-me',
        loginHint: 'carlos@contoso.com',
      }),
    );
    const html = await page.text();
    assert.match(html, /Permissions requested/);
    assert.match(html, /carlos@contoso.com/);
    const consent = formOf(html);
    const res = await postForm(consent.action, { ctx: consent.ctx, decision: 'cancel' });
    assert.equal(res.status, 302);
    const back = new URL(res.headers.get('location') ?? '');
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.match(back.searchParams.get('error_description') ?? '', /^AADSTS65004:/);
    assert.equal(back.searchParams.get('state'), 'keep-me');
    assert.equal(back.searchParams.get('code'), null);
  });

  test('prompt=none without a session answers login_required instead of a page', async () => {
    const url = await authorizeUrl({
      scope: 'Mail.ReadWrite',
      verifier: oidc.randomPKCECodeVerifier(),
      state: 'n',
      loginHint: 'nobody@contoso.com',
    });
    url.searchParams.set('prompt', 'none');
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(new URL(res.headers.get('location') ?? '').searchParams.get('error'), 'login_required');
  });

  test('admin consent redirects with admin_consent=True and lets client credentials carry roles', async () => {
    const res = await fetch(
      `${base}/${tenantId}/v2.0/adminconsent?client_id=${app.clientId}&scope=https://graph.microsoft.com/.default&redirect_uri=${encodeURIComponent(REDIRECT)}&state=ac`,
      { redirect: 'manual' },
    );
    const back = new URL(res.headers.get('location') ?? '');
    assert.equal(back.searchParams.get('admin_consent'), 'True');
    assert.equal(back.searchParams.get('tenant'), tenantId);
    assert.equal(back.searchParams.get('state'), 'ac');
  });
});

describe('client credentials', () => {
  test('an admin-consented app gets roles and no scp; the token authenticates as app-only', async () => {
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'https://graph.microsoft.com/.default' });
    const at = claimsOf(tokens.access_token);
    assert.deepEqual(at.roles, ['Mail.ReadWrite', 'Contacts.ReadWrite']);
    assert.equal(at.scp, undefined);
    assert.equal(at.idtyp, 'app');
    assert.equal(tokens.refresh_token, undefined);
    const principal = emulator.authenticate({
      method: 'GET',
      url: '/v1.0/users',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    assert.equal(principal.userId, undefined);
    assert.deepEqual(principal.roles, ['Mail.ReadWrite', 'Contacts.ReadWrite']);
  });

  test('without admin consent the token carries no roles (Entra issues role-less app tokens)', async () => {
    const bare = await control.createApp({
      tenant: tenantId,
      displayName: 'Unconsented daemon',
      applicationRoles: ['Mail.ReadWrite'],
    });
    const daemon = await oidc.discovery(
      new URL(`${base}/${tenantId}/v2.0`),
      bare.clientId,
      bare.clientSecret,
      undefined,
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    const tokens = await oidc.clientCredentialsGrant(daemon, { scope: 'https://graph.microsoft.com/.default' });
    assert.equal(claimsOf(tokens.access_token).roles, undefined);
  });

  test('scopes other than {resource}/.default are refused (AADSTS1002012)', async () => {
    await assert.rejects(
      oidc.clientCredentialsGrant(config, { scope: 'https://graph.microsoft.com/Mail.ReadWrite' }),
      (err: oidc.ResponseBodyError) =>
        err.error === 'invalid_scope' && /^AADSTS1002012:/.test(err.error_description ?? ''),
    );
  });

  test('a wrong secret over HTTP Basic is invalid_client with status 401 (AADSTS7000215)', async () => {
    const wrong = await oidc.discovery(
      new URL(`${base}/${tenantId}/v2.0`),
      app.clientId,
      undefined,
      oidc.ClientSecretBasic('not-the-secret'),
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    await assert.rejects(
      oidc.clientCredentialsGrant(wrong, { scope: 'https://graph.microsoft.com/.default' }),
      (err: oidc.ResponseBodyError) => {
        assert.equal(err.status, 401);
        assert.equal(err.error, 'invalid_client');
        assert.deepEqual((err.cause as { error_codes: number[] }).error_codes, [7000215]);
        return true;
      },
    );
    const right = await oidc.discovery(
      new URL(`${base}/${tenantId}/v2.0`),
      app.clientId,
      undefined,
      oidc.ClientSecretBasic(app.clientSecret),
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    assert.ok(
      (await oidc.clientCredentialsGrant(right, { scope: 'https://graph.microsoft.com/.default' })).access_token,
    );
  });
});

describe('bearer validation for Graph', () => {
  test('an Exchange token, a tampered token and no token are 401 InvalidAuthenticationToken', async () => {
    const ews = await fetch(`${base}/${tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        scope: 'https://outlook.office365.com/.default',
      }),
    });
    const ewsToken = String(((await ews.json()) as { access_token: string }).access_token);
    assert.equal(claimsOf(ewsToken).aud, 'https://outlook.office365.com');
    const headersFor = (authorization?: string) => ({
      method: 'GET',
      url: '/v1.0/me',
      headers: authorization ? { authorization } : {},
    });
    const [h, p] = ewsToken.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claimsOf(ewsToken), aud: 'https://graph.microsoft.com' })).toString('base64url')}.${ewsToken.split('.')[2]}`;
    for (const [auth, message] of [
      [`Bearer ${ewsToken}`, /Invalid audience/],
      [`Bearer ${forged}`, /validation failure/],
      [undefined, /empty/],
      [`Bearer ${h}.${p}`, /CompactToken/],
    ] as const) {
      assert.throws(
        () => emulator.authenticate(headersFor(auth)),
        (err: GraphError) =>
          err instanceof GraphError &&
          err.status === 401 &&
          err.code === 'InvalidAuthenticationToken' &&
          message.test(err.message),
      );
    }
    assert.ok(
      emulator.authenticateExchange(headersFor(`Bearer ${ewsToken}`)).roles.length === 0,
      'EWS audience accepted by the EWS validator',
    );
  });
});
