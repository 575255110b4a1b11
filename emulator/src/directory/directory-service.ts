import type { Directory, DirectoryUser } from '../contracts.ts';
import { normaliseRegisteredPermission, OIDC_SCOPES } from '../identity/scopes.ts';
import type { AppRegistration, ConsentGrant, DirectoryState, Tenant, UserRecord } from './directory-state.ts';
import { isGuid, newGuid, opaqueToken } from './ids.ts';

/** A directory rule broken by a control-API call; rendered as 400 (or 404/409 by `status`). */
export class DirectoryInputError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface NewApp {
  tenant: string;
  displayName: string;
  redirectUris?: string[];
  delegatedScopes?: string[];
  applicationRoles?: string[];
  consented?: boolean;
  /** Fixed credentials, so demo configuration can be written ahead of time. */
  clientId?: string;
  clientSecret?: string;
  publicClient?: boolean;
}

export interface NewUser {
  tenant: string;
  email: string;
  password: string;
  displayName?: string;
  timeZone?: string;
  id?: string;
}

/**
 * Owns the directory data: tenants, app registrations, users and consent. Everything it holds is in `state`, so a
 * snapshot is `state` itself. Implements the `Directory` seam the mailbox part reads.
 */
export class DirectoryService implements Directory {
  constructor(public state: DirectoryState) {}

  createTenant(domain: string, id?: string): Tenant {
    const clean = domain.trim().toLowerCase();
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(clean)) throw new DirectoryInputError(`'${domain}' is not a domain name`);
    if (this.state.tenants.some((t) => t.domain === clean)) {
      throw new DirectoryInputError(`tenant '${clean}' already exists`, 409);
    }
    if (id !== undefined && !isGuid(id)) throw new DirectoryInputError('tenant id must be a GUID');
    const tenant = { id: id?.toLowerCase() ?? newGuid(), domain: clean };
    this.state.tenants.push(tenant);
    return tenant;
  }

  /** Finds a tenant by GUID or domain (case-insensitive). */
  findTenant(idOrDomain: string): Tenant | undefined {
    const key = idOrDomain.toLowerCase();
    return this.state.tenants.find((t) => t.id === key || t.domain === key);
  }

  createApp(input: NewApp): AppRegistration {
    const tenant = this.requireTenant(input.tenant);
    if (!input.displayName) throw new DirectoryInputError('displayName is required');
    const redirectUris = input.redirectUris ?? [];
    for (const uri of redirectUris) assertRedirectUri(uri);
    const clientId = input.clientId?.toLowerCase() ?? newGuid();
    if (!isGuid(clientId)) throw new DirectoryInputError('clientId must be a GUID');
    if (this.findApp(clientId)) throw new DirectoryInputError(`app '${clientId}' already exists`, 409);
    const app: AppRegistration = {
      clientId,
      clientSecret: input.clientSecret ?? opaqueToken(30),
      homeTenantId: tenant.id,
      displayName: input.displayName,
      redirectUris,
      delegatedScopes: normaliseList(input.delegatedScopes ?? [], 'delegatedScopes'),
      applicationRoles: normaliseList(input.applicationRoles ?? [], 'applicationRoles'),
      consentedTenantIds: input.consented ? [tenant.id] : [],
      publicClient: input.publicClient === true,
    };
    this.state.apps.push(app);
    return app;
  }

  findApp(clientId: string): AppRegistration | undefined {
    const key = clientId.toLowerCase();
    return this.state.apps.find((a) => a.clientId === key);
  }

  createUser(input: NewUser): UserRecord {
    const tenant = this.requireTenant(input.tenant);
    const email = input.email?.trim().toLowerCase();
    if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new DirectoryInputError('email must be an address');
    if (!input.password) throw new DirectoryInputError('password is required');
    if (this.findUserRecord(email)) throw new DirectoryInputError(`user '${email}' already exists`, 409);
    if (input.id !== undefined && !isGuid(input.id)) throw new DirectoryInputError('user id must be a GUID');
    const user: UserRecord = {
      id: input.id?.toLowerCase() ?? newGuid(),
      tenantId: tenant.id,
      email,
      password: input.password,
      displayName: input.displayName ?? email.split('@')[0] ?? email,
      // Windows time zone names, as Graph's mailboxSettings reports them.
      timeZone: input.timeZone ?? 'UTC',
      signedIn: false,
    };
    this.state.users.push(user);
    return user;
  }

  /** Finds a user record by object id or email (case-insensitive), optionally within a tenant. */
  findUserRecord(idOrUpn: string, tenantId?: string): UserRecord | undefined {
    const key = safeDecode(idOrUpn).toLowerCase();
    return this.state.users.find((u) => (u.id === key || u.email === key) && (!tenantId || u.tenantId === tenantId));
  }

  findUser(idOrUpn: string, tenantId?: string): DirectoryUser | undefined {
    const user = this.findUserRecord(idOrUpn, tenantId);
    return user && toDirectoryUser(user);
  }

  allUsers(): DirectoryUser[] {
    return this.state.users.map(toDirectoryUser);
  }

  /** Pre-signs a user in: the authorize endpoint will not show the sign-in form for them. */
  signIn(email: string): UserRecord {
    const user = this.requireUser(email);
    user.signedIn = true;
    return user;
  }

  /**
   * Revokes the user's sessions and refresh tokens, like Graph `user: revokeSignInSessions`; consent stays, and
   * issued access tokens stay valid until they expire (entra/identity-platform/refresh-tokens#token-revocation).
   */
  revoke(email: string): { user: UserRecord; revokedRefreshTokens: number } {
    const user = this.requireUser(email);
    user.signedIn = false;
    let revokedRefreshTokens = 0;
    for (const rt of this.state.refreshTokens) {
      if (rt.userId === user.id && !rt.revoked) {
        rt.revoked = true;
        revokedRefreshTokens++;
      }
    }
    return { user, revokedRefreshTokens };
  }

  /** True when an administrator consented to the app in `tenantId`. */
  isAdminConsented(app: AppRegistration, tenantId: string): boolean {
    return app.consentedTenantIds.includes(tenantId);
  }

  /** Records admin consent for the app in a tenant. */
  adminConsent(app: AppRegistration, tenantId: string): void {
    if (!app.consentedTenantIds.includes(tenantId)) app.consentedTenantIds.push(tenantId);
  }

  /** Every scope the user may get for the app: user consent plus, with admin consent, all registered ones. */
  consentedScopes(user: UserRecord, app: AppRegistration): Set<string> {
    const scopes = new Set(this.findGrant(user.id, app.clientId)?.scopes ?? []);
    if (this.isAdminConsented(app, user.tenantId)) {
      for (const s of app.delegatedScopes) scopes.add(s);
      for (const s of OIDC_SCOPES) scopes.add(s);
    }
    return scopes;
  }

  /** Adds scopes to the user's consent grant for the app. */
  grantConsent(user: UserRecord, app: AppRegistration, scopes: Iterable<string>): void {
    let grant = this.findGrant(user.id, app.clientId);
    if (!grant) {
      grant = { userId: user.id, clientId: app.clientId, scopes: [] };
      this.state.grants.push(grant);
    }
    for (const s of scopes) if (!grant.scopes.includes(s)) grant.scopes.push(s);
  }

  private findGrant(userId: string, clientId: string): ConsentGrant | undefined {
    return this.state.grants.find((g) => g.userId === userId && g.clientId === clientId);
  }

  private requireTenant(idOrDomain: string | undefined): Tenant {
    if (!idOrDomain) throw new DirectoryInputError('tenant is required');
    const tenant = this.findTenant(idOrDomain);
    if (!tenant) throw new DirectoryInputError(`tenant '${idOrDomain}' not found`, 404);
    return tenant;
  }

  private requireUser(email: string): UserRecord {
    const user = this.findUserRecord(email);
    if (!user) throw new DirectoryInputError(`user '${email}' not found`, 404);
    return user;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function toDirectoryUser(user: UserRecord): DirectoryUser {
  return {
    id: user.id,
    tenantId: user.tenantId,
    email: user.email,
    displayName: user.displayName,
    timeZone: user.timeZone,
  };
}

function normaliseList(entries: string[], field: string): string[] {
  if (!Array.isArray(entries)) throw new DirectoryInputError(`${field} must be an array of strings`);
  return entries.map((entry) => {
    const normalised = typeof entry === 'string' ? normaliseRegisteredPermission(entry) : undefined;
    if (!normalised) throw new DirectoryInputError(`${field}: '${entry}' names an unknown resource`);
    return normalised;
  });
}

/**
 * Entra's registration rules (entra/identity-platform/reply-url): https, except http on loopback hosts; no
 * wildcards; at most 256 characters.
 */
function assertRedirectUri(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new DirectoryInputError(`redirect URI '${uri}' is not an absolute URI`);
  }
  if (uri.length > 256) throw new DirectoryInputError(`redirect URI '${uri}' is longer than 256 characters`);
  if (uri.includes('*')) throw new DirectoryInputError(`redirect URI '${uri}' must not contain wildcards`);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new DirectoryInputError(`redirect URI '${uri}' must use https (http only for localhost/127.0.0.1)`);
  }
}
