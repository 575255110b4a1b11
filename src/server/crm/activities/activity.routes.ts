import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import { actorOf, idParams, nullableText } from '../../http/request-context.ts';
import { listQuerySchema } from '../common/list-query.ts';
import { ACTIVITY_CATEGORIES, ACTIVITY_PRIORITIES, ACTIVITY_STATUSES } from '../groups/filter-fields.ts';
import { grantRoutes } from '../rights/grant.routes.ts';
import { type ActivityFilters, activityService } from './activity.service.ts';
import type { ActivityInput } from './activity.types.ts';

const dateTime = { type: ['string', 'null'], maxLength: 40 } as const;

const activityBody = (required: string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    required,
    properties: {
      category: { type: 'string', enum: [...ACTIVITY_CATEGORIES] },
      title: { type: 'string', minLength: 1, maxLength: 255 },
      start: dateTime,
      due: dateTime,
      allDay: { type: 'boolean' },
      status: { type: 'string', enum: [...ACTIVITY_STATUSES] },
      priority: { type: 'string', enum: [...ACTIVITY_PRIORITIES] },
      showInCalendar: { type: 'boolean' },
      ownerId: { type: 'string', maxLength: 64 },
      location: nullableText(500),
      notes: nullableText(1_000_000),
      reminderAt: dateTime,
      participants: {
        type: 'array',
        maxItems: 500,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['contactId'],
          properties: {
            contactId: { type: 'string', maxLength: 64 },
            // Read-only; accepted so a client can send back what it read.
            contactName: { type: ['string', 'null'] },
            role: {
              type: 'string',
              enum: ['responsible', 'participant', 'optional', 'organizer'],
              default: 'participant',
            },
            response: { type: 'string', enum: ['none', 'accepted', 'declined', 'tentative'], default: 'none' },
          },
        },
      },
    },
  }) as const;

const signedIn = { access: 'signedIn' } as const;

/** /api/activities: list (also a calendar window), CRUD, grants. */
export const activityRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Querystring: ActivityFilters }>(
    '/api/activities',
    {
      config: signedIn,
      schema: {
        tags: ['activities'],
        summary: 'List activities the user may read; from/to select those overlapping a window',
        querystring: {
          type: 'object',
          properties: {
            ...listQuerySchema,
            category: { type: 'string', enum: [...ACTIVITY_CATEGORIES] },
            status: { type: 'string', enum: [...ACTIVITY_STATUSES] },
            ownerId: { type: 'string' },
            groupId: { type: 'string' },
            showInCalendar: { type: 'boolean' },
            from: { type: 'string' },
            to: { type: 'string' },
          },
        },
      },
    },
    async (request) => activityService.list(db, actorOf(request), request.query),
  );
  app.post<{ Body: ActivityInput }>(
    '/api/activities',
    {
      config: signedIn,
      schema: { tags: ['activities'], summary: 'Create an activity', body: activityBody(['title']) },
    },
    async (request, reply) => reply.status(201).send(await activityService.create(db, actorOf(request), request.body)),
  );
  app.get<{ Params: { id: string } }>(
    '/api/activities/:id',
    { config: signedIn, schema: { tags: ['activities'], summary: 'Read an activity', params: idParams } },
    async (request) => activityService.get(db, actorOf(request), request.params.id),
  );
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route<{ Params: { id: string }; Body: ActivityInput }>({
      method,
      url: '/api/activities/:id',
      config: signedIn,
      schema: { tags: ['activities'], summary: 'Update an activity', params: idParams, body: activityBody([]) },
      handler: async (request) => activityService.update(db, actorOf(request), request.params.id, request.body),
    });
  }
  app.delete<{ Params: { id: string } }>(
    '/api/activities/:id',
    { config: signedIn, schema: { tags: ['activities'], summary: 'Delete an activity', params: idParams } },
    async (request, reply) => {
      await activityService.delete(db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  await app.register(grantRoutes, { db, object: 'activity', path: '/api/activities' });
};
