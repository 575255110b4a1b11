import type { AppRegistration } from '../directory/directory-state.ts';
import type { TokenForm } from './client-auth.ts';
import type { IdentityContext } from './identity-context.ts';
import { idErr } from './identity-errors.ts';
import { isOidcScope, namesForResource, splitScope } from './scopes.ts';
import type { TenantScope } from './tenant-segment.ts';
import { issueAppOnlyToken, type TokenResponse } from './token-issuer.ts';

/**
 * `grant_type=client_credentials` (entra/identity-platform/v2-oauth2-client-creds-grant-flow): a tenant-specific
 * endpoint (→ AADSTS9001023 on /common), one `{resource}/.default` scope (→ AADSTS1002012 otherwise, AADSTS28000
 * for two resources). The app must be registered in the tenant or consented there (→ AADSTS700016). Roles are the
 * application permissions an admin consented to; without admin consent Entra still issues a token, just without a
 * `roles` claim ("Controlling tokens without the roles claim"), and the resource refuses it.
 */
export function redeemClientCredentials(
  ctx: IdentityContext,
  app: AppRegistration,
  form: TokenForm,
  tenantScope: TenantScope,
  origin: string,
): TokenResponse {
  if (tenantScope.kind !== 'tenant') throw idErr.grantNotForCommon();
  const tenant = tenantScope.tenant;
  if (!form.scope) throw idErr.missingParameter('scope');
  const tokens = form.scope.split(/\s+/).filter(Boolean);
  const resources = new Set<string>();
  for (const token of tokens) {
    if (isOidcScope(token) || !token.endsWith('/.default')) throw idErr.clientCredentialsNeedDefault(token);
    const { resource } = splitScope(token);
    if (!resource) throw idErr.resourceNotFound(token.slice(0, -'/.default'.length), tenantScope.segment);
    resources.add(resource);
  }
  if (resources.size > 1) throw idErr.multipleResources(form.scope);
  const resource = [...resources][0];
  if (!resource) throw idErr.missingParameter('scope');
  const consented = ctx.directory.isAdminConsented(app, tenant.id);
  if (app.homeTenantId !== tenant.id && !consented) throw idErr.appNotFound(app.clientId, tenantScope.segment);
  const roles = consented ? namesForResource(app.applicationRoles, resource) : [];
  return issueAppOnlyToken(ctx, { origin, segment: tenantScope.segment, tenantId: tenant.id, app, resource, roles });
}
