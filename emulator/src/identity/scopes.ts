/**
 * Scope strings on the Microsoft identity platform (entra/identity-platform/scopes-oidc): a scope is
 * `{resource}/{permission}`; a bare name means Microsoft Graph; `openid profile email offline_access` are OIDC
 * scopes that belong to no resource; `{resource}/.default` means "every permission already granted". One access
 * token is for one resource.
 */

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const EXCHANGE_RESOURCE = 'https://outlook.office365.com';
export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/** Spellings of the resources the emulator knows, mapped to the canonical resource URI. */
const RESOURCE_ALIASES: Record<string, string> = {
  'https://graph.microsoft.com': GRAPH_RESOURCE,
  [GRAPH_APP_ID]: GRAPH_RESOURCE,
  'https://outlook.office365.com': EXCHANGE_RESOURCE,
  'https://outlook.office.com': EXCHANGE_RESOURCE,
  [EXCHANGE_APP_ID]: EXCHANGE_RESOURCE,
};

/** Permission names that belong to Exchange Online when an app registration lists them without a resource. */
const EXCHANGE_PERMISSIONS = new Set([
  'ews.accessasuser.all',
  'full_access_as_app',
  'ews.accessasapp',
  'full_access_as_user',
]);

export interface ParsedScopes {
  /** OIDC scopes, lower case. */
  oidc: Set<string>;
  /** Permission names per canonical resource; `.default` is kept as a name. */
  byResource: Map<string, Set<string>>;
  /** Tokens naming a resource the emulator does not know (→ AADSTS500011). */
  unknownResources: string[];
}

/** True for `openid`, `profile`, `email`, `offline_access` (any case). */
export function isOidcScope(scope: string): boolean {
  return (OIDC_SCOPES as readonly string[]).includes(scope.toLowerCase());
}

/** Canonical resource URI for an alias, or undefined when unknown. */
export function canonicalResource(resource: string): string | undefined {
  return RESOURCE_ALIASES[resource.replace(/\/+$/, '').toLowerCase()] ?? RESOURCE_ALIASES[resource];
}

/** Splits one scope token into resource + permission name; bare names resolve to Graph. */
export function splitScope(token: string): { resource: string | undefined; name: string; raw: string } {
  const slash = token.lastIndexOf('/');
  if (slash < 0) return { resource: GRAPH_RESOURCE, name: token, raw: token };
  const resourcePart = token.slice(0, slash);
  return { resource: canonicalResource(resourcePart), name: token.slice(slash + 1), raw: token };
}

/** Parses a space-separated `scope` parameter. */
export function parseScopeParam(scope: string | undefined): ParsedScopes {
  const parsed: ParsedScopes = { oidc: new Set(), byResource: new Map(), unknownResources: [] };
  for (const token of (scope ?? '').split(/\s+/).filter(Boolean)) {
    if (isOidcScope(token)) {
      parsed.oidc.add(token.toLowerCase());
      continue;
    }
    const { resource, name } = splitScope(token);
    if (!resource || !name) {
      parsed.unknownResources.push(token);
      continue;
    }
    let names = parsed.byResource.get(resource);
    if (!names) {
      names = new Set();
      parsed.byResource.set(resource, names);
    }
    names.add(name);
  }
  return parsed;
}

/** `{resource}/{name}`, the form grants are stored in. */
export function fullScope(resource: string, name: string): string {
  return `${resource}/${name}`;
}

/**
 * Normalises a permission as listed on an app registration (`Mail.ReadWrite`, `full_access_as_app`,
 * `https://outlook.office365.com/EWS.AccessAsUser.All`, `offline_access`) to a full URI or an OIDC name.
 * Returns undefined for unknown resources.
 */
export function normaliseRegisteredPermission(entry: string): string | undefined {
  if (isOidcScope(entry)) return entry.toLowerCase();
  if (!entry.includes('/')) {
    const resource = EXCHANGE_PERMISSIONS.has(entry.toLowerCase()) ? EXCHANGE_RESOURCE : GRAPH_RESOURCE;
    return fullScope(resource, entry);
  }
  const { resource, name } = splitScope(entry);
  return resource && name ? fullScope(resource, name) : undefined;
}

/** Permission names of `resource` among full-URI scopes. */
export function namesForResource(scopes: Iterable<string>, resource: string): string[] {
  const prefix = `${resource}/`;
  const names: string[] = [];
  for (const scope of scopes) if (scope.startsWith(prefix)) names.push(scope.slice(prefix.length));
  return names;
}

/** Flattens parsed scopes back to full URIs plus OIDC names (the stored form). */
export function flattenScopes(parsed: ParsedScopes): string[] {
  const out = [...parsed.oidc];
  for (const [resource, names] of parsed.byResource) for (const name of names) out.push(fullScope(resource, name));
  return out;
}

/** How a scope is echoed in a token response: Graph permissions by short name, others by full URI. */
export function displayScope(resource: string, name: string): string {
  return resource === GRAPH_RESOURCE ? name : fullScope(resource, name);
}

/** Replaces `{resource}/.default` with every registered permission of that resource (static consent). */
export function expandDefault(scopes: string[], registered: string[]): string[] {
  const out = new Set<string>();
  for (const scope of scopes) {
    if (!scope.endsWith('/.default')) {
      out.add(scope);
      continue;
    }
    const prefix = scope.slice(0, -'.default'.length);
    for (const r of registered) if (r.startsWith(prefix)) out.add(r);
  }
  return [...out];
}
