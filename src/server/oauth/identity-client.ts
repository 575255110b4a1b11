import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { fromNetworkError } from '../connectors/network-errors.ts';
import { ConnectorError } from '../connectors/port.ts';
import { isTransportAllowed } from '../connectors/transport-policy.ts';
import { GrantError, grantFailureOf } from './grant-errors.ts';
import type { TokenSet } from './token-manager.ts';

/**
 * The Microsoft identity platform through openid-client v6 (reference/toolchain.md): discovery at
 * `{authority}/{tenant}/v2.0`, authorization code + PKCE, and refresh-token grants (protocols.md §4). Plain http is
 * enabled with `allowInsecureRequests` only for a loopback authority when the operator allowed it — never
 * otherwise. Failures leave here translated: transport → ConnectorError, OAuth errors → GrantError.
 */

/** What the identity client needs of a mail service. */
export interface OAuthServiceRef {
  authorityUrl: string;
  tenant: string;
  clientId: string;
  clientSecret: string;
  /** The delegated scopes to ask for (OA-2; the mail service shows the same list to the administrator). */
  scopes: readonly string[];
}

export interface IdentityClientOptions {
  allowInsecureLoopback: boolean;
  now?: () => number;
  /** How long a discovered configuration is reused. */
  discoveryTtlMs?: number;
}

/** Tokens from a code redemption, plus the ID token's claims that name the user. */
export interface CodeGrantResult extends TokenSet {
  idClaims: { oid?: string; email?: string; preferredUsername?: string; name?: string } | undefined;
}

export interface IdentityClient {
  authorizationUrl(
    service: OAuthServiceRef,
    p: { redirectUri: string; state: string; nonce: string; codeChallenge: string; loginHint: string },
  ): Promise<URL>;
  /** Redeems the code in `callbackUrl` (the redirect URI plus the provider's query). */
  redeemCode(
    service: OAuthServiceRef,
    p: { callbackUrl: URL; codeVerifier: string; state: string; nonce: string },
  ): Promise<CodeGrantResult>;
  refresh(refreshToken: string, service: OAuthServiceRef): Promise<TokenSet>;
}

/** `{authority}/{tenant}/v2.0`: the issuer the discovery document lives under (protocols.md §4). */
export function issuerUrl(service: Pick<OAuthServiceRef, 'authorityUrl' | 'tenant'>): URL {
  return new URL(`${service.authorityUrl.replace(/\/+$/, '')}/${encodeURIComponent(service.tenant)}/v2.0`);
}

/** Translates anything openid-client throws. */
export function translateOidcError(err: unknown, host: string): Error {
  if (err instanceof ConnectorError || err instanceof GrantError) return err;
  if (err instanceof oidc.ResponseBodyError) {
    // Entra sends AADSTS numbers in `error_codes`; 65001 (no consent) arrives as invalid_grant on refresh.
    const codes = Array.isArray(err.cause.error_codes) ? err.cause.error_codes : [];
    const failure = codes.includes(65001) ? 'consentRequired' : grantFailureOf(err.error);
    return new GrantError(failure, `${err.error}${codes.length ? ` AADSTS${codes.join(',')}` : ''}`);
  }
  if (err instanceof oidc.WWWAuthenticateChallengeError) {
    // A 401 with a challenge from the token endpoint: the client credentials were refused (RFC 6749 §5.2).
    return new GrantError(err.status === 401 ? 'invalidClient' : 'provider', `HTTP ${err.status} challenge`);
  }
  const network = fromNetworkError(err, host);
  if (network) return network;
  const code = (err as { code?: unknown })?.code;
  return new GrantError('provider', typeof code === 'string' ? code : String((err as Error)?.message ?? err));
}

/** Creates the identity client; discovery results are cached per issuer and client. */
export function createIdentityClient(opts: IdentityClientOptions): IdentityClient {
  const now = opts.now ?? Date.now;
  const ttl = opts.discoveryTtlMs ?? 60 * 60_000;
  const cache = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

  const configFor = (service: OAuthServiceRef): Promise<oidc.Configuration> => {
    const issuer = issuerUrl(service);
    if (!isTransportAllowed(issuer, opts.allowInsecureLoopback)) {
      return Promise.reject(
        new ConnectorError('INVALID', `${issuer.origin}: the authority must use https (http only to loopback)`),
      );
    }
    const secretHash = createHash('sha256').update(service.clientSecret).digest('base64url');
    const key = `${issuer.href}|${service.clientId}|${secretHash}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttl) return hit.config;
    const insecure = issuer.protocol === 'http:';
    const config = oidc
      .discovery(issuer, service.clientId, service.clientSecret, oidc.ClientSecretPost(service.clientSecret), {
        ...(insecure && { execute: [oidc.allowInsecureRequests] }),
      })
      .catch((err) => {
        cache.delete(key); // a failed discovery is not cached
        throw translateOidcError(err, issuer.host);
      });
    cache.set(key, { at: now(), config });
    return config;
  };

  const toTokenSet = (t: oidc.TokenEndpointResponse): TokenSet => ({
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? null,
    // Entra always sends expires_in; an hour is its usual lifetime should a server omit it.
    expiresAt: now() + (typeof t.expires_in === 'number' ? t.expires_in : 3600) * 1000,
  });

  return {
    async authorizationUrl(service, p) {
      const config = await configFor(service);
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: p.redirectUri,
        response_type: 'code',
        response_mode: 'query',
        scope: service.scopes.join(' '),
        state: p.state,
        nonce: p.nonce,
        code_challenge: p.codeChallenge,
        code_challenge_method: 'S256',
        login_hint: p.loginHint,
      });
    },

    async redeemCode(service, p) {
      const config = await configFor(service);
      try {
        const tokens = await oidc.authorizationCodeGrant(config, p.callbackUrl, {
          pkceCodeVerifier: p.codeVerifier,
          expectedState: p.state,
          expectedNonce: p.nonce,
        });
        const claims = tokens.claims();
        const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
        return {
          ...toTokenSet(tokens),
          idClaims: claims && {
            oid: text(claims.oid),
            email: text(claims.email),
            preferredUsername: text(claims.preferred_username),
            name: text(claims.name),
          },
        };
      } catch (err) {
        throw translateOidcError(err, issuerUrl(service).host);
      }
    },

    async refresh(refreshToken, service) {
      const config = await configFor(service);
      try {
        return toTokenSet(await oidc.refreshTokenGrant(config, refreshToken, { scope: service.scopes.join(' ') }));
      } catch (err) {
        throw translateOidcError(err, issuerUrl(service).host);
      }
    },
  };
}
