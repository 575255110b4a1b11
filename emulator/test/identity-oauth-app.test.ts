/**
 * Consent and app-only flows through openid-client v6 against the emulator: the consent page (cancel),
 * prompt=none, admin consent, client credentials with and without roles, client authentication, and how
 * Graph validates bearer tokens. The client-credentials tests rely on the admin consent granted before them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import { GraphError } from '../src/contracts.ts';
import type { ControlClient } from '../src/control/control-client.ts';
import type { Emulator } from '../src/server.ts';
import {
  authorizeUrl,
  claimsOf,
  formOf,
  newUser,
  type OAuthHarness,
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

describe('consent', () => {
  test('Cancel on the consent page returns access_denied with AADSTS65004 and the state', async () => {
    await newUser(h, 'carlos@contoso.com');
    await control.signIn('carlos@contoso.com');
    const page = await fetch(
      await authorizeUrl(h, {
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
    const res = await postForm(h, consent.action, { ctx: consent.ctx, decision: 'cancel' });
    assert.equal(res.status, 302);
    const back = new URL(res.headers.get('location') ?? '');
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.match(back.searchParams.get('error_description') ?? '', /^AADSTS65004:/);
    assert.equal(back.searchParams.get('state'), 'keep-me');
    assert.equal(back.searchParams.get('code'), null);
  });

  test('prompt=none without a session answers login_required instead of a page', async () => {
    const url = await authorizeUrl(h, {
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
