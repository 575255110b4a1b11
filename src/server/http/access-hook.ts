import type { FastifyInstance, RouteOptions } from 'fastify';
import { SESSION_COOKIE, sessionService } from '../auth/session.service.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { Access } from './access.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Refuses to register an /api route that does not declare its access requirement (DESIGN §4). */
export function assertAccessDeclared(route: RouteOptions): void {
  if (!route.url.startsWith('/api')) return;
  if (!route.config?.access) {
    const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
    throw new Error(`Route ${methods} ${route.url} declares no access requirement (config.access)`);
  }
}

/**
 * Resolves the session cookie to an actor and enforces the route's declared requirement:
 * anonymous, signed-in, or a system operation. Unsafe methods also need the session's CSRF token.
 */
export function installAccessHook(app: FastifyInstance, db: Db, sessionHours: number): void {
  app.addHook('onRoute', assertAccessDeclared);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access as Access | undefined;
    if (!access) return; // static files and the UI
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = await sessionService.resolve(db, token, sessionHours);
    if (access === 'anonymous') return;
    const actor = request.actor;
    if (!actor) throw new AppError('TANDEM_ERR_UNAUTHENTICATED');
    if (UNSAFE.has(request.method) && !request.routeOptions.config.skipCsrf) {
      const header = request.headers['x-csrf-token'];
      if (!sessionService.csrfMatches(actor, typeof header === 'string' ? header : undefined)) {
        throw new AppError('TANDEM_ERR_CSRF');
      }
    }
    if (typeof access === 'object' && !actor.operations.has(access.operation)) {
      throw new AppError('TANDEM_ERR_FORBIDDEN', `This needs the system operation ${access.operation}`);
    }
  });
}
