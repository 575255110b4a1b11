/**
 * Refresh tokens through openid-client v6 against the emulator: rotation (old tokens keep working), one
 * resource per token request (AADSTS28000), consent_required for an unconsented resource, and revocation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import type { ControlClient } from '../src/control/control-client.ts';
import type { Emulator } from '../src/server.ts';
import {
  authorizeUrl,
  formOf,
  newUser,
  type OAuthHarness,
  postForm,
  startOAuthHarness,
} from './support/oauth-harness.ts';

let h: OAuthHarness;
let emulator: Emulator;
let control: ControlClient;
let config: oidc.Configuration;

before(async () => {
  h = await startOAuthHarness();
  ({ emulator, control, config } = h);
});

after(async () => {
  await emulator.app.close();
});

describe('refresh tokens', () => {
  let refresh: string;

  before(async () => {
    await newUser(h, 'bianca@contoso.com');
    await control.signIn('bianca@contoso.com');
    // Consent once through the page, as a pre-signed-in user skips only the sign-in form.
    const verifier = oidc.randomPKCECodeVerifier();
    const page = await fetch(
      await authorizeUrl(h, {
        scope: 'openid offline_access Mail.ReadWrite',
        verifier,
        state: 'r',
        loginHint: 'bianca@contoso.com',
      }),
    );
    const consent = formOf(await page.text());
    const res = await postForm(h, consent.action, { ctx: consent.ctx, decision: 'accept' });
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
