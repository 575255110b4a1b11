import type { Config } from '../config.ts';
import { createGraphMailbox } from '../connectors/graph/graph-mailbox.ts';
import { createMailboxLimiter, GRAPH_LIMITS } from '../connectors/mailbox-limiter.ts';
import type { RemoteIdentity } from '../connectors/port.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../http/access.ts';
import { connectionResult } from '../mail/connection/connection-codes.ts';
import { type MailboxConnections, oauthServiceRef } from '../mail/connection/mailbox-connections.ts';
import { mailServiceService } from '../mail/mail-service.service.ts';
import type { MailServiceInternal } from '../mail/mail-service.types.ts';
import { mailboxService } from '../mail/mailbox.service.ts';
import type { Vault } from '../mail/vault/secret-vault.ts';
import { GrantError } from './grant-errors.ts';
import type { CodeGrantResult } from './identity-client.ts';
import { oauthStateService, type PendingSignIn, type StateFailure } from './oauth-state.service.ts';

/**
 * The second leg (OA-3): the identity provider sends the browser back with `code` and `state` (or `error`).
 * Checks come first and nothing is saved unless every one passes: the state is ours, this session's, unused and
 * fresh; the user did not cancel; the code redeems (PKCE, nonce); and the account that signed in is the mailbox
 * that was asked for — a user who picks another account at Microsoft must not attach it under this address.
 */

export type SignInFailure = StateFailure | 'cancelled' | 'codeRejected' | 'mailboxMismatch' | 'providerError';

export type SignInOutcome = { ok: true; mailboxId: string } | { ok: false; failure: SignInFailure; detail?: string };

export interface CallbackDeps {
  db: Db;
  vault: Vault;
  config: Pick<Config, 'oauthAllowInsecureLoopback'>;
  connections: MailboxConnections;
}

/** The callback's query (RFC 6749 §4.1.2, §4.1.2.1). */
export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

interface Target {
  service: MailServiceInternal;
  email: string;
  mailboxId: string | null;
  remoteUserId: string | null;
}

/** The service and address the pending sign-in was for; undefined when the mailbox or service is gone. */
async function targetOf(deps: CallbackDeps, actor: Actor, pending: PendingSignIn): Promise<Target | undefined> {
  if (pending.mailboxId) {
    // MB-4: the mailbox must still be the actor's (a deleted mailbox also deletes its pending states).
    const mine = await mailboxService.get(deps.db, actor.id, pending.mailboxId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'TANDEM_ERR_NOT_FOUND') return undefined;
      throw err;
    });
    if (!mine) return undefined;
    const box = await mailboxService.internal(deps.db, deps.vault, pending.mailboxId);
    return { service: box.service, email: box.email, mailboxId: box.id, remoteUserId: box.remoteUserId };
  }
  if (!pending.draft || !(await mailServiceService.exists(deps.db, pending.draft.mailServiceId))) return undefined;
  const service = await mailServiceService.internal(deps.db, deps.vault, pending.draft.mailServiceId);
  return { service, email: pending.draft.email, mailboxId: null, remoteUserId: null };
}

/**
 * Who signed in. Graph services ask Graph (`GET /me`); an EWS service has no Graph token, so the ID token's
 * claims (validated by openid-client against the issuer, audience and nonce) name the account instead.
 */
async function whoSignedIn(deps: CallbackDeps, service: MailServiceInternal, grant: CodeGrantResult) {
  if (service.effectiveProtocol === 'graph') {
    return createGraphMailbox({
      graphUrl: service.graphUrl,
      getAccessToken: async () => grant.accessToken,
      limiter: createMailboxLimiter({ ...GRAPH_LIMITS, maxAttempts: 3, maxWaitMs: 10_000 }),
      allowInsecureLoopback: deps.config.oauthAllowInsecureLoopback,
    }).whoAmI();
  }
  const claims = grant.idClaims;
  const email = (claims?.email ?? claims?.preferredUsername ?? '').toLowerCase();
  const identity: RemoteIdentity = {
    id: claims?.oid ?? '',
    email,
    aliases: claims?.preferredUsername ? [claims.preferredUsername.toLowerCase()] : [],
    displayName: claims?.name ?? email,
  };
  return identity;
}

/** True when the account that signed in is the one asked for (by address, and by id once known). */
export function isSameMailbox(identity: RemoteIdentity, email: string, knownRemoteId: string | null): boolean {
  if (knownRemoteId && identity.id && knownRemoteId !== identity.id) return false;
  const wanted = email.toLowerCase();
  return identity.email === wanted || identity.aliases.includes(wanted);
}

/** Runs every check of the callback and, when all pass, stores the tokens; returns where the browser goes next. */
export async function completeSignIn(
  deps: CallbackDeps,
  actor: Actor,
  query: CallbackQuery,
  callbackUrl: URL,
): Promise<SignInOutcome> {
  const taken = await oauthStateService.consume(deps.db, deps.vault, query.state, {
    userId: actor.id,
    sessionHash: actor.sessionHash,
  });
  if (!taken.ok) return { ok: false, failure: taken.failure };
  // `access_denied` is what Entra sends when the user presses Cancel on the consent page (AADSTS65004).
  if (query.error) {
    return { ok: false, failure: query.error === 'access_denied' ? 'cancelled' : 'providerError', detail: query.error };
  }
  const target = await targetOf(deps, actor, taken.pending);
  if (!target) return { ok: false, failure: 'invalidState', detail: 'the mailbox or mail service is gone' };

  let grant: CodeGrantResult;
  let identity: RemoteIdentity;
  try {
    grant = await deps.connections.identity.redeemCode(oauthServiceRef(target.service), {
      callbackUrl,
      codeVerifier: taken.pending.codeVerifier,
      state: query.state ?? '',
      nonce: taken.pending.nonce,
    });
  } catch (err) {
    const failure = err instanceof GrantError && err.failure === 'invalidGrant' ? 'codeRejected' : 'providerError';
    return { ok: false, failure, detail: String((err as Error).message) };
  }
  try {
    identity = await whoSignedIn(deps, target.service, grant);
  } catch (err) {
    return { ok: false, failure: 'providerError', detail: `who-am-I: ${(err as Error).message}` };
  }
  if (!isSameMailbox(identity, target.email, target.remoteUserId)) {
    return { ok: false, failure: 'mailboxMismatch', detail: 'signed in as another account' };
  }

  const tokens = {
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken,
    expiresAt: new Date(grant.expiresAt).toISOString(),
  };
  const remoteUserId = identity.id || null;
  let mailboxId: string;
  if (target.mailboxId) {
    // Signing in again keeps the mailbox, its id and its sync settings; only tokens and state change.
    mailboxId = target.mailboxId;
    await mailboxService.saveTokens(deps.db, deps.vault, mailboxId, { ...tokens, remoteUserId });
    await mailboxService.setState(deps.db, mailboxId, 'connected');
  } else {
    const created = await mailboxService.createConnected(deps.db, deps.vault, actor, {
      email: target.email,
      mailServiceId: target.service.id,
      tokens,
      remoteUserId,
    });
    mailboxId = created.id;
  }
  deps.connections.tokenManager.forget(mailboxId);
  // The sign-in itself proved the connection: the health view starts from a passed test (MB-5).
  const server =
    target.service.effectiveProtocol === 'graph' ? new URL(target.service.graphUrl).host : target.service.address;
  const { ok, code, message } = connectionResult('ok', server);
  await mailboxService.recordTest(deps.db, mailboxId, { ok, code, message, at: new Date().toISOString() });
  return { ok: true, mailboxId };
}
