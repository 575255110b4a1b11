import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/server/config.ts';
import { mailboxConnections } from '../../src/server/mail/connection/mailbox-connections.ts';
import { mailboxService } from '../../src/server/mail/mailbox.service.ts';
import type { Client } from '../helpers/app.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';
import {
  authorize,
  callback,
  connectedMailboxId,
  type OAuthHarness,
  oauthHarness,
  signInNew,
  startSignIn,
} from './oauth-harness.ts';

/**
 * OA-3 after sign-in: tokens refresh by themselves with the rotated refresh token stored each time; a revoked or
 * expired grant marks the mailbox "needs sign-in"; signing in again keeps the mailbox and its settings.
 */
describe('OAuth tokens of a connected mailbox', () => {
  let database: TestDatabase;
  let h: OAuthHarness;
  let anna: Client;
  let id: string;

  const connections = () =>
    mailboxConnections({
      db: database.db,
      vault: h.vault,
      config: loadConfig({ OAUTH_ALLOW_INSECURE_LOOPBACK: 'true' }),
    });
  const stored = () => mailboxService.internal(database.db, h.vault, id);
  /** Makes the stored access token look expired and drops the in-memory copy, so the next call must refresh. */
  const expireAccessToken = async () => {
    await database.db
      .updateTable('mailboxes')
      .set({ token_expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    connections().tokenManager.forget(id);
  };
  const folders = () => anna.request('GET', `/api/mailboxes/${id}/folders`);

  before(async () => {
    database = await freshSqlite();
    h = await oauthHarness(database);
    await h.fx.addUser('anna', 'Anna Petrova');
    anna = await h.user('anna');
    id = connectedMailboxId(await signInNew(anna, 'anna@contoso.test', h.serviceId));
  });
  after(async () => {
    await h.close();
    await database.drop();
  });

  it('lists the mailbox folders of every kind through the connector', async () => {
    const res = await folders();
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Record<string, { name: string; wellKnown?: string }[]>;
    assert.ok(body.mail?.some((f) => f.wellKnown === 'inbox'));
    assert.ok(body.contacts?.some((f) => f.wellKnown === 'contacts'));
    assert.ok(body.calendars?.some((f) => f.wellKnown === 'calendar'));
    assert.ok(body.tasks?.some((f) => f.wellKnown === 'tasks'));
  });

  it('MB-2, CT-1: folders chosen in the sync settings must exist in the mailbox', async () => {
    const body = (await folders()).json() as Record<string, { id: string; wellKnown?: string }[]>;
    const inbox = body.mail?.find((f) => f.wellKnown === 'inbox');
    assert.ok(inbox);
    const ok = await anna.request('PUT', `/api/mailboxes/${id}/sync-settings`, { mail: { folders: [inbox.id] } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().mail.folders, [inbox.id]);
    const bad = await anna.request('PUT', `/api/mailboxes/${id}/sync-settings`, {
      contacts: { importFolders: ['AAMkNoSuchFolder'] },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.deepEqual(bad.json().error.details, { field: 'contacts.importFolders.0', rule: 'notFound' });
    const kept = await anna.json<{ mail: { folders: string[] } }>('GET', `/api/mailboxes/${id}/sync-settings`);
    assert.deepEqual(kept.mail.folders, [inbox.id], 'the refused request changed nothing');
  });

  it('MB-3: the connection test of a signed-in mailbox passes', async () => {
    const result = await anna.json<{ ok: boolean; code: string }>('POST', `/api/mailboxes/${id}/test`, undefined, 200);
    assert.deepEqual([result.ok, result.code], [true, 'ok']);
  });

  it('an expiring access token is refreshed and the rotated refresh token is stored', async () => {
    const before = await stored();
    await expireAccessToken();
    assert.equal((await folders()).statusCode, 200);
    const after = await stored();
    assert.ok(after.tokens && before.tokens);
    assert.notEqual(after.tokens.accessToken, before.tokens.accessToken);
    assert.notEqual(after.tokens.refreshToken, before.tokens.refreshToken, 'the rotated refresh token is saved');
    assert.ok(Date.parse(after.tokens.expiresAt) > Date.now() + 10 * 60_000);
    assert.equal(after.state, 'connected');
  });

  it('MB-3: testing a mailbox whose access token expired refreshes it instead of asking to sign in', async () => {
    await expireAccessToken();
    const result = await anna.json<{ ok: boolean; code: string }>('POST', `/api/mailboxes/${id}/test`, undefined, 200);
    assert.deepEqual([result.ok, result.code], [true, 'ok']);
    assert.ok(Date.parse((await stored()).tokens?.expiresAt ?? '') > Date.now() + 10 * 60_000);
  });

  it('OA-3: a refresh token unused past its lifetime → needs sign-in → signing in again keeps id and settings', async () => {
    // The sync settings the user chose must survive the new sign-in.
    await anna.json('PUT', `/api/mailboxes/${id}/sync-settings`, { mail: { download: false } }, 200);
    await h.fx.control.setConfig({ refreshTokenLifetimeSec: 1 });
    await new Promise((r) => setTimeout(r, 1500));
    await expireAccessToken();
    const res = await folders();
    assert.equal(res.statusCode, 400, res.body);
    assert.equal((res.json() as { error: { details: { code: string } } }).error.details.code, 'needsSignIn');
    const box = await anna.json<{ state: string; lastTest: { code: string } }>(
      'GET',
      `/api/mailboxes/${id}`,
      undefined,
      200,
    );
    assert.equal(box.state, 'needsSignIn');
    assert.equal(box.lastTest.code, 'needsSignIn');

    await h.fx.control.setConfig({ refreshTokenLifetimeSec: 90 * 24 * 3600 });
    const again = await callback(anna, await authorize(await startSignIn(anna, `/api/mailboxes/${id}/oauth/start`)));
    assert.equal(connectedMailboxId(again), id);
    const list = await anna.json<{ items: { id: string; state: string }[] }>('GET', '/api/mailboxes', undefined, 200);
    assert.deepEqual(
      list.items.map((m) => [m.id, m.state]),
      [[id, 'connected']],
    );
    const settings = await anna.json<{ mail: { download: boolean } }>(
      'GET',
      `/api/mailboxes/${id}/sync-settings`,
      undefined,
      200,
    );
    assert.equal(settings.mail.download, false);
    assert.equal((await folders()).statusCode, 200);
  });

  it('OA-3: a revoked grant (AADSTS50173) also marks the mailbox "needs sign-in"', async () => {
    await h.fx.control.revoke('anna@contoso.test');
    await expireAccessToken();
    const res = await folders();
    assert.equal((res.json() as { error: { details: { code: string } } }).error.details.code, 'needsSignIn');
    assert.equal((await stored()).state, 'needsSignIn');
    // The owner signs in again (the revocation ended the emulator's browser session too).
    await h.fx.control.signIn('anna@contoso.test');
    const again = await callback(anna, await authorize(await startSignIn(anna, `/api/mailboxes/${id}/oauth/start`)));
    assert.equal(connectedMailboxId(again), id);
    assert.equal((await stored()).state, 'connected');
  });
});
