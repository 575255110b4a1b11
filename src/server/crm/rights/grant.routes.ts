import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { RightsObject } from '../../db/schema.ts';
import { actorOf, idParams } from '../../http/request-context.ts';
import { type DefaultsRow, type Grant, rightsService } from './rights.service.ts';

const grantsBody = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['granteeType', 'granteeId'],
        properties: {
          granteeType: { type: 'string', enum: ['user', 'role'] },
          granteeId: { type: 'string', maxLength: 64 },
          read: { type: 'boolean', default: true },
          edit: { type: 'boolean', default: false },
          delete: { type: 'boolean', default: false },
        },
      },
    },
  },
} as const;

/** GET|PUT <path>/:id/grants for one record object. */
export const grantRoutes: FastifyPluginAsync<{ db: Db; object: RightsObject; path: string }> = async (app, opts) => {
  const { db, object, path } = opts;
  const tags = [`${object === 'activity' ? 'activities' : `${object}s`}`];
  app.get<{ Params: { id: string } }>(
    `${path}/:id/grants`,
    { config: { access: 'signedIn' }, schema: { tags, summary: `Access grants of a ${object}`, params: idParams } },
    async (request) => ({ items: await rightsService.grants(db, actorOf(request), object, request.params.id) }),
  );
  app.put<{ Params: { id: string }; Body: { items: Grant[] } }>(
    `${path}/:id/grants`,
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: `Replace the access grants of a ${object} (owner or administrator)`,
        params: idParams,
        body: grantsBody,
      },
    },
    async (request) => ({
      items: await rightsService.replaceGrants(db, actorOf(request), object, request.params.id, request.body.items),
    }),
  );
};

const defaultsBody = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      maxItems: 3,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['object', 'everyoneCanRead', 'everyoneCanEdit', 'everyoneCanDelete'],
        properties: {
          object: { type: 'string', enum: ['contact', 'account', 'activity'] },
          everyoneCanRead: { type: 'boolean' },
          everyoneCanEdit: { type: 'boolean' },
          everyoneCanDelete: { type: 'boolean' },
        },
      },
    },
  },
} as const;

/** GET|PUT /api/record-rights/defaults (administration). */
export const rightsDefaultsRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  const admin = { access: { operation: 'CanManageAdministration' } } as const;
  app.get(
    '/api/record-rights/defaults',
    { config: admin, schema: { tags: ['administration'], summary: 'Record-rights defaults per object' } },
    async () => ({
      items: await rightsService.defaults(db),
    }),
  );
  app.put<{ Body: { items: DefaultsRow[] } }>(
    '/api/record-rights/defaults',
    { config: admin, schema: { tags: ['administration'], summary: 'Set record-rights defaults', body: defaultsBody } },
    async (request) => ({ items: await rightsService.replaceDefaults(db, request.body.items) }),
  );
};
