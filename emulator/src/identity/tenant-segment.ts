import type { Tenant } from '../directory/directory-state.ts';
import type { IdentityContext } from './identity-context.ts';
import { idErr } from './identity-errors.ts';

/**
 * The `{tenant}` path segment of identity URLs (entra/identity-platform/v2-protocols#endpoints): a tenant GUID or
 * domain, or `common` / `organizations` (any work account; the user's own tenant is used). `consumers` (personal
 * accounts) has no meaning in the emulator and is treated as unknown.
 */
export type TenantScope = { kind: 'tenant'; segment: string; tenant: Tenant } | { kind: 'multi'; segment: string };

/** Resolves a tenant segment; throws AADSTS90002 when it names no tenant. */
export function resolveTenantSegment(ctx: IdentityContext, segment: string, error = 'invalid_request'): TenantScope {
  const lower = segment.toLowerCase();
  if (lower === 'common' || lower === 'organizations') return { kind: 'multi', segment };
  const tenant = ctx.directory.findTenant(segment);
  if (!tenant) throw idErr.tenantNotFound(segment, error);
  return { kind: 'tenant', segment, tenant };
}

/** True when a user of `tenantId` may sign in through this segment. */
export function admitsTenant(scope: TenantScope, tenantId: string): boolean {
  return scope.kind === 'multi' || scope.tenant.id === tenantId;
}

/** `http(s)://host:port` of the request, the base of every URL the identity endpoints publish. */
export function requestOrigin(request: { protocol: string; host: string }): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * Issuer for metadata. For a concrete tenant it is the discovery URL's base, which OIDC discovery (and openid-client)
 * requires to match exactly.
 */
export function metadataIssuer(ctx: IdentityContext, origin: string, scope: TenantScope): string {
  if (scope.kind === 'multi' && ctx.entraIssuerTemplate) return `${origin}/{tenantid}/v2.0`;
  return `${origin}/${scope.segment}/v2.0`;
}

/** Issuer written into tokens minted through `segment` for a user or app of `tenantId`. */
export function tokenIssuer(ctx: IdentityContext, origin: string, segment: string, tenantId: string): string {
  const multi = ['common', 'organizations'].includes(segment.toLowerCase());
  return `${origin}/${multi && ctx.entraIssuerTemplate ? tenantId : segment}/v2.0`;
}
