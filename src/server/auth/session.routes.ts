import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import { userService } from '../crm/users/user.service.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { actorOf } from '../http/request-context.ts';
import { SESSION_COOKIE, sessionService } from './session.service.ts';

export interface SessionRouteOptions {
  db: Db;
  sessionHours: number;
  loginRateLimit: number;
  cookieSecure: boolean;
}

/** POST/GET/DELETE /api/session and PATCH /api/profile. */
export const sessionRoutes: FastifyPluginAsync<SessionRouteOptions> = async (app, opts) => {
  const { db } = opts;
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    errorResponseBuilder: () => new AppError('TANDEM_ERR_RATE_LIMITED'),
  });

  const sessionBody = async (userId: string, csrfToken: string) => {
    const user = await userService.get(db, userId);
    const { operations } = await userService.rolesAndOperations(db, userId);
    return { user: { ...user, operations }, csrfToken };
  };

  app.post<{ Body: { login: string; password: string } }>(
    '/api/session',
    {
      config: {
        access: 'anonymous',
        skipCsrf: true,
        // Per client address and login, so one attacker cannot lock out everyone. The login is keyed as
        // sign-in looks it up (trimmed, any case), so ' alice' and 'ALICE' share alice's budget.
        rateLimit: {
          max: opts.loginRateLimit,
          timeWindow: '1 minute',
          keyGenerator: (req) =>
            `${req.ip}|${String((req.body as { login?: unknown })?.login ?? '')
              .trim()
              .toLowerCase()}`,
        },
      },
      schema: {
        tags: ['session'],
        summary: 'Sign in',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['login', 'password'],
          properties: {
            login: { type: 'string', minLength: 1, maxLength: 64 },
            password: { type: 'string', maxLength: 1024 },
          },
        },
      },
    },
    async (request, reply) => {
      const { token, csrfToken, userId } = await sessionService.signIn(
        db,
        request.body.login.trim(),
        request.body.password,
        opts.sessionHours,
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.cookieSecure,
        maxAge: opts.sessionHours * 3600,
      });
      return sessionBody(userId, csrfToken);
    },
  );

  app.get(
    '/api/session',
    { config: { access: 'signedIn' }, schema: { tags: ['session'], summary: 'The signed-in user' } },
    async (request) => {
      const actor = actorOf(request);
      return sessionBody(actor.id, actor.csrfToken);
    },
  );

  app.delete(
    '/api/session',
    { config: { access: 'signedIn' }, schema: { tags: ['session'], summary: 'Sign out' } },
    async (request, reply) => {
      await sessionService.signOut(db, actorOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.patch<{
    Body: {
      displayName?: string;
      language?: 'en' | 'ru';
      timeZone?: string;
      password?: string;
      currentPassword?: string;
    };
  }>(
    '/api/profile',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['session'],
        summary: 'Update your own profile (display name, language, time zone, password)',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            displayName: { type: 'string', maxLength: 200 },
            language: { type: 'string', enum: ['en', 'ru'] },
            timeZone: { type: 'string', maxLength: 64 },
            password: { type: 'string', maxLength: 1024 },
            currentPassword: { type: 'string', maxLength: 1024 },
          },
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await userService.updateProfile(db, actor, request.body);
      return (await sessionBody(actor.id, actor.csrfToken)).user;
    },
  );
};
