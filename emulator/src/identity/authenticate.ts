import { GraphError, type Principal, type RequestLike } from '../contracts.ts';
import type { IdentityContext } from './identity-context.ts';
import { JwtFormatError } from './jwt-signer.ts';
import { EXCHANGE_APP_ID, GRAPH_APP_ID } from './scopes.ts';

/** Audiences Microsoft Graph accepts (its URI, with or without slash, or its app id). */
export const GRAPH_AUDIENCES = ['https://graph.microsoft.com', 'https://graph.microsoft.com/', GRAPH_APP_ID];
/** Audiences Exchange Online (EWS) accepts. */
export const EXCHANGE_AUDIENCES = ['https://outlook.office365.com', 'https://outlook.office.com', EXCHANGE_APP_ID];

/** Graph tolerates a few minutes of clock skew on `nbf`; `exp` is checked strictly so expiry tests are exact. */
const NBF_SKEW_SEC = 300;

export type Authenticate = (request: RequestLike) => Principal;

/**
 * Builds a bearer-token validator for one resource: RS256 signature by the emulator's key, `exp`/`nbf`, `aud`, and
 * a tenant (and, for delegated tokens, a user) that still exists. Failures throw
 * `GraphError(401, 'InvalidAuthenticationToken', …)` with Graph's `WWW-Authenticate` challenge
 * (graph/resolve-auth-errors).
 */
export function createAuthenticator(ctx: IdentityContext, audiences: string[]): Authenticate {
  const cache = new WeakMap<object, { token: string; principal: Principal }>();
  return (request) => {
    const token = bearerToken(request);
    const cached = cache.get(request);
    if (cached && cached.token === token) return cached.principal;
    const principal = validate(ctx, audiences, token);
    cache.set(request, { token, principal });
    return principal;
  };
}

function bearerToken(request: RequestLike): string {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match?.[1]) throw unauthorized('Access token is empty.');
  return match[1];
}

function validate(ctx: IdentityContext, audiences: string[], token: string): Principal {
  let claims: Record<string, unknown>;
  try {
    claims = ctx.signer.verify(token);
  } catch (err) {
    if (err instanceof JwtFormatError && /signature|key/.test(err.message)) {
      throw unauthorized('Access token validation failure.');
    }
    throw unauthorized('CompactToken parsing failed with error code: 80049217');
  }
  const nowSec = Math.floor(ctx.now() / 1000);
  if (typeof claims.exp !== 'number' || nowSec >= claims.exp) {
    throw unauthorized('Lifetime validation failed, the token is expired.');
  }
  if (typeof claims.nbf === 'number' && nowSec + NBF_SKEW_SEC < claims.nbf) {
    throw unauthorized('Lifetime validation failed, the token is not yet valid.');
  }
  if (typeof claims.aud !== 'string' || !audiences.includes(claims.aud)) {
    throw unauthorized('Access token validation failure. Invalid audience.');
  }
  const tenantId = str(claims.tid);
  if (!tenantId || !ctx.directory.findTenant(tenantId)) throw unauthorized('Access token validation failure.');
  const appOnly = claims.idtyp === 'app' || claims.scp === undefined;
  const userId = appOnly ? undefined : str(claims.oid);
  if (!appOnly && (!userId || !ctx.directory.findUserRecord(userId, tenantId))) {
    throw unauthorized('Access token validation failure.');
  }
  return {
    tenantId,
    appId: str(claims.azp) ?? str(claims.appid) ?? '',
    userId,
    scopes: appOnly ? [] : (str(claims.scp) ?? '').split(' ').filter(Boolean),
    roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [],
  };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function unauthorized(message: string): GraphError {
  return new GraphError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
  });
}
