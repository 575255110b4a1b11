import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { sessionRoutes } from './auth/session.routes.ts';
import type { Config } from './config.ts';
import { crmRoutes } from './crm/crm.routes.ts';
import { filterSchema } from './crm/groups/group-filter.ts';
import { type DatabaseHandle, ping } from './db/database.ts';
import { installAccessHook } from './http/access-hook.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { installOpenApi } from './http/openapi.ts';
import { installStaticWeb } from './http/static-web.ts';
import { installValidators } from './http/validation.ts';
import { type SyncRuntime, startSyncRuntime } from './jobs/sync-runtime.ts';
import { connectionRoutes } from './mail/connection/connection.routes.ts';
import { createConnectionTest } from './mail/connection/connection-tester.ts';
import { createFolderIdLister } from './mail/connection/folder-id-lister.ts';
import { mailRoutes } from './mail/mail.routes.ts';
import type { TestConnection } from './mail/mailbox.types.ts';
import type { Vault } from './mail/vault/secret-vault.ts';
import { oauthRoutes } from './oauth/oauth.routes.ts';
import { syncRoutes } from './sync-state/sync.routes.ts';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  version: string;
  /** The secret vault (MS-11), built once from TANDEM_SECRET_KEY or the key file; tests build their own. */
  vault: Vault;
  /** Pino logger options (merged over the defaults, so redaction stays); tests pass false. */
  logger?: boolean | object;
  /** The mailbox connection test (MB-3); tests pass a fake server. Defaults to the connectors' real test. */
  testConnection?: TestConnection;
  /**
   * The process's sync runtime (queue, worker, scheduler). Default: one built here that works runs in this process
   * without the housekeeping tick, closed with the app; `main.ts` passes the one its role asks for.
   */
  sync?: SyncRuntime;
}

/** Builds the Fastify app without listening (tests use `inject`; DESIGN §7.8). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, version, logger, vault } = deps;
  const defaultLogger = {
    level: config.logLevel,
    // Secrets never reach the log (MS-11): drop credentials and cookies from serialised requests.
    redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
  };
  const app = Fastify({
    logger: typeof logger === 'object' ? { ...defaultLogger, ...logger } : (logger ?? defaultLogger),
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === 'true',
  });
  const { db } = database;
  installValidators(app, [filterSchema]);
  acceptEmptyJsonBodies(app);
  installErrorHandler(app);
  await app.register(cookie);
  // Security headers; the CSP allows only our own scripts (mail HTML shown later is sanitised and
  // never runs script), inline styles for the component library, and images from data: URLs.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.cookieSecure,
  });
  installAccessHook(app, db, config.sessionHours);
  await installOpenApi(app, version);

  app.get(
    '/api/health',
    { config: { access: 'anonymous' }, schema: { tags: ['system'], summary: 'Liveness and storage check' } },
    async () => {
      await ping(db);
      return { status: 'ok', db: database.dialect, version };
    },
  );
  await app.register(sessionRoutes, {
    db,
    sessionHours: config.sessionHours,
    loginRateLimit: config.loginRateLimit,
    cookieSecure: config.cookieSecure,
  });
  await app.register(crmRoutes, { db });
  const testConnection: TestConnection = deps.testConnection ?? createConnectionTest({ db, vault, config });
  const listFolderIds = createFolderIdLister({ db, vault, config });
  await app.register(mailRoutes, { db, vault, config, testConnection, listFolderIds });
  await app.register(oauthRoutes, { db, vault, config });
  await app.register(connectionRoutes, { db, vault, config });
  const sync =
    deps.sync ??
    startSyncRuntime({ db, vault, config, logger: app.log, scheduler: false, leaseMs: config.syncLeaseSeconds * 1000 });
  if (!deps.sync) app.addHook('onClose', () => sync.close());
  await app.register(syncRoutes, { db, requestSync: sync.request });
  await installStaticWeb(app, config.webDir);
  return app;
}

/**
 * Action routes (`POST /api/mailboxes/:id/test`) take no body, but many clients still send
 * `Content-Type: application/json` with an empty one; treat that as no body instead of a 400.
 * Non-empty bodies go through Fastify's own parser (with its prototype-poisoning protection).
 */
function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parse(request, text, done);
  });
}
