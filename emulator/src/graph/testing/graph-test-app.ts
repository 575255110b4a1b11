import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type Directory, type DirectoryUser, GraphError, type Principal } from '../../contracts.ts';
import { createMailboxStore, type MailboxStore } from '../../store/index.ts';
import graphPlugin, { type GraphConfig, type GraphHooks } from '../plugin.ts';

/**
 * A bare Fastify app with only the Graph plugin, a fake directory and a fake authenticate that reads the
 * principal from the `x-test-principal` header (JSON). Used by the Graph tests and usable by any suite
 * that wants Graph in-process without the identity platform.
 */
export interface GraphTestApp {
  app: FastifyInstance;
  store: MailboxStore;
  directory: Directory & { users: DirectoryUser[] };
  /** Mutable: tests change it between requests. */
  config: GraphConfig;
  hooks: GraphHooks;
  /** Headers of a delegated token for `user` with `scopes`. */
  delegated(user: DirectoryUser, scopes: string[]): Record<string, string>;
  /** Headers of an app-only token in the users' tenant with `roles`. */
  appOnly(roles: string[], tenantId?: string): Record<string, string>;
}

export const TEST_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export async function buildGraphTestApp(users: Partial<DirectoryUser>[] = defaultUsers()): Promise<GraphTestApp> {
  const list: DirectoryUser[] = users.map((u, i) => ({
    id: u.id ?? `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    tenantId: u.tenantId ?? TEST_TENANT,
    email: u.email ?? `user${i + 1}@contoso.test`,
    displayName: u.displayName ?? `User ${i + 1}`,
    timeZone: u.timeZone ?? 'UTC',
  }));
  const directory = {
    users: list,
    findUser(idOrUpn: string, tenantId?: string) {
      const key = idOrUpn.toLowerCase();
      return list.find(
        (u) => (u.id.toLowerCase() === key || u.email.toLowerCase() === key) && (!tenantId || u.tenantId === tenantId),
      );
    },
    allUsers: () => list,
  };
  const store = createMailboxStore();
  const config: GraphConfig = {};
  const hooks: GraphHooks = {};
  const app = Fastify({ logger: false });
  await app.register(graphPlugin, {
    prefix: '/v1.0',
    directory,
    store,
    config: () => config,
    hooks: {
      shouldInvalidateDelta: (req) => hooks.shouldInvalidateDelta?.(req),
      onNotify: () => hooks.onNotify?.(),
    },
    authenticate,
  });
  await app.ready();
  const header = (p: Principal) => ({ 'x-test-principal': JSON.stringify(p) });
  return {
    app,
    store,
    directory,
    config,
    hooks,
    delegated: (user, scopes) =>
      header({ tenantId: user.tenantId, appId: 'test-app', userId: user.id, scopes, roles: [] }),
    appOnly: (roles, tenantId = TEST_TENANT) => header({ tenantId, appId: 'test-daemon', scopes: [], roles }),
  };
}

function authenticate(req: FastifyRequest): Principal {
  const raw = req.headers['x-test-principal'];
  if (typeof raw !== 'string') throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  return JSON.parse(raw) as Principal;
}

function defaultUsers(): Partial<DirectoryUser>[] {
  return [
    { email: 'alice@contoso.test', displayName: 'Alice Example', timeZone: 'Russian Standard Time' },
    { email: 'bob@contoso.test', displayName: 'Bob Example' },
  ];
}
