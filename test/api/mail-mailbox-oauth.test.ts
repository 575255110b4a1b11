import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { mailboxService } from '../../src/server/mail/mailbox.service.ts';
import { createVault, generateVaultKey } from '../../src/server/mail/vault/secret-vault.ts';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { create, expectError, MISSING_ID } from './api-support.ts';

/**
 * OA-3: the mailbox operations the OAuth sign-in and the token manager use (createConnected, saveTokens,
 * setState, recordTest, internal), seen through the API a user has, on every dialect.
 */

for (const dialect of await dialects()) {
  describe(`mailboxes signed in with OAuth (${dialect.name})`, () => {
    const vault = createVault(generateVaultKey());
    let db: TestDatabase;
    let app: FastifyInstance;
    let bob: Client;
    let carol: Client;
    const services = { oauth: '' };

    before(async () => {
      db = await dialect.open();
      app = await testApp(
        db,
        {},
        { vault, testConnection: async () => ({ ok: true, code: 'ok', message: 'Connected.' }) },
      );
      const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      bob = await createUser(admin, app, 'bob');
      carol = await createUser(admin, app, 'carol');
      services.oauth = (
        await create(admin, '/api/mail-services', {
          type: 'exchange',
          address: 'outlook.office365.com',
          auth: 'oauth2',
          clientId: 'client-id',
          clientSecret: 'client-secret',
        })
      ).id;
    });
    after(async () => {
      await app?.close();
      await db?.drop();
    });

    it('OA-3: createConnected adds an OAuth mailbox, and signing in again updates it keeping its settings', async () => {
      const tokens = { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: '2030-01-01T10:00:00.000Z' };
      const input = { email: 'Dana@Contoso.example', mailServiceId: services.oauth, tokens, remoteUserId: 'remote-1' };
      const created = await mailboxService.createConnected(db.db, vault, { id: carol.userId }, input);
      assert.deepEqual(
        [created.state, created.ownerId, created.tokenExpiresAt],
        ['connected', carol.userId, tokens.expiresAt],
      );
      assert.deepEqual(created.password, { set: false });
      await carol.json('PUT', `/api/mailboxes/${created.id}/sync-settings`, { conflictPolicy: 'crmWins' }, 200);
      await mailboxService.setState(db.db, created.id, 'needsSignIn');
      const again = await mailboxService.createConnected(
        db.db,
        vault,
        { id: carol.userId },
        {
          ...input,
          email: 'dana@contoso.example',
          tokens: { accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: '2030-01-02T10:00:00.000Z' },
        },
      );
      assert.equal(again.id, created.id, 'the same mailbox');
      assert.equal(again.state, 'connected');
      const settings = await carol.json<{ conflictPolicy: string }>(
        'GET',
        `/api/mailboxes/${created.id}/sync-settings`,
      );
      assert.equal(settings.conflictPolicy, 'crmWins', 'sync settings kept');
      const internal = await mailboxService.internal(db.db, vault, created.id);
      assert.deepEqual(internal.tokens, {
        accessToken: 'at-2',
        refreshToken: 'rt-2',
        expiresAt: '2030-01-02T10:00:00.000Z',
      });
      assert.equal(internal.service.clientSecret, 'client-secret');
      assert.equal(internal.service.effectiveProtocol, 'graph');
      const password = await carol.request('PATCH', `/api/mailboxes/${created.id}`, { password: 'x' });
      assert.equal(expectError(password, 400, 'TANDEM_ERR_VALIDATION', 'password').details?.rule, 'oauthSignIn');
      const other = await mailboxService.createConnected(db.db, vault, { id: bob.userId }, input);
      assert.notEqual(other.id, created.id, 'another user gets their own mailbox');
    });

    it('OA-3: saveTokens stores a rotated refresh token, keeps it when none is sent; recordTest and setState', async () => {
      const box = await mailboxService.createConnected(
        db.db,
        vault,
        { id: carol.userId },
        {
          email: 'erin@contoso.example',
          mailServiceId: services.oauth,
          tokens: { accessToken: 'a1', refreshToken: 'r1', expiresAt: '2030-01-01T00:00:00Z' },
          remoteUserId: null,
        },
      );
      await mailboxService.saveTokens(db.db, vault, box.id, {
        accessToken: 'a2',
        refreshToken: 'r2',
        expiresAt: '2030-01-01T01:00:00Z',
        remoteUserId: 'graph-user-id',
      });
      await mailboxService.saveTokens(db.db, vault, box.id, {
        accessToken: 'a3',
        refreshToken: null,
        expiresAt: '2030-01-01T02:00:00Z',
      });
      const internal = await mailboxService.internal(db.db, vault, box.id);
      assert.deepEqual(internal.tokens, {
        accessToken: 'a3',
        refreshToken: 'r2',
        expiresAt: '2030-01-01T02:00:00.000Z',
      });
      assert.equal(internal.remoteUserId, 'graph-user-id');
      await mailboxService.recordTest(db.db, box.id, {
        ok: false,
        code: 'needsSignIn',
        message: 'Sign in again.',
        at: '2030-01-01T03:00:00.000Z',
      });
      await mailboxService.setState(db.db, box.id, 'needsSignIn');
      const health = await carol.json('GET', `/api/mailboxes/${box.id}/health`);
      assert.deepEqual(health, {
        state: 'needsSignIn',
        tokenExpiresAt: '2030-01-01T02:00:00.000Z',
        lastTest: { at: '2030-01-01T03:00:00.000Z', ok: false, code: 'needsSignIn', message: 'Sign in again.' },
        subscription: null,
      });
      await assert.rejects(mailboxService.internal(db.db, vault, MISSING_ID), /not found/);
    });
  });
}
