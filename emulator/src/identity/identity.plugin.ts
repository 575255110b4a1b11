import type { FastifyInstance } from 'fastify';
import { registerAdminConsentRoute } from './admin-consent.route.ts';
import { registerAuthorizeRoutes } from './authorize.route.ts';
import { PendingAuthorizations } from './authorize-request.ts';
import { BrowserSessions } from './browser-sessions.ts';
import { registerDiscoveryRoutes } from './discovery.route.ts';
import type { IdentityContext } from './identity-context.ts';
import { IdentityError, identityErrorBody } from './identity-errors.ts';
import { registerTokenRoute } from './token.route.ts';

/** In-memory identity state outside the snapshot: browser sessions and half-finished authorize requests. */
export interface IdentityRuntime {
  sessions: BrowserSessions;
  pendingAuthorizations: PendingAuthorizations;
}

export function createIdentityRuntime(ctx: IdentityContext): IdentityRuntime {
  return { sessions: new BrowserSessions(), pendingAuthorizations: new PendingAuthorizations(ctx.now) };
}

/**
 * Registers the identity platform v2 endpoints under `/{tenant}/…` in their own encapsulated scope, with a
 * form-urlencoded body parser and an error handler that renders IdentityErrors in Entra's shape.
 */
export function registerIdentity(app: FastifyInstance, ctx: IdentityContext, runtime: IdentityRuntime): void {
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.setErrorHandler((err, request, reply) => {
      if (err instanceof IdentityError) {
        const correlationId = request.headers['client-request-id'];
        return reply.code(err.status).send(
          identityErrorBody(err, {
            now: new Date(ctx.now()),
            correlationId: typeof correlationId === 'string' ? correlationId : undefined,
          }),
        );
      }
      request.log.error(err);
      return reply.send(err);
    });
    registerDiscoveryRoutes(scope, ctx);
    registerAuthorizeRoutes(scope, ctx, runtime.sessions, runtime.pendingAuthorizations);
    registerTokenRoute(scope, ctx);
    registerAdminConsentRoute(scope, ctx);
  });
}
