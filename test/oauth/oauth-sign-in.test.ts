import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OAUTH_REDIRECT_PATH } from '../../src/server/mail/microsoft-365.ts';
import type { Client } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import {
  authorize,
  callback,
  connectedMailboxId,
  locationOf,
  type OAuthHarness,
  oauthHarness,
  resultError,
  signInNew,
  startSignIn,
} from './oauth-harness.ts';

/**
 * OA-1…OA-3 end to end: Tandem's start route → the emulator's authorize endpoint → Tandem's callback at the
 * vendor's exact redirect path, with every way it can go wrong ending on the result page with nothing saved.
 */
for (const dialect of await dialects()) {
  describe(`OAuth sign-in (${dialect.name})`, () => {
    let database: TestDatabase;
    let h: OAuthHarness;
    let anna: Client;

    before(async () => {
      database = await dialect.open();
      h = await oauthHarness(database);
      await h.fx.addUser('anna', 'Anna Petrova');
      await h.fx.addUser('boris', 'Boris Ivanov');
      anna = await h.user('anna');
    });
    after(async () => {
      await h.close();
      await database.drop();
    });

    const mailboxes = async (client: Client) =>
      (
        await client.json<{ items: { id: string; email: string; state: string }[] }>(
          'GET',
          '/api/mailboxes',
          undefined,
          200,
        )
      ).items;

    it('OA-3: the start route redirects to the authorize endpoint with PKCE S256, state, nonce and login_hint', async () => {
      const url = await startSignIn(
        anna,
        `/api/mailboxes/oauth/start?email=anna%40contoso.test&mailServiceId=${h.serviceId}`,
      );
      assert.equal(url.origin, h.fx.url);
      assert.equal(url.pathname, `/${h.fx.tenant.id}/oauth2/v2.0/authorize`);
      const q = url.searchParams;
      assert.equal(q.get('response_type'), 'code');
      assert.equal(q.get('client_id'), h.fx.app.clientId);
      assert.equal(q.get('redirect_uri'), `http://localhost:3000${OAUTH_REDIRECT_PATH}`);
      assert.equal(q.get('code_challenge_method'), 'S256');
      assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
      assert.ok((q.get('state') ?? '').length >= 32);
      assert.ok(q.get('nonce'));
      assert.equal(q.get('login_hint'), 'anna@contoso.test');
      const scopes = (q.get('scope') ?? '').split(' ');
      for (const s of ['offline_access', 'User.Read', 'Mail.ReadWrite', 'Contacts.ReadWrite', 'Tasks.ReadWrite']) {
        assert.ok(scopes.includes(s), `scope ${s}`);
      }
      // The state is stored hashed, never as sent.
      const rows = await database.db.selectFrom('oauth_states').select('state_hash').execute();
      assert.ok(rows.length > 0 && rows.every((r) => r.state_hash !== q.get('state')));
    });

    it('OA-3: a successful sign-in creates the mailbox, connected, and lands on its settings page', async () => {
      const final = await signInNew(anna, 'anna@contoso.test', h.serviceId);
      const id = connectedMailboxId(final);
      const mine = await mailboxes(anna);
      assert.deepEqual(
        mine.map((m) => [m.id, m.email, m.state]),
        [[id, 'anna@contoso.test', 'connected']],
      );
      // Tokens are stored encrypted (MS-11) and never shown.
      const row = await database.db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.match(row.access_token_enc ?? '', /^v1:/);
      assert.match(row.refresh_token_enc ?? '', /^v1:/);
      const shown = await anna.json<Record<string, unknown>>('GET', `/api/mailboxes/${id}`, undefined, 200);
      assert.ok(!JSON.stringify(shown).includes('eyJ'), 'no token in the API response');
    });

    it('a replayed callback (same state and code) is refused and changes nothing', async () => {
      const authorizeUrl = await startSignIn(
        anna,
        `/api/mailboxes/oauth/start?email=anna%40contoso.test&mailServiceId=${h.serviceId}`,
      );
      const path = await authorize(authorizeUrl);
      connectedMailboxId(await callback(anna, path));
      const before = await database.db.selectFrom('mailboxes').select(['id', 'modified_at']).execute();
      assert.equal(resultError(await callback(anna, path)), 'replayedState');
      assert.deepEqual(await database.db.selectFrom('mailboxes').select(['id', 'modified_at']).execute(), before);
    });

    it('a code replayed under a fresh state is rejected by the identity provider (codeRejected)', async () => {
      const first = await authorize(
        await startSignIn(anna, `/api/mailboxes/oauth/start?email=anna%40contoso.test&mailServiceId=${h.serviceId}`),
      );
      connectedMailboxId(await callback(anna, first));
      const second = await authorize(
        await startSignIn(anna, `/api/mailboxes/oauth/start?email=anna%40contoso.test&mailServiceId=${h.serviceId}`),
      );
      const usedCode = new URLSearchParams(first.split('?')[1]).get('code') ?? '';
      const freshState = new URLSearchParams(second.split('?')[1]).get('state') ?? '';
      const forged = `${OAUTH_REDIRECT_PATH}?code=${encodeURIComponent(usedCode)}&state=${encodeURIComponent(freshState)}`;
      assert.equal(resultError(await callback(anna, forged)), 'codeRejected');
    });

    it('a wrong or unknown state is refused (invalidState)', async () => {
      const final = await callback(anna, `${OAUTH_REDIRECT_PATH}?code=abc&state=not-a-state-we-issued`);
      assert.equal(resultError(final), 'invalidState');
      assert.equal(resultError(await callback(anna, `${OAUTH_REDIRECT_PATH}?code=abc`)), 'invalidState');
    });

    it('a state started in another session is refused, even for the same user (bound to the session)', async () => {
      const other = await h.user('victor');
      const path = await authorize(
        await startSignIn(other, `/api/mailboxes/oauth/start?email=boris%40contoso.test&mailServiceId=${h.serviceId}`),
      );
      assert.equal(resultError(await callback(anna, path)), 'invalidState');
      assert.equal((await mailboxes(anna)).filter((m) => m.email === 'boris@contoso.test').length, 0);
    });

    it('an expired state (older than ten minutes) is refused (expiredState)', async () => {
      const path = await authorize(
        await startSignIn(anna, `/api/mailboxes/oauth/start?email=boris%40contoso.test&mailServiceId=${h.serviceId}`),
      );
      await database.db
        .updateTable('oauth_states')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('used_at', 'is', null)
        .execute();
      assert.equal(resultError(await callback(anna, path)), 'expiredState');
      assert.equal((await mailboxes(anna)).filter((m) => m.email === 'boris@contoso.test').length, 0);
    });

    it('mailboxMismatch: signing in at Microsoft as another account saves nothing', async () => {
      const authorizeUrl = await startSignIn(
        anna,
        `/api/mailboxes/oauth/start?email=anna.p%40contoso.test&mailServiceId=${h.serviceId}`,
      );
      // No directory user is anna.p, so the emulator shows its sign-in form; the user signs in as boris.
      const page = await fetch(authorizeUrl, { redirect: 'manual' });
      const html = await page.text();
      const ctx = /name="ctx" value="([^"]+)"/.exec(html)?.[1];
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      assert.ok(ctx && action, 'the sign-in form');
      const posted = await fetch(new URL(action, h.fx.url), {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ ctx, login: 'boris@contoso.test', passwd: 'boris-pw' }),
      });
      const back = new URL(locationOf(posted));
      assert.equal(resultError(await callback(anna, `${back.pathname}${back.search}`)), 'mailboxMismatch');
      assert.equal((await mailboxes(anna)).filter((m) => m.email === 'anna.p@contoso.test').length, 0);
    });

    it('cancel at the consent page (error=access_denied) lands on the result page with nothing saved', async () => {
      const unconsented = await h.fx.control.createApp({
        tenant: h.fx.tenant.id,
        displayName: 'Tandem (no admin consent)',
        redirectUris: [`http://localhost:3000${OAUTH_REDIRECT_PATH}`],
        delegatedScopes: [
          'User.Read',
          'Mail.ReadWrite',
          'Mail.Send',
          'Contacts.ReadWrite',
          'Calendars.ReadWrite',
          'Tasks.ReadWrite',
        ],
        consented: false,
      });
      const serviceId = await h.addService(unconsented, 'Unconsented');
      const authorizeUrl = await startSignIn(
        anna,
        `/api/mailboxes/oauth/start?email=boris%40contoso.test&mailServiceId=${serviceId}`,
      );
      const page = await fetch(authorizeUrl, { redirect: 'manual' });
      const html = await page.text();
      assert.match(html, /idBtn_Back/, 'the consent page');
      const ctx = /name="ctx" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
      const cancelled = await fetch(new URL(action, h.fx.url), {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ ctx, decision: 'cancel' }),
      });
      const back = new URL(locationOf(cancelled));
      assert.equal(back.searchParams.get('error'), 'access_denied');
      assert.equal(resultError(await callback(anna, `${back.pathname}${back.search}`)), 'cancelled');
      assert.equal((await mailboxes(anna)).filter((m) => m.email === 'boris@contoso.test').length, 0);
    });

    it('MB-4: signing in to somebody else’s mailbox again is 404, and the callback needs a session', async () => {
      const [mine] = await mailboxes(anna);
      assert.ok(mine);
      const boris = await h.user('boris');
      assert.equal((await boris.request('GET', `/api/mailboxes/${mine.id}/oauth/start`)).statusCode, 404);
      // Without a session (it ended during the sign-in) the browser lands on the result page, nothing saved.
      const anonymous = await h.app.inject({ method: 'GET', url: `${OAUTH_REDIRECT_PATH}?code=x&state=y` });
      assert.equal(anonymous.statusCode, 302);
      assert.match(String(anonymous.headers.location), /\/mailboxes\/oauth-result\?error=signedOut$/);
    });

    it('the start route refuses a service without OAuth and a malformed address (validation errors)', async () => {
      const bad = await anna.request('GET', `/api/mailboxes/oauth/start?email=nope&mailServiceId=${h.serviceId}`);
      assert.equal(bad.statusCode, 400);
      assert.equal((bad.json() as { error: { details: { field: string } } }).error.details.field, 'email');
      const missing = await anna.request('GET', '/api/mailboxes/oauth/start?email=a%40contoso.test&mailServiceId=x');
      assert.equal(missing.statusCode, 400);
    });
  });
}
