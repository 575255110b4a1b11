import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/database.ts';
import { idParams } from '../http/request-context.ts';
import { type ProviderDomainInput, providerDomainService } from './provider-domain.service.ts';

const body = (required: string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    required,
    properties: {
      domain: { type: 'string', maxLength: 260 },
      mailServiceId: { type: 'string', maxLength: 64 },
    },
  }) as const;

const admin = { access: { operation: 'CanManageAdministration' } } as const;
const tags = ['mail services'];

/** /api/mail-provider-domains (MS-9): signed-in users read, CanManageAdministration writes. */
export const providerDomainRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Querystring: { mailServiceId?: string } }>(
    '/api/mail-provider-domains',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'List mail provider domains',
        querystring: { type: 'object', properties: { mailServiceId: { type: 'string', maxLength: 64 } } },
      },
    },
    async (request) => providerDomainService.list(db, request.query.mailServiceId),
  );
  app.get<{ Params: { id: string } }>(
    '/api/mail-provider-domains/:id',
    { config: { access: 'signedIn' }, schema: { tags, summary: 'Read a provider domain', params: idParams } },
    async (request) => providerDomainService.get(db, request.params.id),
  );
  app.post<{ Body: Required<ProviderDomainInput> }>(
    '/api/mail-provider-domains',
    {
      config: admin,
      schema: { tags, summary: 'Add a provider domain', body: body(['domain', 'mailServiceId']) },
    },
    async (request, reply) => reply.status(201).send(await providerDomainService.create(db, request.body)),
  );
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route<{ Params: { id: string }; Body: ProviderDomainInput }>({
      method,
      url: '/api/mail-provider-domains/:id',
      config: admin,
      schema: { tags, summary: 'Change a provider domain', params: idParams, body: body([]) },
      handler: async (request) => providerDomainService.update(db, request.params.id, request.body),
    });
  }
  app.delete<{ Params: { id: string } }>(
    '/api/mail-provider-domains/:id',
    { config: admin, schema: { tags, summary: 'Remove a provider domain', params: idParams } },
    async (request, reply) => {
      await providerDomainService.delete(db, request.params.id);
      return reply.status(204).send();
    },
  );
};
