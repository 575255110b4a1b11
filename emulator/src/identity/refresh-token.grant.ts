import type { AppRegistration } from '../directory/directory-state.ts';
import type { TokenForm } from './client-auth.ts';
import { chooseDelegatedResource, issueWithRefreshToken } from './delegated-token.ts';
import type { IdentityContext } from './identity-context.ts';
import { idErr } from './identity-errors.ts';
import { OIDC_SCOPES } from './scopes.ts';
import type { TenantScope } from './tenant-segment.ts';
import type { TokenResponse } from './token-issuer.ts';

/**
 * `grant_type=refresh_token` (entra/identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token and
 * entra/identity-platform/refresh-tokens): every use returns a new refresh token and the old one is NOT revoked;
 * revoked tokens fail with AADSTS50173, tokens unused for their lifetime with AADSTS700082. A refresh token is bound
 * to user + client, not to a resource, so it can mint a token for Graph and another for Exchange.
 */
export function redeemRefreshToken(
  ctx: IdentityContext,
  app: AppRegistration,
  form: TokenForm,
  tenantScope: TenantScope,
  origin: string,
): TokenResponse {
  if (!form.refresh_token) throw idErr.missingParameter('refresh_token');
  const record = ctx.directory.state.refreshTokens.find((t) => t.token === form.refresh_token);
  if (!record) throw idErr.malformedGrant('refresh token');
  if (record.clientId !== app.clientId) throw idErr.grantClientMismatch();
  if (record.revoked) throw idErr.refreshRevoked();
  const lifetimeSec = ctx.getConfig().refreshTokenLifetimeSec;
  if (ctx.now() - record.issuedAt >= lifetimeSec * 1000)
    throw idErr.refreshExpired(new Date(record.issuedAt), lifetimeSec);
  if (tenantScope.kind === 'tenant' && tenantScope.tenant.id !== record.tenantId) throw idErr.wrongTenantForCode();
  const user = ctx.directory.findUserRecord(record.userId);
  if (!user) throw idErr.userNotFound(record.tenantId);
  const { resource, names } = chooseDelegatedResource(
    form.scope,
    record.defaultResource,
    tenantScope.segment,
    'refresh',
  );
  return issueWithRefreshToken(ctx, {
    origin,
    segment: tenantScope.segment,
    user,
    app,
    resource,
    requestedNames: names,
    oidc: new Set(OIDC_SCOPES),
    issueRefreshToken: true,
  });
}
