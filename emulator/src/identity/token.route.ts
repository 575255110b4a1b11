import type { FastifyInstance } from 'fastify';
import { redeemAuthorizationCode } from './authorization-code.grant.ts';
import { authenticateClient, type TokenForm } from './client-auth.ts';
import { redeemClientCredentials } from './client-credentials.grant.ts';
import type { IdentityContext } from './identity-context.ts';
import { idErr } from './identity-errors.ts';
import { redeemRefreshToken } from './refresh-token.grant.ts';
import { requestOrigin, resolveTenantSegment } from './tenant-segment.ts';

/**
 * `POST /{tenant}/oauth2/v2.0/token`, form-urlencoded (entra/identity-platform/v2-oauth2-auth-code-flow): client
 * authentication, then one of authorization_code, refresh_token, client_credentials. Errors are IdentityErrors,
 * rendered by the identity plugin in Entra's JSON shape.
 */
export function registerTokenRoute(app: FastifyInstance, ctx: IdentityContext): void {
  app.post<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/token', async (request, reply) => {
    const tenantScope = resolveTenantSegment(ctx, request.params.tenant);
    const isForm = String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const form: TokenForm = isForm && request.body ? (request.body as TokenForm) : {};
    const grantType = form.grant_type;
    if (!grantType) throw idErr.missingParameter('grant_type');
    const client = authenticateClient(ctx, form, request.headers.authorization, tenantScope.segment);
    const origin = requestOrigin(request);
    // Token responses must not be cached (RFC 6749 §5.1).
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    switch (grantType) {
      case 'authorization_code':
        return redeemAuthorizationCode(ctx, client, form, tenantScope, origin);
      case 'refresh_token':
        return redeemRefreshToken(ctx, client, form, tenantScope, origin);
      case 'client_credentials':
        return redeemClientCredentials(ctx, client, form, tenantScope, origin);
      default:
        throw idErr.unsupportedGrantType(grantType);
    }
  });

  app.get('/:tenant/oauth2/v2.0/token', async (request) => {
    throw idErr.postOnly(request.method);
  });
}
