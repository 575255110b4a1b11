import type { Db } from '../db/database.ts';
import { invalid } from '../errors.ts';
import type { Actor } from '../http/access.ts';
import { oauthServiceRef } from '../mail/connection/mailbox-connections.ts';
import { splitMailAddress } from '../mail/mail-address.ts';
import { mailServiceService } from '../mail/mail-service.service.ts';
import type { MailServiceInternal } from '../mail/mail-service.types.ts';
import { mailboxService } from '../mail/mailbox.service.ts';
import type { Vault } from '../mail/vault/secret-vault.ts';
import type { IdentityClient } from './identity-client.ts';
import { oauthStateService, type SignInTarget } from './oauth-state.service.ts';

/**
 * The first leg of the authorization code flow (OA-3; protocols.md §4): check the request, record a pending
 * sign-in bound to the session, and build the authorize URL with PKCE (S256), state, nonce and `login_hint`.
 */

export interface StartDeps {
  db: Db;
  vault: Vault;
  identity: IdentityClient;
}

/** A new mailbox for `email` at the service, or signing an existing mailbox in again. */
export type StartRequest = { email: string; mailServiceId: string } | { mailboxId: string };

/** A mail service that can sign users in, or a validation error naming `mailServiceId`. */
function assertOAuthService(service: MailServiceInternal): void {
  if (service.auth !== 'oauth2') {
    throw invalid('mailServiceId', 'does not sign in with OAuth 2.0: add the mailbox with a password', 'invalid');
  }
  if (!service.clientId || !service.clientSecret) {
    throw invalid('mailServiceId', 'has no client id or client secret yet: ask an administrator (MS-7)', 'invalid');
  }
}

/** Resolves what is being signed in to: the service, the address to expect, and the target to remember. */
async function resolve(
  deps: StartDeps,
  actor: Actor,
  req: StartRequest,
): Promise<{ service: MailServiceInternal; email: string; target: SignInTarget }> {
  if ('mailboxId' in req) {
    // MB-4: someone else's mailbox is "not found", never "forbidden".
    const mailbox = await mailboxService.get(deps.db, actor.id, req.mailboxId);
    const { service } = await mailboxService.internal(deps.db, deps.vault, mailbox.id);
    return { service, email: mailbox.email, target: { mailboxId: mailbox.id } };
  }
  const email = req.email.trim();
  if (!splitMailAddress(email)) throw invalid('email', 'is not an email address', 'email');
  if (!(await mailServiceService.exists(deps.db, req.mailServiceId))) {
    throw invalid('mailServiceId', `no mail service with id ${req.mailServiceId}`, 'notFound');
  }
  const service = await mailServiceService.internal(deps.db, deps.vault, req.mailServiceId);
  return { service, email, target: { draft: { email, mailServiceId: service.id } } };
}

/**
 * Returns the identity provider's authorize URL. Input problems throw validation errors; when the provider
 * cannot be reached (discovery fails) the result is `{error: 'providerError'}` so the browser lands on the result
 * page instead of a JSON error.
 */
export async function startSignIn(
  deps: StartDeps,
  actor: Actor,
  req: StartRequest,
  redirectUri: string,
): Promise<{ url: string } | { error: 'providerError'; detail: string }> {
  const { service, email, target } = await resolve(deps, actor, req);
  assertOAuthService(service);
  const started = await oauthStateService.begin(
    deps.db,
    deps.vault,
    { userId: actor.id, sessionHash: actor.sessionHash },
    target,
  );
  try {
    const url = await deps.identity.authorizationUrl(oauthServiceRef(service), {
      redirectUri,
      state: started.state,
      nonce: started.nonce,
      codeChallenge: started.codeChallenge,
      loginHint: email,
    });
    return { url: url.href };
  } catch (err) {
    return { error: 'providerError', detail: String((err as Error)?.message ?? err) };
  }
}
