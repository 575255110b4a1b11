import type { FastifyInstance } from 'fastify';
import type { IdentityContext } from './identity-context.ts';
import { metadataIssuer, requestOrigin, resolveTenantSegment } from './tenant-segment.ts';

/**
 * OIDC discovery and signing keys (entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri):
 * `/{tenant}/v2.0/.well-known/openid-configuration` and `/{tenant}/discovery/v2.0/keys`.
 */
export function registerDiscoveryRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.get<{ Params: { tenant: string } }>('/:tenant/v2.0/.well-known/openid-configuration', async (request) => {
    const scope = resolveTenantSegment(ctx, request.params.tenant, 'invalid_tenant');
    const origin = requestOrigin(request);
    const base = `${origin}/${scope.segment}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: metadataIssuer(ctx, origin, scope),
      request_uri_parameter_supported: false,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: request.host,
      rbac_url: 'https://pas.windows.net',
    };
  });

  app.get<{ Params: { tenant: string } }>('/:tenant/discovery/v2.0/keys', async (request) => {
    const scope = resolveTenantSegment(ctx, request.params.tenant, 'invalid_tenant');
    return ctx.signer.jwks(metadataIssuer(ctx, requestOrigin(request), scope));
  });
}
