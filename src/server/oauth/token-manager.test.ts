import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../connectors/port.ts';
import { codeForConnectorError } from '../mail/connection/connection-codes.ts';
import { GrantError } from './grant-errors.ts';
import { createTokenManager, type SignInReason, type StoredTokens, type TokenSet } from './token-manager.ts';

/** In-memory storage and a scripted token endpoint, so the manager is tested without a database (DESIGN §7.7). */
function harness(initial: TokenSet | undefined, clock = { now: 1_000_000 }) {
  const stored = new Map<string, StoredTokens<string>>();
  if (initial) stored.set('mb1', { ...initial, service: 'svc' });
  const saves: TokenSet[] = [];
  const marks: { id: string; reason: SignInReason }[] = [];
  const refreshCalls: string[] = [];
  let counter = 0;
  let failWith: unknown;
  let gate: Promise<void> = Promise.resolve();
  const manager = createTokenManager<string>({
    now: () => clock.now,
    load: async (id) => {
      await Promise.resolve();
      const t = stored.get(id);
      return t && { ...t };
    },
    save: async (id, tokens) => {
      saves.push(tokens);
      stored.set(id, { ...tokens, service: 'svc' });
    },
    markNeedsSignIn: async (id, reason) => {
      marks.push({ id, reason });
    },
    refresh: async (refreshToken, service) => {
      assert.equal(service, 'svc');
      refreshCalls.push(refreshToken);
      await gate;
      if (failWith) throw failWith;
      counter++;
      return { accessToken: `at-${counter}`, refreshToken: `rt-${counter}`, expiresAt: clock.now + 3600_000 };
    },
  });
  return {
    manager,
    stored,
    saves,
    marks,
    refreshCalls,
    clock,
    failWith: (err: unknown) => {
      failWith = err;
    },
    hold: () => {
      let release = () => {};
      gate = new Promise<void>((r) => {
        release = r;
      });
      return release;
    },
  };
}

describe('token manager (OA-3)', () => {
  it('returns the stored access token while more than five minutes are left', async () => {
    const h = harness({ accessToken: 'at-0', refreshToken: 'rt-0', expiresAt: 1_000_000 + 10 * 60_000 });
    assert.equal(await h.manager.getAccessToken('mb1'), 'at-0');
    assert.deepEqual(h.refreshCalls, []);
  });

  it('refreshes when less than five minutes are left and saves the rotated refresh token', async () => {
    const h = harness({ accessToken: 'at-0', refreshToken: 'rt-0', expiresAt: 1_000_000 + 4 * 60_000 });
    assert.equal(await h.manager.getAccessToken('mb1'), 'at-1');
    assert.deepEqual(h.refreshCalls, ['rt-0']);
    assert.equal(h.stored.get('mb1')?.refreshToken, 'rt-1');
    // The next refresh uses the rotated token, and it is saved again.
    h.clock.now += 3600_000;
    assert.equal(await h.manager.getAccessToken('mb1'), 'at-2');
    assert.deepEqual(h.refreshCalls, ['rt-0', 'rt-1']);
    assert.deepEqual(
      h.saves.map((s) => s.refreshToken),
      ['rt-1', 'rt-2'],
    );
  });

  it('ten concurrent callers share one refresh (single-flight per mailbox)', async () => {
    const h = harness({ accessToken: 'at-0', refreshToken: 'rt-0', expiresAt: 1_000_000 - 1 });
    const release = h.hold();
    const callers = Array.from({ length: 10 }, () => h.manager.getAccessToken('mb1'));
    await new Promise((r) => setTimeout(r, 10));
    release();
    const tokens = await Promise.all(callers);
    assert.deepEqual(new Set(tokens), new Set(['at-1']));
    assert.equal(h.refreshCalls.length, 1);
    assert.equal(h.saves.length, 1);
  });

  it('keeps the old refresh token when the provider sends no new one', async () => {
    const h = harness({ accessToken: 'at-0', refreshToken: 'rt-0', expiresAt: 0 });
    const manager = createTokenManager<string>({
      now: () => 1_000_000,
      load: async () => ({ accessToken: 'at-0', refreshToken: 'rt-0', expiresAt: 0, service: 'svc' }),
      save: async (_id, t) => {
        h.saves.push(t);
      },
      markNeedsSignIn: async () => {},
      refresh: async () => ({ accessToken: 'at-x', refreshToken: null, expiresAt: 9_999_999 }),
    });
    assert.equal(await manager.getAccessToken('mb1'), 'at-x');
    assert.equal(h.saves[0]?.refreshToken, 'rt-0');
  });

  it('invalid_grant marks the mailbox "needs sign-in" and throws a neutral AUTH error', async () => {
    const h = harness({ accessToken: 'at-0', refreshToken: 'rt-0', expiresAt: 0 });
    h.failWith(new GrantError('invalidGrant', 'invalid_grant AADSTS50173'));
    await assert.rejects(
      h.manager.getAccessToken('mb1'),
      (err: unknown) => err instanceof ConnectorError && err.kind === 'AUTH' && err.reason === 'grantRevoked',
    );
    assert.deepEqual(h.marks, [{ id: 'mb1', reason: 'grantRevoked' }]);
    assert.equal(h.saves.length, 0);
  });

  it('a rejected client secret is an administrator matter: no "needs sign-in", reason clientRejected', async () => {
    const h = harness({ accessToken: 'at-0', refreshToken: 'rt-0', expiresAt: 0 });
    h.failWith(new GrantError('invalidClient', 'invalid_client AADSTS7000215'));
    await assert.rejects(
      h.manager.getAccessToken('mb1'),
      (err: unknown) => err instanceof ConnectorError && err.kind === 'AUTH' && err.reason === 'clientRejected',
    );
    assert.deepEqual(h.marks, [], 'signing in again would not help, so the owner is not asked to');
    assert.equal(
      codeForConnectorError(new ConnectorError('AUTH', 'x', { reason: 'clientRejected' })),
      'serviceMisconfigured',
    );
  });

  it('missing consent also needs the owner to sign in, with its own reason', async () => {
    const h = harness({ accessToken: 'at-0', refreshToken: 'rt-0', expiresAt: 0 });
    h.failWith(new GrantError('consentRequired', 'invalid_grant AADSTS65001'));
    await assert.rejects(h.manager.getAccessToken('mb1'), (err: unknown) => {
      return err instanceof ConnectorError && err.kind === 'AUTH' && err.reason === 'consentMissing';
    });
    assert.deepEqual(h.marks, [{ id: 'mb1', reason: 'consentMissing' }]);
  });

  it('a network failure during refresh is passed on unchanged and does not touch the mailbox state', async () => {
    const h = harness({ accessToken: 'at-0', refreshToken: 'rt-0', expiresAt: 0 });
    h.failWith(new ConnectorError('UNREACHABLE', 'login.example: cannot connect (ECONNREFUSED)'));
    await assert.rejects(
      h.manager.getAccessToken('mb1'),
      (err: unknown) => err instanceof ConnectorError && err.kind === 'UNREACHABLE',
    );
    assert.deepEqual(h.marks, []);
    // The failed refresh is not cached: the next call tries again.
    h.failWith(undefined);
    assert.equal(await h.manager.getAccessToken('mb1'), 'at-1');
  });

  it('an expired token without a refresh token needs sign-in', async () => {
    const h = harness({ accessToken: 'at-0', refreshToken: null, expiresAt: 0 });
    await assert.rejects(h.manager.getAccessToken('mb1'), (err: unknown) => isAuth(err));
    assert.deepEqual(h.marks, [{ id: 'mb1', reason: 'noRefreshToken' }]);
  });

  it('forceRefresh refreshes even a token that looks valid (the server refused it)', async () => {
    const h = harness({ accessToken: 'at-0', refreshToken: 'rt-0', expiresAt: 1_000_000 + 3600_000 });
    assert.equal(await h.manager.getAccessToken('mb1'), 'at-0');
    assert.equal(await h.manager.getAccessToken('mb1', { forceRefresh: true }), 'at-1');
    assert.equal(h.refreshCalls.length, 1);
  });

  it('a mailbox without tokens is an AUTH error', async () => {
    const h = harness(undefined);
    await assert.rejects(h.manager.getAccessToken('mb1'), (err: unknown) => isAuth(err));
  });
});

function isAuth(err: unknown): boolean {
  return err instanceof ConnectorError && err.kind === 'AUTH';
}
