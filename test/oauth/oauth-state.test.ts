import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { userService } from '../../src/server/crm/users/user.service.ts';
import { createVault, generateVaultKey } from '../../src/server/mail/vault/secret-vault.ts';
import { oauthStateService } from '../../src/server/oauth/oauth-state.service.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

/** Pending sign-ins (OA-3): hashed, bound to the session, single use, ten minutes — on SQLite and PostgreSQL. */
for (const dialect of await dialects()) {
  describe(`OAuth state store (${dialect.name})`, () => {
    let database: TestDatabase;
    let userId: string;
    const vault = createVault(generateVaultKey());
    const session = (sessionHash = 'session-a') => ({ userId, sessionHash });

    before(async () => {
      database = await dialect.open();
      await userService.ensureAdministrator(database.db, 'admin-password-1');
      const row = await database.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
      userId = row.id;
    });
    after(() => database.drop());

    const begin = (now = Date.now()) =>
      oauthStateService.begin(
        database.db,
        vault,
        session(),
        { draft: { email: 'a@example.com', mailServiceId: 'svc' } },
        now,
      );

    it('stores only a hash of the state and an encrypted PKCE verifier', async () => {
      const started = await begin();
      const rows = await database.db.selectFrom('oauth_states').selectAll().execute();
      const row = rows.at(-1);
      assert.ok(row);
      assert.notEqual(row.state_hash, started.state);
      assert.match(row.code_verifier_enc, /^v1:/);
      assert.equal(row.nonce, started.nonce);
    });

    it('gives the pending sign-in back once, to the same session only', async () => {
      const { state } = await begin();
      assert.deepEqual(await oauthStateService.consume(database.db, vault, state, session('session-b')), {
        ok: false,
        failure: 'invalidState',
      });
      const first = await oauthStateService.consume(database.db, vault, state, session());
      assert.ok(first.ok);
      assert.deepEqual(first.pending.draft, { email: 'a@example.com', mailServiceId: 'svc' });
      assert.match(first.pending.codeVerifier, /^[A-Za-z0-9_-]{43,128}$/);
      assert.deepEqual(await oauthStateService.consume(database.db, vault, state, session()), {
        ok: false,
        failure: 'replayedState',
      });
    });

    it('expires after ten minutes', async () => {
      const t0 = Date.now();
      const { state } = await begin(t0);
      const late = await oauthStateService.consume(database.db, vault, state, session(), t0 + 10 * 60_000 + 1);
      assert.deepEqual(late, { ok: false, failure: 'expiredState' });
    });

    it('of two callbacks racing with one state, exactly one wins', async () => {
      const { state } = await begin();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => oauthStateService.consume(database.db, vault, state, session())),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(results.every((r) => r.ok || r.failure === 'replayedState'));
    });
  });
}
