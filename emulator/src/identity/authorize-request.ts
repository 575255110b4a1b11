import type { AppRegistration } from '../directory/directory-state.ts';
import { newGuid } from '../directory/ids.ts';
import type { IdentityContext } from './identity-context.ts';
import { IdentityError, idErr } from './identity-errors.ts';
import { expandDefault, flattenScopes, parseScopeParam } from './scopes.ts';
import type { TenantScope } from './tenant-segment.ts';

export type ResponseMode = 'query' | 'fragment' | 'form_post';

/** A validated authorize request, kept server-side while the user signs in and consents. */
export interface PendingAuthorization {
  id: string;
  createdAt: number;
  tenantScope: TenantScope;
  clientId: string;
  redirectUri: string;
  responseMode: ResponseMode;
  state?: string;
  nonce?: string;
  /** Requested scopes, normalised: full URIs plus OIDC names. */
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  prompt?: string;
  loginHint?: string;
  /** Set once the user is known (signed in, session or pre-signed-in). */
  userId?: string;
}

/**
 * Outcome of validating `GET /{tenant}/oauth2/v2.0/authorize` (entra/identity-platform/v2-oauth2-auth-code-flow):
 * errors about the client or redirect URI are shown on a page (the redirect URI cannot be trusted); all others go
 * back to the redirect URI.
 */
export type AuthorizeValidation =
  | { kind: 'ok'; pending: PendingAuthorization; app: AppRegistration }
  | { kind: 'page'; error: IdentityError }
  | { kind: 'redirect'; error: IdentityError; target: RedirectTarget };

export interface RedirectTarget {
  redirectUri: string;
  responseMode: ResponseMode;
  state?: string;
}

const PROMPTS = new Set(['login', 'none', 'consent', 'select_account']);

/** Validates authorize query parameters in Entra's order: client, redirect URI, then the rest. */
export function validateAuthorizeQuery(
  ctx: IdentityContext,
  tenantScope: TenantScope,
  query: Record<string, string | undefined>,
): AuthorizeValidation {
  const clientId = query.client_id;
  if (!clientId) return { kind: 'page', error: idErr.missingParameter('client_id') };
  const app = ctx.directory.findApp(clientId);
  if (!app) return { kind: 'page', error: idErr.appNotFound(clientId, tenantScope.segment) };
  const redirectUri = query.redirect_uri;
  if (!redirectUri) return { kind: 'page', error: idErr.noReplyAddress() };
  if (!app.redirectUris.includes(redirectUri)) {
    return { kind: 'page', error: idErr.redirectNotRegistered(redirectUri, app.clientId) };
  }
  const responseMode = (query.response_mode ?? 'query') as ResponseMode;
  const target: RedirectTarget = {
    redirectUri,
    responseMode: ['query', 'fragment', 'form_post'].includes(responseMode) ? responseMode : 'query',
    state: query.state,
  };
  const fail = (error: IdentityError): AuthorizeValidation => ({ kind: 'redirect', error, target });
  if (target.responseMode !== responseMode) {
    return fail(new IdentityError('invalid_request', 70007, `The response_mode '${responseMode}' is not supported.`));
  }
  if (!query.response_type) return fail(idErr.missingParameter('response_type'));
  if (query.response_type !== 'code') {
    return fail(
      new IdentityError(
        'unsupported_response_type',
        70005,
        `The response_type '${query.response_type}' is not enabled for the application.`,
      ),
    );
  }
  if (!query.scope) return fail(idErr.missingParameter('scope'));
  const parsed = parseScopeParam(query.scope);
  if (parsed.unknownResources.length > 0) {
    return fail(idErr.resourceNotFound(parsed.unknownResources[0] ?? '', tenantScope.segment));
  }
  const pkce = validatePkce(query, app);
  if (pkce instanceof IdentityError) return fail(pkce);
  if (query.prompt && !PROMPTS.has(query.prompt)) {
    return fail(new IdentityError('invalid_request', 90023, `Invalid prompt value '${query.prompt}'.`));
  }
  const pending: PendingAuthorization = {
    id: newGuid(),
    createdAt: ctx.now(),
    tenantScope,
    clientId: app.clientId,
    redirectUri,
    responseMode,
    state: query.state,
    nonce: query.nonce,
    scopes: expandDefault(flattenScopes(parsed), app.delegatedScopes),
    codeChallenge: pkce?.challenge,
    codeChallengeMethod: pkce?.method,
    prompt: query.prompt,
    loginHint: query.login_hint,
  };
  return { kind: 'ok', pending, app };
}

/** PKCE (RFC 7636): S256 or plain, challenge of 43–128 characters; required for public clients. */
function validatePkce(
  query: Record<string, string | undefined>,
  app: AppRegistration,
): { challenge: string; method: 'S256' | 'plain' } | undefined | IdentityError {
  const challenge = query.code_challenge;
  if (!challenge) {
    if (query.code_challenge_method) return idErr.missingParameter('code_challenge');
    return app.publicClient ? idErr.pkceRequiredForPublic() : undefined;
  }
  const method = query.code_challenge_method ?? 'plain';
  if (method !== 'S256' && method !== 'plain') {
    return new IdentityError(
      'invalid_request',
      9002313,
      `Invalid request. The code_challenge_method '${method}' is not supported.`,
    );
  }
  if (challenge.length < 43 || challenge.length > 128) {
    return new IdentityError('invalid_request', 501491, 'Invalid size of Code_Challenge parameter.');
  }
  return { challenge, method };
}

/** Authorize requests in progress, by id; they expire after an hour like an abandoned sign-in page. */
export class PendingAuthorizations {
  private readonly items = new Map<string, PendingAuthorization>();

  constructor(private readonly now: () => number) {}

  add(pending: PendingAuthorization): void {
    this.prune();
    this.items.set(pending.id, pending);
  }

  get(id: string | undefined): PendingAuthorization | undefined {
    this.prune();
    return id ? this.items.get(id) : undefined;
  }

  delete(id: string): void {
    this.items.delete(id);
  }

  clear(): void {
    this.items.clear();
  }

  private prune(): void {
    const cutoff = this.now() - 3600_000;
    for (const [id, p] of this.items) if (p.createdAt < cutoff) this.items.delete(id);
  }
}
