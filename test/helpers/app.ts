import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type AppDeps, buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { userService } from '../../src/server/crm/users/user.service.ts';
import { createVault, generateVaultKey } from '../../src/server/mail/vault/secret-vault.ts';
import type { TestDatabase } from './databases.ts';
import { assertNoLeak, rememberSecret, rememberSecretsIn, watchedLogStream } from './secret-watch.ts';

export const ADMIN_PASSWORD = 'admin-password-1';
rememberSecret(ADMIN_PASSWORD);

/**
 * An app on a test database with its first administrator, for `inject` tests. It has its own random
 * vault key; `deps` may replace the vault, the logger or the mailbox connection test. Unless a test
 * brings its own logger, the app logs everything (trace) into the secret watch (MS-11).
 */
export async function testApp(
  database: TestDatabase,
  env: Record<string, string> = {},
  deps: Partial<Pick<AppDeps, 'vault' | 'logger' | 'testConnection' | 'sync'>> = {},
): Promise<FastifyInstance> {
  const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIR: 'dist/web', ...env });
  await userService.ensureAdministrator(database.db, ADMIN_PASSWORD);
  return buildApp({
    config,
    database,
    version: 'test',
    logger: { level: 'trace', stream: watchedLogStream() },
    vault: createVault(generateVaultKey()),
    ...deps,
  });
}

/** A signed-in client: carries the session cookie and the CSRF header on every call. */
export interface Client {
  userId: string;
  request(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  json<T = Record<string, unknown>>(method: string, url: string, body?: unknown, expectStatus?: number): Promise<T>;
}

export async function signIn(app: FastifyInstance, login: string, password: string): Promise<Client> {
  rememberSecret(password);
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${login} failed: ${res.statusCode} ${res.body}`);
  assertNoLeak('POST /api/session', res.body, res.headers);
  const cookie = res.cookies.find((c) => c.name === 'tandem_session');
  const { csrfToken, user } = res.json() as { csrfToken: string; user: { id: string } };
  const client: Client = {
    userId: user.id,
    async request(method, url, body) {
      rememberSecretsIn(body);
      const res = await app.inject({
        method: method as 'GET',
        url,
        cookies: { tandem_session: cookie?.value ?? '' },
        headers: { 'x-csrf-token': csrfToken },
        ...(body !== undefined && { payload: body as object }),
      });
      assertNoLeak(`${method} ${url}`, res.body, res.headers);
      return res;
    },
    async json(method, url, body, expectStatus) {
      const r = await client.request(method, url, body);
      if (expectStatus !== undefined && r.statusCode !== expectStatus) {
        throw new Error(`${method} ${url} → ${r.statusCode}, expected ${expectStatus}: ${r.body}`);
      }
      return (r.body ? r.json() : undefined) as never;
    },
  };
  return client;
}

/** Creates an ordinary user (no roles) through the API and signs them in. */
export async function createUser(
  admin: Client,
  app: FastifyInstance,
  login: string,
  extra: object = {},
): Promise<Client> {
  await admin.json('POST', '/api/users', { login, password: `${login}-password`, displayName: login, ...extra }, 201);
  return signIn(app, login, `${login}-password`);
}
