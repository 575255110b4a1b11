import type { FastifyInstance } from 'fastify';
import type { OutlookControl } from '../contracts.ts';
import { type SeedOptions, seedMailbox } from '../seed/index.ts';
import { createOutlook } from '../seed/outlook.ts';
import { loadStore, saveStore } from '../store/index.ts';
import { batchFeature } from './batch/batch.route.ts';
import { calendarFeatureRoutes } from './calendar/calendar-routes.ts';
import { contactRoutes } from './contacts.route.ts';
import { installErrorHandling, sendGraphError } from './errors.ts';
import { extensionRoutes } from './extensions.route.ts';
import { contactFolderRoutes, mailFolderRoutes } from './folders.route.ts';
import { mailboxRouter } from './mailbox-router.ts';
import { messageContentRoutes } from './message-content.route.ts';
import { messageRoutes } from './messages.route.ts';
import { type GraphPluginOptions, principalOf, resolveOptions } from './request-context.ts';
import { sendMailRoutes } from './send-mail.route.ts';
import { subscriptionsFeature } from './subscriptions/subscriptions-feature.ts';
import { todoFeatureRoutes } from './todo/todo-routes.ts';
import { userRoutes } from './user.route.ts';

export type { GraphConfig, GraphHooks, GraphPluginOptions, GraphRuntime } from './request-context.ts';

/**
 * Microsoft Graph v1.0 (Outlook mail, contacts, user profile) over the mailbox store. Register it
 * encapsulated (no fastify-plugin wrapper) with `{prefix: '/v1.0'}`: its error and not-found handlers then
 * answer in Graph's error shape for Graph paths only. Every mailbox route exists under `/me` and under
 * `/users/{id|userPrincipalName}`.
 */
export default async function graphPlugin(app: FastifyInstance, opts: GraphPluginOptions): Promise<void> {
  const runtime = resolveOptions(opts);
  // With the emulator's GraphDeps: seeding and the store's reset/snapshot go through the control API.
  opts.setSeedHandler?.((user, body) => seedMailbox(runtime.store, user, (body ?? {}) as SeedOptions));
  if ('setOutlook' in opts) opts.setOutlook?.(createOutlook(runtime.store) as OutlookControl);
  opts.addStatefulPart?.({
    name: 'mailboxes',
    reset: () => runtime.store.reset(),
    save: () => saveStore(runtime.store),
    load: (data) => loadStore(runtime.store, data),
  });
  installErrorHandling(app);
  acceptEmptyJsonBodies(app);
  const prefix = app.prefix;
  // Authenticate before routing decisions, so a bad token is a 401 even on unknown paths, as in Graph.
  app.addHook('onRequest', async (req, reply) => {
    try {
      principalOf(req, runtime);
    } catch (err) {
      return sendGraphError(req, reply, err);
    }
  });
  subscriptionsFeature(app, runtime, opts);
  batchFeature(app, runtime, opts);
  for (const mailboxPrefix of ['/me', '/users/:userIdOrUpn']) {
    await app.register(
      async (scope) => {
        const r = mailboxRouter(scope, runtime, prefix);
        userRoutes(r);
        messageRoutes(r);
        messageContentRoutes(r);
        sendMailRoutes(r);
        mailFolderRoutes(r);
        contactFolderRoutes(r);
        contactRoutes(r);
        extensionRoutes(r);
        calendarFeatureRoutes(r, runtime);
        todoFeatureRoutes(r);
      },
      { prefix: mailboxPrefix },
    );
  }
}

/** SDKs POST actions such as `/send` with `Content-Type: application/json` and no body; Graph accepts that. */
function acceptEmptyJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (!text.trim()) return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const err = Object.assign(new Error('invalid JSON'), { statusCode: 400 });
      done(err, undefined);
    }
  });
}

export { graphPlugin };
