/**
 * Lifetimes and error shapes of the token endpoint, driven with a fake clock through `app.inject`: codes expire
 * after 10 minutes, refresh tokens after their (configurable) inactivity lifetime, access tokens after
 * `accessTokenLifetimeSec`.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { beforeEach, describe, test } from 'node:test';
import type { GraphError } from '../src/contracts.ts';
import { buildEmulator, type Emulator } from '../src/server.ts';

const REDIRECT = 'http://localhost:3000/auth';
let clock = Date.parse('2026-01-05T09:00:00Z');
let emulator: Emulator;
let tenantId: string;
let app: { clientId: string; clientSecret: string };

async function inject(
  method: 'GET' | 'POST',
  url: string,
  payload?: Record<string, string> | object,
  headers: Record<string, string> = {},
) {
  const form = method === 'POST' && url.includes('/oauth2/');
  return emulator.app.inject({
    method,
    url,
    headers: form ? { 'content-type': 'application/x-www-form-urlencoded', ...headers } : headers,
    payload: form ? new URLSearchParams(payload as Record<string, string>).toString() : (payload as object | undefined),
  });
}

async function token(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await inject(
    'POST',
    `/${tenantId}/oauth2/v2.0/token`,
    { client_id: app.clientId, client_secret: app.clientSecret, ...fields },
    headers,
  );
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

async function code(scope: string): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const q = new URLSearchParams({
    client_id: app.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const res = await inject('GET', `/${tenantId}/oauth2/v2.0/authorize?${q}`);
  assert.equal(res.statusCode, 302);
  return { code: new URL(String(res.headers.location)).searchParams.get('code') ?? '', verifier };
}

function redeem(c: { code: string; verifier: string }, extra: Record<string, string> = {}) {
  return token({
    grant_type: 'authorization_code',
    code: c.code,
    code_verifier: c.verifier,
    redirect_uri: REDIRECT,
    ...extra,
  });
}

beforeEach(async () => {
  emulator = await buildEmulator({ graphPlugin: false, now: () => clock });
  tenantId = (await inject('POST', '/_emulator/tenants', { domain: 'contoso.com' })).json().id;
  app = (
    await inject('POST', '/_emulator/apps', {
      tenant: tenantId,
      displayName: 'Tandem',
      redirectUris: [REDIRECT],
      delegatedScopes: [
        'Mail.ReadWrite',
        'offline_access',
        'openid',
        'https://outlook.office365.com/EWS.AccessAsUser.All',
      ],
      consented: true,
    })
  ).json();
  await inject('POST', '/_emulator/users', { tenant: tenantId, email: 'adele@contoso.com', password: 'pw' });
  await inject('POST', '/_emulator/users/adele@contoso.com/signin');
});

describe('lifetimes', () => {
  test('a code redeemed after 10 minutes is expired (AADSTS70008); before that it works', async () => {
    const late = await code('Mail.ReadWrite');
    const onTime = await code('Mail.ReadWrite');
    clock += 9 * 60_000;
    assert.equal((await redeem(onTime)).status, 200);
    clock += 61_000;
    const res = await redeem(late);
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_grant');
    assert.deepEqual(res.body.error_codes, [70008]);
  });

  test('a refresh token unused for its lifetime fails with AADSTS700082; a rotated one lives on', async () => {
    await inject('POST', '/_emulator/config', { refreshTokenLifetimeSec: 3600 });
    const first = await redeem(await code('offline_access Mail.ReadWrite'));
    const old = String(first.body.refresh_token);
    clock += 50 * 60_000;
    const rotated = await token({ grant_type: 'refresh_token', refresh_token: old });
    assert.equal(rotated.status, 200);
    clock += 20 * 60_000;
    const expired = await token({ grant_type: 'refresh_token', refresh_token: old });
    assert.equal(expired.status, 400);
    assert.deepEqual(expired.body.error_codes, [700082]);
    assert.match(String(expired.body.error_description), /inactive for 0\.01:00:00/);
    assert.equal(
      (await token({ grant_type: 'refresh_token', refresh_token: String(rotated.body.refresh_token) })).status,
      200,
    );
  });

  test('expires_in follows accessTokenLifetimeSec and Graph refuses the token once it expires', async () => {
    await inject('POST', '/_emulator/config', { accessTokenLifetimeSec: 120 });
    const res = await redeem(await code('Mail.ReadWrite'));
    assert.equal(res.body.expires_in, 120);
    const request = {
      method: 'GET',
      url: '/v1.0/me',
      headers: { authorization: `Bearer ${String(res.body.access_token)}` },
    };
    assert.equal(emulator.authenticate(request).scopes.includes('Mail.ReadWrite'), true);
    clock += 121_000;
    assert.throws(
      () => emulator.authenticate({ ...request }),
      (err: GraphError) => err.status === 401 && /expired/.test(err.message),
    );
  });
});

describe('what a token response contains', () => {
  test('no refresh token without offline_access, no id_token without openid', async () => {
    const plain = await redeem(await code('Mail.ReadWrite'));
    assert.equal(plain.status, 200);
    assert.equal(plain.body.refresh_token, undefined);
    assert.equal(plain.body.id_token, undefined);
    assert.equal(plain.body.scope, 'Mail.ReadWrite');
    const full = await redeem(await code('openid offline_access Mail.ReadWrite'));
    assert.equal(typeof full.body.refresh_token, 'string');
    assert.equal(typeof full.body.id_token, 'string');
  });
});

describe('token endpoint errors in Entra shape', () => {
  test('correlation_id echoes client-request-id; timestamps use the fake clock', async () => {
    const res = await token({ grant_type: 'magic' }, { 'client-request-id': '11111111-2222-3333-4444-555555555555' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'unsupported_grant_type');
    assert.deepEqual(res.body.error_codes, [70003]);
    assert.equal(res.body.correlation_id, '11111111-2222-3333-4444-555555555555');
    assert.equal(res.body.timestamp, `${new Date(clock).toISOString().slice(0, 19).replace('T', ' ')}Z`);
  });

  test('missing grant_type, unknown client, GET, client credentials on /common', async () => {
    assert.deepEqual((await token({})).body.error_codes, [900144]);
    const unknown = await inject('POST', `/${tenantId}/oauth2/v2.0/token`, {
      grant_type: 'client_credentials',
      client_id: '00000000-0000-0000-0000-000000000001',
      client_secret: 'x',
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error, 'unauthorized_client');
    assert.deepEqual(unknown.json().error_codes, [700016]);
    assert.deepEqual((await inject('GET', `/${tenantId}/oauth2/v2.0/token`)).json().error_codes, [900561]);
    const common = await inject('POST', '/common/oauth2/v2.0/token', {
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    assert.deepEqual(common.json().error_codes, [9001023]);
  });

  test('a code asked for two resources needs a scope on redemption (AADSTS28003), then gives one token per resource', async () => {
    const c = await code('offline_access Mail.ReadWrite https://outlook.office365.com/EWS.AccessAsUser.All');
    assert.deepEqual((await redeem(c)).body.error_codes, [28003]);
    const graph = await redeem(c, { scope: 'Mail.ReadWrite' });
    assert.equal(graph.status, 200);
    const ews = await token({
      grant_type: 'refresh_token',
      refresh_token: String(graph.body.refresh_token),
      scope: 'https://outlook.office365.com/EWS.AccessAsUser.All',
    });
    assert.equal(ews.status, 200);
    assert.match(String(ews.body.scope), /^https:\/\/outlook\.office365\.com\/EWS\.AccessAsUser\.All .*offline_access/);
    const claims = JSON.parse(Buffer.from(String(ews.body.access_token).split('.')[1] ?? '', 'base64url').toString());
    assert.equal(claims.aud, 'https://outlook.office365.com');
    assert.equal(claims.scp, 'EWS.AccessAsUser.All');
  });

  test("common issues tokens with the user's tenant id and an issuer matching its discovery document", async () => {
    const meta = (await inject('GET', '/common/v2.0/.well-known/openid-configuration')).json();
    assert.equal(meta.issuer, 'http://localhost:80/common/v2.0');
    const verifier = randomBytes(32).toString('base64url');
    const q = new URLSearchParams({
      client_id: app.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: 'openid Mail.ReadWrite',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const auth = await inject('GET', `/common/oauth2/v2.0/authorize?${q}`);
    const c = new URL(String(auth.headers.location)).searchParams.get('code') ?? '';
    const res = await inject('POST', '/common/oauth2/v2.0/token', {
      grant_type: 'authorization_code',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code: c,
      code_verifier: verifier,
      redirect_uri: REDIRECT,
    });
    const idToken = JSON.parse(Buffer.from(String(res.json().id_token).split('.')[1] ?? '', 'base64url').toString());
    assert.equal(idToken.iss, meta.issuer);
    assert.equal(idToken.tid, tenantId);
  });
});
