/**
 * The identity platform as a real OAuth client sees it (openid-client v6 against the emulator on 127.0.0.1:0):
 * discovery, and authorization code + PKCE through the HTML sign-in and consent pages, with the JWT claims
 * resource servers rely on. Refresh: identity-oauth-refresh.test.ts; consent and app-only: identity-oauth-app.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import type { ControlClient } from '../src/control/control-client.ts';
import type { Emulator } from '../src/server.ts';
import {
  authorizeUrl,
  claimsOf,
  codeFor,
  formOf,
  newUser,
  type OAuthHarness,
  OTHER_REDIRECT,
  PASSWORD,
  postForm,
  REDIRECT,
  startOAuthHarness,
} from './support/oauth-harness.ts';

let h: OAuthHarness;
let emulator: Emulator;
let base: string;
let control: ControlClient;
let tenantId: string;
let app: { clientId: string; clientSecret: string };
let config: oidc.Configuration;

before(async () => {
  h = await startOAuthHarness();
  ({ emulator, base, control, tenantId, app, config } = h);
});

after(async () => {
  await emulator.app.close();
});

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
    userId = await newUser(h, 'adele@contoso.com');
    firstVerifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const state = oidc.randomState();
    const page = await fetch(
      await authorizeUrl(h, {
        scope: 'openid profile email offline_access Mail.ReadWrite',
        verifier: firstVerifier,
        state,
        nonce,
      }),
    );
    assert.equal(page.status, 200);
    const signIn = formOf(await page.text());

    const wrong = await postForm(h, signIn.action, { ctx: signIn.ctx, login: 'adele@contoso.com', passwd: 'nope' });
    const wrongHtml = await wrong.text();
    assert.equal(wrong.status, 200);
    assert.match(wrongHtml, /Your account or password is incorrect/);
    assert.match(wrongHtml, /AADSTS50126/);

    const ok = await postForm(h, signIn.action, { ctx: signIn.ctx, login: 'adele@contoso.com', passwd: PASSWORD });
    const consentHtml = await ok.text();
    assert.equal(ok.status, 200);
    assert.match(consentHtml, /Tandem CRM/);
    assert.match(consentHtml, /data-scope="https:\/\/graph.microsoft.com\/Mail.ReadWrite"/);
    assert.match(consentHtml, /data-scope="offline_access"/);

    const consent = formOf(consentHtml);
    const accepted = await postForm(h, consent.action, { ctx: consent.ctx, decision: 'accept' });
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
    const code = await codeFor(h, 'adele@contoso.com', { scope: 'Mail.ReadWrite', verifier, state: 'st' });
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
    const code = await codeFor(h, 'adele@contoso.com', { scope: 'Mail.ReadWrite', verifier, state: 'st' });
    const elsewhere = new URL(`${OTHER_REDIRECT}${code.search}`);
    await assert.rejects(
      oidc.authorizationCodeGrant(config, elsewhere, { pkceCodeVerifier: verifier, expectedState: 'st' }),
      (err: oidc.ResponseBodyError) =>
        err.error === 'invalid_grant' && /^AADSTS50011:/.test(err.error_description ?? ''),
    );
  });

  test('an unregistered redirect_uri is refused on a page, never redirected to', async () => {
    const url = await authorizeUrl(h, {
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
