import { createHash } from 'node:crypto';
import type { AppRegistration } from '../directory/directory-state.ts';
import type { TokenForm } from './client-auth.ts';
import { chooseDelegatedResource, issueWithRefreshToken } from './delegated-token.ts';
import type { IdentityContext } from './identity-context.ts';
import { idErr } from './identity-errors.ts';
import type { TenantScope } from './tenant-segment.ts';
import type { TokenResponse } from './token-issuer.ts';

/**
 * `grant_type=authorization_code` (entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token):
 * the code is single use (reuse → AADSTS54005), lives 10 minutes (→ AADSTS70008), must come back with the same
 * redirect URI and, when a challenge was sent, a matching PKCE verifier (→ AADSTS501481).
 */
export function redeemAuthorizationCode(
  ctx: IdentityContext,
  app: AppRegistration,
  form: TokenForm,
  tenantScope: TenantScope,
  origin: string,
): TokenResponse {
  if (!form.code) throw idErr.missingParameter('code');
  const record = ctx.directory.state.authCodes.find((c) => c.code === form.code);
  if (!record) throw idErr.malformedGrant('authorization code');
  if (record.clientId !== app.clientId) throw idErr.grantClientMismatch();
  if (record.redeemed) throw idErr.codeRedeemed();
  if (ctx.now() >= record.expiresAt) throw idErr.codeExpired();
  if (tenantScope.kind === 'tenant' && tenantScope.tenant.id !== record.tenantId) throw idErr.wrongTenantForCode();
  if (!form.redirect_uri) throw idErr.missingParameter('redirect_uri');
  if (form.redirect_uri !== record.redirectUri)
    throw idErr.redirectMismatchAtToken(form.redirect_uri, record.redirectUri);
  if (record.codeChallenge) {
    if (!form.code_verifier) throw idErr.missingParameter('code_verifier');
    if (!pkceMatches(form.code_verifier, record.codeChallenge, record.codeChallengeMethod ?? 'plain')) {
      throw idErr.pkceMismatch();
    }
  }
  const user = ctx.directory.findUserRecord(record.userId);
  if (!user) throw idErr.userNotFound(record.tenantId);
  const { resource, names } = chooseDelegatedResource(form.scope, record.scopes, tenantScope.segment, 'code');
  record.redeemed = true;
  const oidc = new Set(record.scopes.filter((s) => !s.includes('/')));
  return issueWithRefreshToken(ctx, {
    origin,
    segment: record.tenantSegment,
    user,
    app,
    resource,
    requestedNames: names,
    oidc,
    nonce: record.nonce,
    issueRefreshToken: oidc.has('offline_access'),
  });
}

/** RFC 7636 §4.6: S256 compares BASE64URL(SHA256(verifier)); plain compares the strings. */
function pkceMatches(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
  if (method === 'plain') return verifier === challenge;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}
