import type { AppRegistration, UserRecord } from '../directory/directory-state.ts';
import { opaqueToken } from '../directory/ids.ts';
import type { PendingAuthorization, RedirectTarget } from './authorize-request.ts';
import type { IdentityContext } from './identity-context.ts';
import { describe, IdentityError, identityErrorBody } from './identity-errors.ts';
import { admitsTenant } from './tenant-segment.ts';

/** Authorization codes live 10 minutes (entra/identity-platform/v2-oauth2-auth-code-flow#successful-response). */
const CODE_LIFETIME_MS = 10 * 60_000;

/** What the authorize endpoint does next: show a page or go back to the app. */
export type AuthorizeStep =
  | { kind: 'signIn'; email?: string; error?: string }
  | { kind: 'consent'; scopes: string[] }
  | { kind: 'redirect'; target: RedirectTarget; params: Record<string, string> };

/**
 * The user the request can proceed as without the sign-in form: the browser session's user, else a user pre-signed
 * in through the control API (the one named by `login_hint`, or the only one the tenant admits).
 * `prompt=login` and `prompt=select_account` always show the form.
 */
export function signedInUser(
  ctx: IdentityContext,
  pending: PendingAuthorization,
  sessionUserId: string | undefined,
): UserRecord | undefined {
  if (pending.prompt === 'login' || pending.prompt === 'select_account') return undefined;
  const hint = pending.loginHint?.toLowerCase();
  const admitted = (u: UserRecord | undefined) =>
    u && admitsTenant(pending.tenantScope, u.tenantId) && (!hint || u.email === hint) ? u : undefined;
  const fromSession = admitted(sessionUserId ? ctx.directory.findUserRecord(sessionUserId) : undefined);
  if (fromSession) return fromSession;
  const preSigned = ctx.directory.state.users.filter((u) => u.signedIn && admitted(u));
  return preSigned.length === 1 ? preSigned[0] : undefined;
}

/** Next step once the user is known: consent when anything asked for is not yet consented, else a code. */
export function stepForUser(
  ctx: IdentityContext,
  pending: PendingAuthorization,
  app: AppRegistration,
  user: UserRecord,
  correlationId?: string,
): AuthorizeStep {
  const consented = ctx.directory.consentedScopes(user, app);
  const missing = pending.scopes.filter((s) => !consented.has(s));
  if (missing.length > 0 || pending.prompt === 'consent') {
    if (pending.prompt === 'none') {
      const err = new IdentityError(
        'consent_required',
        65001,
        `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`,
      );
      return errorRedirect(ctx, target(pending), err, correlationId);
    }
    return { kind: 'consent', scopes: pending.scopes };
  }
  return codeRedirect(ctx, pending, user);
}

/** Step for a request with no known user. */
export function stepWithoutUser(
  ctx: IdentityContext,
  pending: PendingAuthorization,
  correlationId?: string,
): AuthorizeStep {
  if (pending.prompt === 'none') {
    // OIDC prompt=none with no session: login_required (AADSTS50058).
    const err = new IdentityError(
      'login_required',
      50058,
      "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD.",
    );
    return errorRedirect(ctx, target(pending), err, correlationId);
  }
  return { kind: 'signIn', email: pending.loginHint };
}

/** Issues a single-use authorization code bound to client, user, redirect URI, scopes and PKCE challenge. */
export function codeRedirect(ctx: IdentityContext, pending: PendingAuthorization, user: UserRecord): AuthorizeStep {
  const code = opaqueToken(48, '1.');
  const now = ctx.now();
  // Drop codes that can no longer be redeemed so snapshots stay small.
  ctx.directory.state.authCodes = ctx.directory.state.authCodes.filter((c) => c.expiresAt > now);
  ctx.directory.state.authCodes.push({
    code,
    clientId: pending.clientId,
    userId: user.id,
    tenantId: user.tenantId,
    tenantSegment: pending.tenantScope.segment,
    redirectUri: pending.redirectUri,
    scopes: pending.scopes,
    codeChallenge: pending.codeChallenge,
    codeChallengeMethod: pending.codeChallengeMethod,
    nonce: pending.nonce,
    expiresAt: now + CODE_LIFETIME_MS,
    redeemed: false,
  });
  const params: Record<string, string> = { code };
  if (pending.state !== undefined) params.state = pending.state;
  return { kind: 'redirect', target: target(pending), params };
}

/** The user pressed Cancel on the consent page: `access_denied` with AADSTS65004 back to the app. */
export function declinedRedirect(
  ctx: IdentityContext,
  pending: PendingAuthorization,
  correlationId?: string,
): AuthorizeStep {
  const err = new IdentityError('access_denied', 65004, 'User declined to consent to access the app.', 400, {
    error_subcode: 'cancel',
  });
  return errorRedirect(ctx, target(pending), err, correlationId);
}

/** An OAuth error sent back to the redirect URI: error, error_description (AADSTS…), error_uri, state. */
export function errorRedirect(
  ctx: IdentityContext,
  to: RedirectTarget,
  err: IdentityError,
  correlationId?: string,
): AuthorizeStep {
  const body = identityErrorBody(err, { now: new Date(ctx.now()), correlationId });
  const params: Record<string, string> = {
    error: err.error,
    error_description: String(body.error_description),
    error_uri: String(body.error_uri),
  };
  for (const [k, v] of Object.entries(err.extra)) params[k] = v;
  if (to.state !== undefined) params.state = to.state;
  return { kind: 'redirect', target: to, params };
}

/** Human text of an error shown on a page. */
export function pageErrorText(err: IdentityError): string {
  return describe(err);
}

function target(pending: PendingAuthorization): RedirectTarget {
  return { redirectUri: pending.redirectUri, responseMode: pending.responseMode, state: pending.state };
}

/** The Location for query and fragment response modes. */
export function redirectLocation(to: RedirectTarget, params: Record<string, string>): string {
  const encoded = new URLSearchParams(params).toString();
  if (to.responseMode === 'fragment') return `${to.redirectUri}#${encoded}`;
  return `${to.redirectUri}${to.redirectUri.includes('?') ? '&' : '?'}${encoded}`;
}
