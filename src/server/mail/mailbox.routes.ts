import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/database.ts';
import { actorOf, idParams } from '../http/request-context.ts';
import { mailboxService } from './mailbox.service.ts';
import type { MailboxCreateInput, MailboxUpdateInput, TestConnection } from './mailbox.types.ts';
import { syncSettingsService } from './sync-settings.service.ts';
import type { FolderIdLister } from './sync-settings-folders.ts';
import type { Vault } from './vault/secret-vault.ts';

export interface MailboxRouteOptions {
  db: Db;
  vault: Vault;
  testConnection: TestConnection;
  /** Checks the folders chosen in the sync settings against the server (when it can be asked). */
  listFolderIds?: FolderIdLister;
}

const signedIn = { access: 'signedIn' } as const;
const tags = ['mailboxes'];
const skipTestQuery = { type: 'object', properties: { skipTest: { type: 'boolean', default: false } } } as const;

const mailboxBody = (required: string[], properties: Record<string, object>) =>
  ({ type: 'object', additionalProperties: false, required, properties }) as const;
const createBody = mailboxBody(['email', 'mailServiceId'], {
  email: { type: 'string', maxLength: 320 },
  mailServiceId: { type: 'string', maxLength: 64 },
  login: { type: 'string', maxLength: 320 },
  password: { type: 'string', maxLength: 1024 },
});
const updateBody = mailboxBody([], {
  login: { type: 'string', maxLength: 320 },
  password: { type: 'string', maxLength: 1024 },
});

/**
 * /api/mailboxes: every route is for signed-in users and acts on their own mailboxes only (MB-4); a
 * mailbox of anyone else is 404, for administrators too. The OAuth routes live in src/server/oauth.
 */
export const mailboxRoutes: FastifyPluginAsync<MailboxRouteOptions> = async (
  app,
  { db, vault, testConnection, listFolderIds },
) => {
  app.get('/api/mailboxes', { config: signedIn, schema: { tags, summary: 'List my mailboxes' } }, async (request) =>
    mailboxService.list(db, actorOf(request).id),
  );
  app.get<{ Params: { id: string } }>(
    '/api/mailboxes/:id',
    { config: signedIn, schema: { tags, summary: 'Read my mailbox', params: idParams } },
    async (request) => mailboxService.get(db, actorOf(request).id, request.params.id),
  );
  app.post<{ Body: MailboxCreateInput; Querystring: { skipTest: boolean } }>(
    '/api/mailboxes',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Add a mailbox with a password (tested first unless skipTest)',
        body: createBody,
        querystring: skipTestQuery,
      },
    },
    async (request, reply) => {
      const opts = { testConnection, skipTest: request.query.skipTest };
      const mailbox = await mailboxService.create(db, vault, actorOf(request).id, request.body, opts);
      request.log.info(
        { mailboxId: mailbox.id, mailServiceId: mailbox.mailServiceId, state: mailbox.state },
        'mailbox added',
      );
      return reply.status(201).send(mailbox);
    },
  );
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route<{ Params: { id: string }; Body: MailboxUpdateInput; Querystring: { skipTest: boolean } }>({
      method,
      url: '/api/mailboxes/:id',
      config: signedIn,
      schema: {
        tags,
        summary: 'Change login or password',
        params: idParams,
        body: updateBody,
        querystring: skipTestQuery,
      },
      handler: async (request) =>
        mailboxService.update(db, vault, actorOf(request).id, request.params.id, request.body, {
          testConnection,
          skipTest: request.query.skipTest,
        }),
    });
  }
  app.delete<{ Params: { id: string } }>(
    '/api/mailboxes/:id',
    { config: signedIn, schema: { tags, summary: 'Remove my mailbox', params: idParams } },
    async (request, reply) => {
      await mailboxService.delete(db, actorOf(request).id, request.params.id);
      return reply.status(204).send();
    },
  );
  app.post<{ Params: { id: string } }>(
    '/api/mailboxes/:id/test',
    { config: signedIn, schema: { tags, summary: 'Test the connection (MB-3)', params: idParams } },
    async (request) => {
      const result = await mailboxService.test(db, vault, actorOf(request).id, request.params.id, testConnection);
      // Ids and codes only: the test's input holds the credentials (MS-11).
      request.log.info({ mailboxId: request.params.id, ok: result.ok, code: result.code }, 'mailbox connection tested');
      return result;
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/mailboxes/:id/health',
    { config: signedIn, schema: { tags, summary: 'Connection health (MB-5)', params: idParams } },
    async (request) => mailboxService.health(db, actorOf(request).id, request.params.id),
  );
  app.get<{ Params: { id: string } }>(
    '/api/mailboxes/:id/sync-settings',
    { config: signedIn, schema: { tags, summary: 'Sync settings (MB-2)', params: idParams } },
    async (request) => syncSettingsService.get(db, actorOf(request).id, request.params.id),
  );
  app.put<{ Params: { id: string }; Body: Record<string, unknown> }>(
    '/api/mailboxes/:id/sync-settings',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Change sync settings (MB-2); sections and fields not sent keep their values',
        params: idParams,
        // Checked field by field in sync-settings.ts, which names the exact field and rule.
        body: { type: 'object' },
      },
    },
    async (request) => syncSettingsService.put(db, actorOf(request).id, request.params.id, request.body, listFolderIds),
  );
};
