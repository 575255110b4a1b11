import { ConnectorError } from '../connectors/port.ts';
import { GrantError, needsSignIn } from './grant-errors.ts';

/**
 * Access tokens for OAuth mailboxes (OA-3; DESIGN §7.7). The manager knows nothing of the database: storage
 * arrives as callbacks, so it is tested with plain fakes and reused by the web process and the workers alike.
 * - A token with less than five minutes left is refreshed before use, so a request never starts with a token that
 *   expires on the way.
 * - Refresh is single-flight per mailbox: concurrent callers share one token request (a burst of sync calls
 *   must not spend ten refresh tokens).
 * - Microsoft returns a new refresh token on every use and the old one should be dropped
 *   (entra/identity-platform/refresh-tokens), so the result is saved every time.
 * - `invalid_grant` (revoked, expired for inactivity — AADSTS50173, AADSTS700082) or missing consent means only
 *   the owner can fix it: the mailbox is marked "needs sign-in" and callers get a neutral AUTH error.
 */

export interface TokenSet {
  accessToken: string;
  /** Null when the provider issued none (no `offline_access`). */
  refreshToken: string | null;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Tokens as stored, with whatever the refresh call needs to reach the provider (the mail service). */
export interface StoredTokens<S> extends TokenSet {
  service: S;
}

/** Why a mailbox needs its owner to sign in again. */
export type SignInReason = 'grantRevoked' | 'consentMissing' | 'noRefreshToken';

export interface TokenManagerDeps<S> {
  /** The mailbox's current tokens, or undefined when it has none. */
  load(mailboxId: string): Promise<StoredTokens<S> | undefined>;
  save(mailboxId: string, tokens: TokenSet): Promise<void>;
  markNeedsSignIn(mailboxId: string, reason: SignInReason): Promise<void>;
  /** One refresh-token grant; throws GrantError for OAuth errors and ConnectorError for transport failures. */
  refresh(refreshToken: string, service: S): Promise<TokenSet>;
  now?: () => number;
  /** Refresh when less than this is left (default five minutes). */
  refreshMarginMs?: number;
}

export interface TokenManager {
  /** A usable access token; `forceRefresh` after the resource server refused the current one (401). */
  getAccessToken(mailboxId: string, opts?: { forceRefresh?: boolean }): Promise<string>;
  /** Forgets the in-memory copy (after a new sign-in replaced the stored tokens). */
  forget(mailboxId: string): void;
}

const FIVE_MINUTES = 5 * 60_000;

/** Creates a token manager over the given storage callbacks. */
export function createTokenManager<S>(deps: TokenManagerDeps<S>): TokenManager {
  const now = deps.now ?? Date.now;
  const margin = deps.refreshMarginMs ?? FIVE_MINUTES;
  const inFlight = new Map<string, Promise<TokenSet>>();
  // The last tokens this process saw per mailbox: saves a read per call and keeps a caller whose load raced a
  // refresh from refreshing again with the token that was just replaced.
  const recent = new Map<string, TokenSet>();

  const isFresh = (t: TokenSet | undefined): t is TokenSet => !!t && t.expiresAt - now() > margin;

  const refreshOnce = async (mailboxId: string, stored: StoredTokens<S>): Promise<TokenSet> => {
    if (!stored.refreshToken) {
      await deps.markNeedsSignIn(mailboxId, 'noRefreshToken');
      throw new ConnectorError('AUTH', 'the access token expired and there is no refresh token', {
        reason: 'grantRevoked',
      });
    }
    let next: TokenSet;
    try {
      next = await deps.refresh(stored.refreshToken, stored.service);
    } catch (err) {
      throw await translate(mailboxId, err);
    }
    // Keep the old refresh token only when the provider did not send a new one (RFC 6749 §6 allows that).
    const saved: TokenSet = { ...next, refreshToken: next.refreshToken ?? stored.refreshToken };
    await deps.save(mailboxId, saved);
    recent.set(mailboxId, saved);
    return saved;
  };

  const translate = async (mailboxId: string, err: unknown): Promise<unknown> => {
    if (needsSignIn(err)) {
      const reason = err.failure === 'consentRequired' ? 'consentMissing' : 'grantRevoked';
      await deps.markNeedsSignIn(mailboxId, reason);
      return new ConnectorError('AUTH', `sign-in needed (${err.detail})`, { reason, cause: err });
    }
    if (err instanceof GrantError && err.failure === 'invalidClient') {
      // The app registration is wrong, not the user's sign-in: signing in again would not help.
      return new ConnectorError('AUTH', `token refresh refused (${err.detail})`, {
        reason: 'clientRejected',
        cause: err,
      });
    }
    if (err instanceof GrantError)
      return new ConnectorError('INVALID', `token refresh refused (${err.detail})`, { cause: err });
    return err;
  };

  /** Joins the mailbox's refresh in progress, or starts one. */
  const sharedRefresh = (mailboxId: string, stored: StoredTokens<S>): Promise<TokenSet> => {
    const running = inFlight.get(mailboxId);
    if (running) return running;
    const started = refreshOnce(mailboxId, stored).finally(() => inFlight.delete(mailboxId));
    inFlight.set(mailboxId, started);
    return started;
  };

  return {
    async getAccessToken(mailboxId, opts = {}) {
      const running = inFlight.get(mailboxId);
      if (running) return (await running).accessToken;
      const cached = recent.get(mailboxId);
      if (!opts.forceRefresh && isFresh(cached)) return cached.accessToken;
      const stored = await deps.load(mailboxId);
      if (!stored) throw new ConnectorError('AUTH', 'the mailbox has no OAuth tokens', { reason: 'grantRevoked' });
      // Another caller may have started (or finished) a refresh while we were reading.
      const during = inFlight.get(mailboxId);
      if (during) return (await during).accessToken;
      const latest = recent.get(mailboxId);
      if (!opts.forceRefresh) {
        if (isFresh(latest) && latest.expiresAt >= stored.expiresAt) return latest.accessToken;
        if (isFresh(stored)) {
          const { accessToken, refreshToken, expiresAt } = stored;
          recent.set(mailboxId, { accessToken, refreshToken, expiresAt });
          return accessToken;
        }
      }
      return (await sharedRefresh(mailboxId, stored)).accessToken;
    },
    forget(mailboxId) {
      recent.delete(mailboxId);
    },
  };
}
