import { createHash, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Db } from '../db/database.ts';
import { SECRET_AAD } from '../mail/vault/secret-columns.ts';
import type { Vault } from '../mail/vault/secret-vault.ts';
import { oauthStateStore } from './oauth-state.store.ts';

/**
 * Pending sign-ins (OA-3). The `state` parameter is a random value that only its hash is stored of, bound to the
 * Tandem session that started the sign-in, usable once and for ten minutes — the lifetime Microsoft gives the
 * authorization code itself (entra/identity-platform/v2-oauth2-auth-code-flow). It protects the callback against
 * CSRF and login mix-up (RFC 9700 §4.7); the PKCE verifier stays on the server, encrypted (MS-11).
 */

export const STATE_LIFETIME_MS = 10 * 60_000;
/** Expired states are kept a day longer so a late callback hears "expired" rather than "unknown". */
const KEEP_EXPIRED_MS = 24 * 60 * 60_000;

/** What the sign-in is for: a new mailbox (`draft`) or signing an existing one in again (`mailboxId`). */
export type SignInTarget =
  | { mailboxId: string; draft?: undefined }
  | { mailboxId?: undefined; draft: { email: string; mailServiceId: string } };

export interface StartedSignIn {
  state: string;
  nonce: string;
  codeChallenge: string;
}

export interface PendingSignIn {
  userId: string;
  mailboxId: string | null;
  draft: { email: string; mailServiceId: string } | null;
  codeVerifier: string;
  nonce: string;
}

export type StateFailure = 'invalidState' | 'expiredState' | 'replayedState';

const hashState = (state: string) => createHash('sha256').update(state).digest('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const oauthStateService = {
  /** Records a new pending sign-in for the session and returns what goes into the authorization request. */
  async begin(
    db: Db,
    vault: Vault,
    who: { userId: string; sessionHash: string },
    target: SignInTarget,
    now = Date.now(),
  ): Promise<StartedSignIn> {
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    await oauthStateStore.deleteExpiredBefore(db, new Date(now - KEEP_EXPIRED_MS).toISOString());
    await oauthStateStore.insert(db, {
      state_hash: hashState(state),
      user_id: who.userId,
      session_hash: who.sessionHash,
      mailbox_id: target.mailboxId ?? null,
      draft: target.draft ? JSON.stringify(target.draft) : null,
      code_verifier_enc: vault.encrypt(codeVerifier, SECRET_AAD.oauthCodeVerifier),
      nonce,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + STATE_LIFETIME_MS).toISOString(),
      used_at: null,
    });
    return { state, nonce, codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier) };
  },

  /**
   * Takes the pending sign-in for `state`, once. Unknown states and states of another session or user are
   * `invalidState` (indistinguishable on purpose); a used one is `replayedState`; an old one `expiredState`.
   */
  async consume(
    db: Db,
    vault: Vault,
    state: string | undefined,
    who: { userId: string; sessionHash: string },
    now = Date.now(),
  ): Promise<{ ok: true; pending: PendingSignIn } | { ok: false; failure: StateFailure }> {
    if (!state) return { ok: false, failure: 'invalidState' };
    const hash = hashState(state);
    const row = await oauthStateStore.find(db, hash);
    if (!row || row.user_id !== who.userId || !sameText(row.session_hash, who.sessionHash)) {
      return { ok: false, failure: 'invalidState' };
    }
    if (row.used_at) return { ok: false, failure: 'replayedState' };
    if (Date.parse(row.expires_at) <= now) return { ok: false, failure: 'expiredState' };
    if (!(await oauthStateStore.markUsed(db, hash, new Date(now).toISOString()))) {
      return { ok: false, failure: 'replayedState' };
    }
    return {
      ok: true,
      pending: {
        userId: row.user_id,
        mailboxId: row.mailbox_id,
        draft: row.draft ? (JSON.parse(row.draft) as { email: string; mailServiceId: string }) : null,
        codeVerifier: vault.decrypt(row.code_verifier_enc, SECRET_AAD.oauthCodeVerifier),
        nonce: row.nonce,
      },
    };
  },
};
