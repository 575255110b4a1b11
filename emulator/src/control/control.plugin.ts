import type { FastifyInstance } from 'fastify';
import type { EmulatorConfig, OutlookControl, SeedHandler, SubscriptionsControl } from '../contracts.ts';
import { DirectoryInputError, type DirectoryService } from '../directory/directory-service.ts';
import { FaultInputError, type FaultStore } from '../faults/fault-rules.ts';
import type { EmulatorStats } from '../stats/emulator-stats.ts';
import type { MailboxLimiter } from '../throttle/mailbox-limiter.ts';
import { ControlInputError, controlErrorBody } from './control-errors.ts';
import { registerLoopbackGuard } from './loopback-guard.ts';
import { registerOutlookRoutes } from './outlook.routes.ts';

export interface ControlDeps {
  directory: DirectoryService;
  faults: FaultStore;
  stats: EmulatorStats;
  limiter: MailboxLimiter;
  getConfig(): EmulatorConfig;
  applyConfig(patch: unknown): EmulatorConfig;
  /** Clears everything (directory, mailboxes, faults, counters, config) but keeps the signing key. */
  reset(): void;
  /** Ends the user's browser sessions after a revoke. */
  endSessions(userId: string): void;
  seedHandler(): SeedHandler | undefined;
  /** "The user in Outlook" and subscription lifecycle control, once the Graph part is loaded. */
  outlook(): OutlookControl | undefined;
  subscriptions(): SubscriptionsControl | undefined;
  /** Writes the snapshot file; undefined when no `EMULATOR_SNAPSHOT` is configured. */
  saveSnapshot?: () => Promise<string>;
}

type Body = Record<string, unknown>;
const STORE_STATUS: Record<string, number> = { notFound: 404, malformedId: 400, invalid: 400, conflict: 409 };
type EmailParams = { Params: { email: string }; Body: Body };

/**
 * The control API under `/_emulator/` (DESIGN §5; extend, never rename), loopback clients only. Field names are
 * camelCase; create calls answer 201.
 */
export function registerControl(app: FastifyInstance, deps: ControlDeps): void {
  app.register(
    async (scope) => {
      registerLoopbackGuard(scope);
      scope.setErrorHandler((err, _request, reply) => {
        if (err instanceof DirectoryInputError || err instanceof ControlInputError) {
          return reply.code(err.status).send(controlErrorBody(err.status, err.message));
        }
        if (err instanceof FaultInputError) return reply.code(400).send(controlErrorBody(400, err.message));
        // The mailbox store's errors (Outlook actions) carry a neutral code.
        const storeStatus = STORE_STATUS[String((err as { code?: unknown }).code)];
        if (storeStatus) return reply.code(storeStatus).send(controlErrorBody(storeStatus, (err as Error).message));
        const status = (err as { statusCode?: number }).statusCode ?? 500;
        return reply.code(status).send(controlErrorBody(status, (err as Error).message));
      });
      const body = (b: unknown): Body => (typeof b === 'object' && b !== null ? (b as Body) : {});

      scope.post('/reset', async () => {
        deps.reset();
        return { reset: true };
      });

      scope.post('/tenants', async (request, reply) => {
        const { domain, id } = body(request.body);
        const tenant = deps.directory.createTenant(String(domain ?? ''), id === undefined ? undefined : String(id));
        return reply.code(201).send({ id: tenant.id, domain: tenant.domain });
      });

      scope.get('/tenants', async () => ({ items: deps.directory.state.tenants }));

      scope.post('/apps', async (request, reply) => {
        const b = body(request.body);
        const created = deps.directory.createApp({
          tenant: String(b.tenant ?? ''),
          displayName: String(b.displayName ?? ''),
          redirectUris: b.redirectUris as string[] | undefined,
          delegatedScopes: b.delegatedScopes as string[] | undefined,
          applicationRoles: b.applicationRoles as string[] | undefined,
          consented: b.consented === true,
          clientId: b.clientId === undefined ? undefined : String(b.clientId),
          clientSecret: b.clientSecret === undefined ? undefined : String(b.clientSecret),
          publicClient: b.publicClient === true,
        });
        return reply.code(201).send({ clientId: created.clientId, clientSecret: created.clientSecret });
      });

      scope.post('/users', async (request, reply) => {
        const b = body(request.body);
        const user = deps.directory.createUser({
          tenant: String(b.tenant ?? ''),
          email: String(b.email ?? ''),
          password: String(b.password ?? ''),
          displayName: b.displayName === undefined ? undefined : String(b.displayName),
          timeZone: b.timeZone === undefined ? undefined : String(b.timeZone),
          id: b.id === undefined ? undefined : String(b.id),
        });
        return reply.code(201).send({ id: user.id, email: user.email });
      });

      scope.post<EmailParams>('/users/:email/signin', async (request) => {
        const user = deps.directory.signIn(request.params.email);
        return { id: user.id, email: user.email, signedIn: true };
      });

      scope.post<EmailParams>('/users/:email/revoke', async (request) => {
        const { user, revokedRefreshTokens } = deps.directory.revoke(request.params.email);
        deps.endSessions(user.id);
        return { id: user.id, email: user.email, revokedRefreshTokens };
      });

      scope.post<EmailParams>('/users/:email/seed', async (request) => {
        const user = deps.directory.findUser(request.params.email);
        if (!user) throw new ControlInputError(`user '${request.params.email}' not found`, 404);
        const handler = deps.seedHandler();
        if (!handler) throw new ControlInputError('seeding is provided by the mailbox part, which is not loaded', 501);
        return (await handler(user, request.body ?? {})) ?? { seeded: true };
      });

      registerOutlookRoutes(scope, deps);

      scope.post('/faults', async (request, reply) => reply.code(201).send({ id: deps.faults.add(request.body).id }));
      scope.get('/faults', async () => ({ items: deps.faults.list() }));
      scope.delete('/faults', async () => ({ removed: deps.faults.clear() }));
      scope.delete<{ Params: { id: string } }>('/faults/:id', async (request) => {
        if (!deps.faults.remove(request.params.id)) throw new ControlInputError('no such fault', 404);
        return { removed: 1 };
      });

      scope.get('/stats', async () => deps.stats.report(deps.limiter.peaks()));
      scope.delete('/stats', async () => {
        deps.stats.reset();
        deps.limiter.resetPeaks();
        return { reset: true };
      });

      scope.get('/config', async () => deps.getConfig());
      scope.post('/config', async (request) => deps.applyConfig(request.body ?? {}));

      scope.post('/snapshot', async () => {
        if (!deps.saveSnapshot) throw new ControlInputError('no EMULATOR_SNAPSHOT file is configured', 501);
        return { path: await deps.saveSnapshot() };
      });
    },
    { prefix: '/_emulator' },
  );
}
