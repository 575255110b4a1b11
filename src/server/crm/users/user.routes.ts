import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import { actorOf, idParams } from '../../http/request-context.ts';
import { type ListParams, listQuerySchema } from '../common/list-query.ts';
import { userService } from './user.service.ts';
import type { UserInput } from './user.types.ts';

const userBody = (required: string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    required,
    properties: {
      login: { type: 'string', minLength: 1, maxLength: 64 },
      password: { type: 'string', maxLength: 1024 },
      displayName: { type: 'string', maxLength: 200 },
      language: { type: 'string', enum: ['en', 'ru'] },
      timeZone: { type: 'string', maxLength: 64 },
      roleIds: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 64 } },
      contactId: { type: ['string', 'null'], maxLength: 64 },
      active: { type: 'boolean' },
    },
  }) as const;

const admin = { access: { operation: 'CanManageAdministration' } } as const;

/** /api/users: any signed-in user may list (owner pickers); changes need CanManageAdministration. */
export const userRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Querystring: ListParams }>(
    '/api/users',
    {
      config: { access: 'signedIn' },
      schema: { tags: ['users'], summary: 'List users', querystring: { type: 'object', properties: listQuerySchema } },
    },
    async (request) => userService.list(db, request.query.q, request.query.limit ?? 50, request.query.offset ?? 0),
  );
  app.get<{ Params: { id: string } }>(
    '/api/users/:id',
    { config: { access: 'signedIn' }, schema: { tags: ['users'], summary: 'Read a user', params: idParams } },
    async (request) => userService.get(db, request.params.id),
  );
  app.post<{ Body: UserInput & { login: string; password: string } }>(
    '/api/users',
    { config: admin, schema: { tags: ['users'], summary: 'Create a user', body: userBody(['login', 'password']) } },
    async (request, reply) => reply.status(201).send(await userService.create(db, actorOf(request), request.body)),
  );
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route<{ Params: { id: string }; Body: UserInput }>({
      method,
      url: '/api/users/:id',
      config: admin,
      schema: { tags: ['users'], summary: 'Update a user', params: idParams, body: userBody([]) },
      handler: async (request) => userService.update(db, actorOf(request), request.params.id, request.body),
    });
  }
  app.delete<{ Params: { id: string } }>(
    '/api/users/:id',
    { config: admin, schema: { tags: ['users'], summary: 'Delete a user', params: idParams } },
    async (request, reply) => {
      await userService.delete(db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
};
