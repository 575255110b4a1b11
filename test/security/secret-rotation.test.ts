import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { mailServiceService } from '../../src/server/mail/mail-service.service.ts';
import { mailboxService } from '../../src/server/mail/mailbox.service.ts';
import { reencryptSecrets, rotateSecretKey } from '../../src/server/mail/vault/key-rotation.ts';
import { SECRET_AAD, secretColumns } from '../../src/server/mail/vault/secret-columns.ts';
import { createVault, generateVaultKey, type Vault, VaultError } from '../../src/server/mail/vault/secret-vault.ts';
import { keyFilePath, loadVaultKey } from '../../src/server/mail/vault/vault-key.ts';
import { ADMIN_PASSWORD, type Client, signIn, testApp } from '../helpers/app.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

/** MS-11: `tandem rotate-secret-key` re-encrypts every `*_enc` column in one transaction, on every dialect. */

const PLAIN = {
  clientSecret: 'rotation-client-secret',
  password: 'rotation-mailbox-password',
  accessToken: 'rotation-access-token',
  refreshToken: 'rotation-refresh-token',
  codeVerifier: 'rotation-code-verifier',
};

for (const dialect of await dialects()) {
  describe(`MS-11: secret key rotation (${dialect.name})`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let dataDir: string;
    let vault: Vault;
    let admin: Client;
    const ids = { service: '', basic: '', oauth: '' };

    before(async () => {
      db = await dialect.open();
      dataDir = mkdtempSync(join(tmpdir(), 'tandem-rotate-'));
      vault = createVault(loadVaultKey({ secretKey: undefined, dataDir }));
      app = await testApp(
        db,
        {},
        { vault, testConnection: async () => ({ ok: true, code: 'ok', message: 'Connected.' }) },
      );
      admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      ids.service = (
        await admin.json<{ id: string }>(
          'POST',
          '/api/mail-services',
          {
            type: 'exchange',
            address: 'outlook.office365.com',
            auth: 'oauth2',
            clientId: 'app',
            clientSecret: PLAIN.clientSecret,
          },
          201,
        )
      ).id;
      const basic = await admin.json<{ id: string }>(
        'POST',
        '/api/mail-services',
        { type: 'exchange', address: 'exch.example.com' },
        201,
      );
      ids.basic = (
        await admin.json<{ id: string }>(
          'POST',
          '/api/mailboxes',
          { email: 'admin@example.com', mailServiceId: basic.id, password: PLAIN.password },
          201,
        )
      ).id;
      ids.oauth = (
        await mailboxService.createConnected(
          db.db,
          vault,
          { id: admin.userId },
          {
            email: 'admin@contoso.example',
            mailServiceId: ids.service,
            tokens: {
              accessToken: PLAIN.accessToken,
              refreshToken: PLAIN.refreshToken,
              expiresAt: '2030-01-01T00:00:00Z',
            },
            remoteUserId: null,
          },
        )
      ).id;
      // A pending sign-in (the OAuth module's table), so rotation is seen to cover every *_enc column.
      const now = new Date().toISOString();
      await db.db
        .insertInto('oauth_states')
        .values({
          state_hash: 'state-hash-1',
          user_id: admin.userId,
          session_hash: 'session-hash',
          mailbox_id: ids.oauth,
          draft: null,
          code_verifier_enc: vault.encrypt(PLAIN.codeVerifier, SECRET_AAD.oauthCodeVerifier),
          nonce: 'nonce',
          created_at: now,
          expires_at: now,
          used_at: null,
        })
        .execute();
    });
    after(async () => {
      await app?.close();
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function readAll(v: Vault) {
      const basic = await mailboxService.internal(db.db, v, ids.basic);
      const oauth = await mailboxService.internal(db.db, v, ids.oauth);
      const state = await db.db.selectFrom('oauth_states').select('code_verifier_enc').executeTakeFirstOrThrow();
      return {
        clientSecret: (await mailServiceService.internal(db.db, v, ids.service)).clientSecret,
        password: basic.password,
        accessToken: oauth.tokens?.accessToken,
        refreshToken: oauth.tokens?.refreshToken,
        codeVerifier: v.decrypt(state.code_verifier_enc, SECRET_AAD.oauthCodeVerifier),
      };
    }

    it('MS-11: every *_enc column of the schema is found by the rotation', async () => {
      const found = (await secretColumns(db.db)).map((c) => `${c.table.replace(/^public\./, '')}.${c.column}`);
      assert.deepEqual(found, [
        'mail_services.client_secret_enc',
        'mailboxes.access_token_enc',
        'mailboxes.password_enc',
        'mailboxes.refresh_token_enc',
        'oauth_states.code_verifier_enc',
      ]);
      assert.deepEqual(
        (await secretColumns(db.db)).map((c) => c.aad),
        [
          SECRET_AAD.mailServiceClientSecret,
          SECRET_AAD.mailboxAccessToken,
          SECRET_AAD.mailboxPassword,
          SECRET_AAD.mailboxRefreshToken,
          SECRET_AAD.oauthCodeVerifier,
        ],
      );
    });

    it('MS-11: a value that cannot be decrypted aborts the rotation and changes nothing', async () => {
      const keyBefore = readFileSync(keyFilePath(dataDir), 'utf8');
      const good = await db.db
        .selectFrom('mailboxes')
        .select('password_enc')
        .where('id', '=', ids.basic)
        .executeTakeFirstOrThrow();
      const foreign = createVault(generateVaultKey()).encrypt('x', SECRET_AAD.mailboxPassword);
      await db.db.updateTable('mailboxes').set({ password_enc: foreign }).where('id', '=', ids.basic).execute();
      await assert.rejects(
        rotateSecretKey(db.db, { secretKey: undefined, dataDir }, () => {}),
        VaultError,
      );
      assert.equal(readFileSync(keyFilePath(dataDir), 'utf8'), keyBefore, 'the key file is untouched');
      assert.ok(!existsSync(`${keyFilePath(dataDir)}.new`), 'the staged key is removed');
      await db.db
        .updateTable('mailboxes')
        .set({ password_enc: good.password_enc })
        .where('id', '=', ids.basic)
        .execute();
      assert.deepEqual(await readAll(vault), PLAIN, 'every value still opens with the old key');
    });

    it('MS-11: with a key file, all values move to a new key that replaces the file (mode 0600)', async () => {
      const lines: string[] = [];
      const result = await rotateSecretKey(db.db, { secretKey: undefined, dataDir }, (l) => lines.push(l));
      assert.equal(result.values, 5);
      assert.equal(result.columns.length, 5);
      const next = createVault(loadVaultKey({ secretKey: undefined, dataDir }));
      assert.equal(next.keyId, result.keyId);
      assert.notEqual(next.keyId, vault.keyId);
      if (process.platform !== 'win32') assert.equal(statSync(keyFilePath(dataDir)).mode & 0o777, 0o600);
      assert.ok(!existsSync(`${keyFilePath(dataDir)}.new`));
      assert.match(lines.join('\n'), /Re-encrypted 5 secret value\(s\) in 5 column\(s\)/);
      assert.deepEqual(await readAll(next), PLAIN);
      await assert.rejects(readAll(vault), VaultError, 'the old key no longer opens anything');
      vault = next;
    });

    it('MS-11: with TANDEM_SECRET_KEY, the new key is printed for the operator and no file is written', async () => {
      // The operator had put the key in the environment: the data is encrypted with it.
      const envKey = generateVaultKey();
      await reencryptSecrets(db.db, vault, createVault(envKey));
      const envDir = mkdtempSync(join(tmpdir(), 'tandem-rotate-env-'));
      try {
        const lines: string[] = [];
        await rotateSecretKey(db.db, { secretKey: envKey, dataDir: envDir }, (l) => lines.push(l));
        const printed = /TANDEM_SECRET_KEY=(\S+)/.exec(lines.join('\n'))?.[1];
        assert.ok(printed, lines.join('\n'));
        assert.ok(!existsSync(keyFilePath(envDir)), 'no key file when the key comes from the environment');
        assert.deepEqual(await readAll(createVault(Buffer.from(printed, 'base64'))), PLAIN);
        await assert.rejects(readAll(createVault(envKey)), VaultError);
      } finally {
        rmSync(envDir, { recursive: true, force: true });
      }
    });
  });
}
