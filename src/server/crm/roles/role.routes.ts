import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.ts';
import { idParams } from '../../http/request-context.ts';
import { roleService } from './role.service.ts';

const roleBody = (required: string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    required,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      operations: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 100 } },
    },
  }) as const;

const admin = { access: { operation: 'CanManageAdministration' } } as const;

/** /api/roles and /api/system-operations. */
export const roleRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/roles',
    { config: { access: 'signedIn' }, schema: { tags: ['roles'], summary: 'List roles' } },
    async () => roleService.list(db),
  );
  app.get<{ Params: { id: string } }>(
    '/api/roles/:id',
    { config: { access: 'signedIn' }, schema: { tags: ['roles'], summary: 'Read a role', params: idParams } },
    async (request) => roleService.get(db, request.params.id),
  );
  app.post<{ Body: { name: string; operations?: string[] } }>(
    '/api/roles',
    { config: admin, schema: { tags: ['roles'], summary: 'Create a role', body: roleBody(['name']) } },
    async (request, reply) => reply.status(201).send(await roleService.create(db, request.body)),
  );
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route<{ Params: { id: string }; Body: { name?: string; operations?: string[] } }>({
      method,
      url: '/api/roles/:id',
      config: admin,
      schema: { tags: ['roles'], summary: 'Update a role', params: idParams, body: roleBody([]) },
      handler: async (request) => roleService.update(db, request.params.id, request.body),
    });
  }
  app.delete<{ Params: { id: string } }>(
    '/api/roles/:id',
    { config: admin, schema: { tags: ['roles'], summary: 'Delete a role', params: idParams } },
    async (request, reply) => {
      await roleService.delete(db, request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/system-operations',
    { config: admin, schema: { tags: ['administration'], summary: 'System operations' } },
    async () => roleService.systemOperations(db),
  );
};
