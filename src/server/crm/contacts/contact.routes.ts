import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import { actorOf, idParams, nullableText } from '../../http/request-context.ts';
import { addressesSchema, communicationsSchema } from '../common/channels.ts';
import { listQuerySchema } from '../common/list-query.ts';
import { grantRoutes } from '../rights/grant.routes.ts';
import { type ContactFilters, contactService } from './contact.service.ts';
import type { ContactInput } from './contact.types.ts';

const contactBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    givenName: nullableText(100),
    middleName: nullableText(100),
    surname: nullableText(100),
    fullName: nullableText(250),
    jobTitle: nullableText(250),
    department: nullableText(250),
    birthday: nullableText(10),
    type: nullableText(64),
    accountId: nullableText(64),
    ownerId: { type: 'string', maxLength: 64 },
    communications: communicationsSchema,
    addresses: addressesSchema,
    notes: nullableText(100_000),
  },
} as const;

const signedIn = { access: 'signedIn' } as const;

/** /api/contacts: list with search, filters and paging; CRUD; grants. */
export const contactRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Querystring: ContactFilters }>(
    '/api/contacts',
    {
      config: signedIn,
      schema: {
        tags: ['contacts'],
        summary: 'List contacts the user may read',
        querystring: {
          type: 'object',
          properties: {
            ...listQuerySchema,
            type: { type: 'string' },
            ownerId: { type: 'string' },
            accountId: { type: 'string' },
            groupId: { type: 'string' },
          },
        },
      },
    },
    async (request) => contactService.list(db, actorOf(request), request.query),
  );

  app.post<{ Body: ContactInput }>(
    '/api/contacts',
    { config: signedIn, schema: { tags: ['contacts'], summary: 'Create a contact', body: contactBody } },
    async (request, reply) => reply.status(201).send(await contactService.create(db, actorOf(request), request.body)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/contacts/:id',
    { config: signedIn, schema: { tags: ['contacts'], summary: 'Read a contact', params: idParams } },
    async (request) => contactService.get(db, actorOf(request), request.params.id),
  );

  for (const method of ['PATCH', 'PUT'] as const) {
    app.route<{ Params: { id: string }; Body: ContactInput }>({
      method,
      url: '/api/contacts/:id',
      config: signedIn,
      schema: {
        tags: ['contacts'],
        summary: 'Update a contact (fields not sent stay as they are)',
        params: idParams,
        body: contactBody,
      },
      handler: async (request) => contactService.update(db, actorOf(request), request.params.id, request.body),
    });
  }

  app.delete<{ Params: { id: string } }>(
    '/api/contacts/:id',
    { config: signedIn, schema: { tags: ['contacts'], summary: 'Delete a contact', params: idParams } },
    async (request, reply) => {
      await contactService.delete(db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  await app.register(grantRoutes, { db, object: 'contact', path: '/api/contacts' });
};
