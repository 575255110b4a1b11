/**
 * The directory as plain, JSON-serialisable data (snapshots write it as is): tenants, app registrations, users,
 * consent grants, refresh tokens and authorization codes. Behaviour lives in `directory-service.ts`.
 */

export interface Tenant {
  id: string;
  domain: string;
}

export interface AppRegistration {
  clientId: string;
  clientSecret: string;
  /** Tenant the app was registered in; the app is multitenant, other tenants need consent. */
  homeTenantId: string;
  displayName: string;
  /** Compared by exact string equality, as Entra does (entra/identity-platform/reply-url). */
  redirectUris: string[];
  /** Delegated permissions as full scope URIs (`https://graph.microsoft.com/Mail.ReadWrite`) or OIDC names. */
  delegatedScopes: string[];
  /** Application permissions as full URIs (`https://graph.microsoft.com/Mail.ReadWrite`). */
  applicationRoles: string[];
  /** Tenants where an administrator consented (admin consent covers every permission above). */
  consentedTenantIds: string[];
  /** Public clients (no secret) must use PKCE; confidential clients must authenticate. */
  publicClient: boolean;
}

export interface UserRecord {
  id: string;
  tenantId: string;
  email: string;
  password: string;
  displayName: string;
  timeZone: string;
  /** Pre-signed-in (`POST /_emulator/users/{email}/signin`): the authorize endpoint skips the sign-in form. */
  signedIn: boolean;
}

/** Scopes a user consented to for one app (full scope URIs plus OIDC names). */
export interface ConsentGrant {
  userId: string;
  clientId: string;
  scopes: string[];
}

export interface RefreshTokenRecord {
  token: string;
  userId: string;
  clientId: string;
  tenantId: string;
  /** Resource of the access token that came with it, used when a refresh request names no scope. */
  defaultResource: string;
  issuedAt: number;
  revoked: boolean;
}

export interface AuthCodeRecord {
  code: string;
  clientId: string;
  userId: string;
  tenantId: string;
  /** Tenant segment of the authorize URL (`common`, a domain or a GUID): the issuer of the tokens. */
  tenantSegment: string;
  redirectUri: string;
  /** Scopes as requested at authorize, normalised (full URIs plus OIDC names). */
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  nonce?: string;
  expiresAt: number;
  redeemed: boolean;
}

export interface DirectoryState {
  tenants: Tenant[];
  apps: AppRegistration[];
  users: UserRecord[];
  grants: ConsentGrant[];
  refreshTokens: RefreshTokenRecord[];
  authCodes: AuthCodeRecord[];
}

export function emptyDirectoryState(): DirectoryState {
  return { tenants: [], apps: [], users: [], grants: [], refreshTokens: [], authCodes: [] };
}
