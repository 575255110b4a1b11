import type { FastifyInstance } from 'fastify';
import { redirectLocation } from './authorize-flow.ts';
import { errorPage } from './authorize-pages.ts';
import type { IdentityContext } from './identity-context.ts';
import { describe, type IdentityError, idErr } from './identity-errors.ts';
import { resolveTenantSegment } from './tenant-segment.ts';

type Query = Record<string, string | undefined>;

/**
 * Admin consent (entra/identity-platform/v2-admin-consent): `GET /{tenant}/v2.0/adminconsent?client_id&scope&
 * redirect_uri&state`. The emulator plays the administrator who accepts: it records consent for the app in the
 * tenant (all registered delegated and application permissions) and redirects with `admin_consent=True&tenant&state`.
 * On `common`/`organizations` the administrator's tenant is the app's home tenant.
 */
export function registerAdminConsentRoute(app: FastifyInstance, ctx: IdentityContext): void {
  app.get<{ Params: { tenant: string }; Querystring: Query }>('/:tenant/v2.0/adminconsent', async (request, reply) => {
    const q = request.query;
    const fail = (err: IdentityError) =>
      reply
        .code(400)
        .type('text/html')
        .send(errorPage(describe(err)));
    let tenantScope: ReturnType<typeof resolveTenantSegment>;
    try {
      tenantScope = resolveTenantSegment(ctx, request.params.tenant);
    } catch (err) {
      return fail(err as IdentityError);
    }
    if (!q.client_id) return fail(idErr.missingParameter('client_id'));
    const registration = ctx.directory.findApp(q.client_id);
    if (!registration) return fail(idErr.appNotFound(q.client_id, tenantScope.segment));
    if (!q.redirect_uri) return fail(idErr.noReplyAddress());
    if (!registration.redirectUris.includes(q.redirect_uri)) {
      return fail(idErr.redirectNotRegistered(q.redirect_uri, registration.clientId));
    }
    const tenantId = tenantScope.kind === 'tenant' ? tenantScope.tenant.id : registration.homeTenantId;
    ctx.directory.adminConsent(registration, tenantId);
    const params: Record<string, string> = { admin_consent: 'True', tenant: tenantId };
    if (q.scope) params.scope = q.scope;
    if (q.state !== undefined) params.state = q.state;
    return reply.redirect(redirectLocation({ redirectUri: q.redirect_uri, responseMode: 'query' }, params), 302);
  });
}
