import type { AppRegistration, UserRecord } from '../directory/directory-state.ts';
import { opaqueToken } from '../directory/ids.ts';
import type { IdentityContext } from './identity-context.ts';
import { idErr } from './identity-errors.ts';
import { fullScope, GRAPH_RESOURCE, namesForResource, parseScopeParam, splitScope } from './scopes.ts';
import { issueDelegatedTokens, type TokenResponse } from './token-issuer.ts';

/**
 * Picks the one resource a delegated token is for (one resource per access token, entra/identity-platform/scopes-oidc):
 * from the request's `scope` when given (two resources → AADSTS28000), else from the code's scopes (two resources
 * → AADSTS28003) or the refresh token's original resource. Only OIDC scopes → Microsoft Graph.
 */
export function chooseDelegatedResource(
  scopeParam: string | undefined,
  fallback: string[] | string,
  tenantSegment: string,
  mode: 'code' | 'refresh',
): { resource: string; names: string[] } {
  if (scopeParam?.trim()) {
    const parsed = parseScopeParam(scopeParam);
    if (parsed.unknownResources.length > 0)
      throw idErr.resourceNotFound(parsed.unknownResources[0] ?? '', tenantSegment);
    const resources = [...parsed.byResource.keys()];
    if (resources.length > 1) throw idErr.multipleResources(scopeParam);
    const resource = resources[0] ?? GRAPH_RESOURCE;
    return { resource, names: [...(parsed.byResource.get(resource) ?? [])] };
  }
  if (typeof fallback === 'string') return { resource: fallback, names: [] };
  const resources = new Set(fallback.filter((s) => s.includes('/')).map((s) => splitScope(s).resource ?? ''));
  if (resources.size > 1 && mode === 'code') throw idErr.scopeEmptyForMultiResourceCode();
  const resource = [...resources][0] ?? GRAPH_RESOURCE;
  return { resource, names: namesForResource(fallback, resource) };
}

export interface DelegatedIssue {
  origin: string;
  segment: string;
  user: UserRecord;
  app: AppRegistration;
  resource: string;
  /** Permission names the request asked for; each must be consented (`.default` asks for what is). */
  requestedNames: string[];
  /** OIDC scopes asked for. */
  oidc: Set<string>;
  nonce?: string;
  issueRefreshToken: boolean;
}

/**
 * Checks consent and mints the delegated tokens. The access token carries every permission of the resource the
 * user consented to (incremental consent adds up), as Entra does; a new refresh token is stored when asked for.
 */
export function issueWithRefreshToken(ctx: IdentityContext, input: DelegatedIssue): TokenResponse {
  const { user, app, resource } = input;
  const consented = ctx.directory.consentedScopes(user, app);
  const resourceScopes = namesForResource(consented, resource);
  const missing = input.requestedNames.filter((n) => n !== '.default' && !consented.has(fullScope(resource, n)));
  if (missing.length > 0 || (resource !== GRAPH_RESOURCE && resourceScopes.length === 0)) {
    throw idErr.consentRequired(app.clientId, app.displayName);
  }
  const oidc = new Set([...input.oidc].filter((s) => consented.has(s)));
  let refreshToken: string | undefined;
  if (input.issueRefreshToken && oidc.has('offline_access')) {
    refreshToken = opaqueToken(64, '1.');
    ctx.directory.state.refreshTokens.push({
      token: refreshToken,
      userId: user.id,
      clientId: app.clientId,
      tenantId: user.tenantId,
      defaultResource: resource,
      issuedAt: ctx.now(),
      revoked: false,
    });
  }
  return issueDelegatedTokens(ctx, {
    origin: input.origin,
    segment: input.segment,
    user,
    app,
    resource,
    resourceScopes,
    oidc,
    nonce: input.nonce,
    refreshToken,
  });
}
