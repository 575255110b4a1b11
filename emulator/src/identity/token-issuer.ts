import { createHash } from 'node:crypto';
import type { AppRegistration, UserRecord } from '../directory/directory-state.ts';
import { newGuid } from '../directory/ids.ts';
import type { IdentityContext } from './identity-context.ts';
import { displayScope, EXCHANGE_RESOURCE, GRAPH_RESOURCE } from './scopes.ts';
import { tokenIssuer } from './tenant-segment.ts';

/** The token endpoint's success body (entra/identity-platform/v2-oauth2-auth-code-flow#successful-response-2). */
export interface TokenResponse {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
}

export interface DelegatedTokenInput {
  origin: string;
  /** Tenant segment of the token URL; decides `iss`. */
  segment: string;
  user: UserRecord;
  app: AppRegistration;
  resource: string;
  /** Permission names of `resource` the user consented to: they all go into `scp`. */
  resourceScopes: string[];
  /** Granted OIDC scopes that were asked for (`openid` → id_token, `offline_access` → refresh token). */
  oidc: Set<string>;
  nonce?: string;
  refreshToken?: string;
}

/** Audience of access tokens per resource, as Microsoft Graph and Exchange Online check it. */
const AUDIENCE: Record<string, string> = {
  [GRAPH_RESOURCE]: 'https://graph.microsoft.com',
  [EXCHANGE_RESOURCE]: 'https://outlook.office365.com',
};

/**
 * Mints a delegated access token (claims per entra/identity-platform/access-token-claims-reference) plus an
 * id_token when `openid` was granted.
 */
export function issueDelegatedTokens(ctx: IdentityContext, input: DelegatedTokenInput): TokenResponse {
  const { user, app, resource } = input;
  const config = ctx.getConfig();
  const iat = Math.floor(ctx.now() / 1000);
  const iss = tokenIssuer(ctx, input.origin, input.segment, user.tenantId);
  // Graph tokens also list the OIDC scopes the user consented to (openid profile email); offline_access never.
  const scp = [...input.resourceScopes];
  if (resource === GRAPH_RESOURCE) for (const s of ['openid', 'profile', 'email']) if (input.oidc.has(s)) scp.push(s);
  const accessToken = ctx.signer.sign({
    aud: AUDIENCE[resource] ?? resource,
    iss,
    iat,
    nbf: iat,
    exp: iat + config.accessTokenLifetimeSec,
    idtyp: 'user',
    name: user.displayName,
    oid: user.id,
    preferred_username: user.email,
    upn: user.email,
    unique_name: user.email,
    scp: scp.join(' '),
    sub: pairwiseSubject(user.id, app.clientId),
    tid: user.tenantId,
    azp: app.clientId,
    appid: app.clientId,
    azpacr: app.publicClient ? '0' : '1',
    uti: newGuid(),
    ver: '2.0',
  });
  const scopeEcho = input.resourceScopes.map((name) => displayScope(resource, name));
  for (const s of input.oidc) scopeEcho.push(s);
  const response: TokenResponse = {
    token_type: 'Bearer',
    scope: scopeEcho.join(' '),
    expires_in: config.accessTokenLifetimeSec,
    ext_expires_in: config.accessTokenLifetimeSec,
    access_token: accessToken,
  };
  if (input.refreshToken) response.refresh_token = input.refreshToken;
  if (input.oidc.has('openid')) response.id_token = idToken(ctx, input, iss, iat);
  return response;
}

/** The id_token (entra/identity-platform/id-token-claims-reference); `nonce` echoes the authorize request. */
function idToken(ctx: IdentityContext, input: DelegatedTokenInput, iss: string, iat: number): string {
  const { user, app } = input;
  const claims: Record<string, unknown> = {
    aud: app.clientId,
    iss,
    iat,
    nbf: iat,
    exp: iat + 3600,
    name: user.displayName,
    oid: user.id,
    preferred_username: user.email,
    sub: pairwiseSubject(user.id, app.clientId),
    tid: user.tenantId,
    ver: '2.0',
  };
  if (input.oidc.has('email')) claims.email = user.email;
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  return ctx.signer.sign(claims);
}

export interface AppOnlyTokenInput {
  origin: string;
  segment: string;
  tenantId: string;
  app: AppRegistration;
  resource: string;
  /** Application permissions granted for `resource`; empty when no admin consent (the token has no `roles`). */
  roles: string[];
}

/**
 * Mints an app-only access token (client credentials). It carries `roles`, never `scp`; `oid`/`sub` are the
 * app's service principal in the tenant (entra/identity-platform/v2-oauth2-client-creds-grant-flow).
 */
export function issueAppOnlyToken(ctx: IdentityContext, input: AppOnlyTokenInput): TokenResponse {
  const config = ctx.getConfig();
  const iat = Math.floor(ctx.now() / 1000);
  const servicePrincipalId = servicePrincipalObjectId(input.tenantId, input.app.clientId);
  const claims: Record<string, unknown> = {
    aud: AUDIENCE[input.resource] ?? input.resource,
    iss: tokenIssuer(ctx, input.origin, input.segment, input.tenantId),
    iat,
    nbf: iat,
    exp: iat + config.accessTokenLifetimeSec,
    idtyp: 'app',
    oid: servicePrincipalId,
    sub: servicePrincipalId,
    tid: input.tenantId,
    azp: input.app.clientId,
    appid: input.app.clientId,
    azpacr: '1',
    uti: newGuid(),
    ver: '2.0',
  };
  // Entra issues app-only tokens without a roles claim when nothing was granted; the resource then refuses them.
  if (input.roles.length > 0) claims.roles = input.roles;
  return {
    token_type: 'Bearer',
    scope: `${input.resource}/.default`,
    expires_in: config.accessTokenLifetimeSec,
    ext_expires_in: config.accessTokenLifetimeSec,
    access_token: ctx.signer.sign(claims),
  };
}

/** Entra's `sub` is pairwise: the same user has a different subject per app. */
function pairwiseSubject(userId: string, clientId: string): string {
  return createHash('sha256').update(`${userId}|${clientId}`).digest('base64url');
}

/** A stable GUID standing for the app's service principal in a tenant. */
export function servicePrincipalObjectId(tenantId: string, clientId: string): string {
  const h = createHash('sha256').update(`sp|${tenantId}|${clientId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
