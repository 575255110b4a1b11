import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import { actorOf, idParams, nullableText } from '../../http/request-context.ts';
import { addressesSchema, communicationsSchema } from '../common/channels.ts';
import { listQuerySchema } from '../common/list-query.ts';
import { grantRoutes } from '../rights/grant.routes.ts';
import { type AccountFilters, accountService } from './account.service.ts';
import type { AccountInput } from './account.types.ts';

const accountBody = (required: string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    required,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 250 },
      type: nullableText(64),
      ownerId: { type: 'string', maxLength: 64 },
      communications: communicationsSchema,
      addresses: addressesSchema,
      notes: nullableText(100_000),
    },
  }) as const;

const signedIn = { access: 'signedIn' } as const;

/** /api/accounts: list with search and paging; CRUD; grants. */
export const accountRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Querystring: AccountFilters }>(
    '/api/accounts',
    {
      config: signedIn,
      schema: {
        tags: ['accounts'],
        summary: 'List accounts the user may read',
        querystring: {
          type: 'object',
          properties: { ...listQuerySchema, type: { type: 'string' }, ownerId: { type: 'string' } },
        },
      },
    },
    async (request) => accountService.list(db, actorOf(request), request.query),
  );
  app.post<{ Body: AccountInput }>(
    '/api/accounts',
    { config: signedIn, schema: { tags: ['accounts'], summary: 'Create an account', body: accountBody(['name']) } },
    async (request, reply) => reply.status(201).send(await accountService.create(db, actorOf(request), request.body)),
  );
  app.get<{ Params: { id: string } }>(
    '/api/accounts/:id',
    { config: signedIn, schema: { tags: ['accounts'], summary: 'Read an account', params: idParams } },
    async (request) => accountService.get(db, actorOf(request), request.params.id),
  );
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route<{ Params: { id: string }; Body: AccountInput }>({
      method,
      url: '/api/accounts/:id',
      config: signedIn,
      schema: { tags: ['accounts'], summary: 'Update an account', params: idParams, body: accountBody([]) },
      handler: async (request) => accountService.update(db, actorOf(request), request.params.id, request.body),
    });
  }
  app.delete<{ Params: { id: string } }>(
    '/api/accounts/:id',
    { config: signedIn, schema: { tags: ['accounts'], summary: 'Delete an account', params: idParams } },
    async (request, reply) => {
      await accountService.delete(db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  await app.register(grantRoutes, { db, object: 'account', path: '/api/accounts' });
};
