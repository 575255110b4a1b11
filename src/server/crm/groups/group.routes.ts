import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { GroupObject } from '../../db/schema.ts';
import { actorOf, idParams } from '../../http/request-context.ts';
import { lookupService } from '../lookups/lookup.service.ts';
import { FILTER_FIELDS } from './filter-fields.ts';
import { type GroupInput, groupService } from './group.service.ts';

const groupBody = (required: string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    required,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 250 },
      object: { type: 'string', enum: ['contact', 'activity'] },
      kind: { type: 'string', enum: ['static', 'dynamic'] },
      filter: { anyOf: [{ $ref: 'tandem-group-filter#' }, { type: 'null' }] },
    },
  }) as const;

const objectQuery = {
  type: 'object',
  properties: { object: { type: 'string', enum: ['contact', 'activity'] } },
} as const;
const signedIn = { access: 'signedIn' } as const;

/** /api/groups: static and dynamic groups of contacts and activities, and their members. */
export const groupRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Querystring: { object?: GroupObject } }>(
    '/api/groups',
    { config: signedIn, schema: { tags: ['groups'], summary: 'List groups', querystring: objectQuery } },
    async (request) => groupService.list(db, request.query.object),
  );
  app.get<{ Querystring: { object?: GroupObject } }>(
    '/api/groups/filter-fields',
    {
      config: signedIn,
      schema: { tags: ['groups'], summary: 'Fields a dynamic group can filter on', querystring: objectQuery },
    },
    async (request) => {
      const object = request.query.object ?? 'contact';
      // Contact types are a lookup table, so their values come from the database.
      const contactTypes = (await lookupService.all(db)).contactTypes.map((t) => t.id);
      const fields = FILTER_FIELDS[object].map((f) => ({
        name: f.name,
        type: f.type,
        ...(f.values && { values: f.values }),
        ...(object === 'contact' && f.name === 'type' && { values: contactTypes }),
      }));
      return { fields };
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/groups/:id',
    { config: signedIn, schema: { tags: ['groups'], summary: 'Read a group', params: idParams } },
    async (request) => groupService.get(db, request.params.id),
  );
  app.post<{ Body: Required<Pick<GroupInput, 'name' | 'object' | 'kind'>> & GroupInput }>(
    '/api/groups',
    {
      config: signedIn,
      schema: { tags: ['groups'], summary: 'Create a group', body: groupBody(['name', 'object', 'kind']) },
    },
    async (request, reply) => reply.status(201).send(await groupService.create(db, actorOf(request), request.body)),
  );
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route<{ Params: { id: string }; Body: GroupInput }>({
      method,
      url: '/api/groups/:id',
      config: signedIn,
      schema: {
        tags: ['groups'],
        summary: 'Rename a group or change its filter',
        params: idParams,
        body: groupBody([]),
      },
      handler: async (request) => groupService.update(db, actorOf(request), request.params.id, request.body),
    });
  }
  app.delete<{ Params: { id: string } }>(
    '/api/groups/:id',
    { config: signedIn, schema: { tags: ['groups'], summary: 'Delete a group', params: idParams } },
    async (request, reply) => {
      await groupService.delete(db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.post<{ Params: { id: string }; Body: { recordIds: string[] } }>(
    '/api/groups/:id/members',
    {
      config: signedIn,
      schema: {
        tags: ['groups'],
        summary: 'Add records to a static group',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['recordIds'],
          properties: {
            recordIds: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'string', maxLength: 64 } },
          },
        },
      },
    },
    async (request, reply) => {
      await groupService.addMembers(db, actorOf(request), request.params.id, request.body.recordIds);
      return reply.status(204).send();
    },
  );
  app.delete<{ Params: { id: string; recordId: string } }>(
    '/api/groups/:id/members/:recordId',
    {
      config: signedIn,
      schema: {
        tags: ['groups'],
        summary: 'Remove a record from a static group',
        params: {
          type: 'object',
          required: ['id', 'recordId'],
          properties: { id: { type: 'string' }, recordId: { type: 'string' } },
        },
      },
    },
    async (request, reply) => {
      await groupService.removeMember(db, actorOf(request), request.params.id, request.params.recordId);
      return reply.status(204).send();
    },
  );
};
