import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/server/config.ts';
import type { SyncRuntime } from '../../src/server/jobs/sync-runtime.ts';
import { connectionRoutes } from '../../src/server/mail/connection/connection.routes.ts';
import { OAUTH_REDIRECT_PATH } from '../../src/server/mail/microsoft-365.ts';
import { createVault, generateVaultKey, type Vault } from '../../src/server/mail/vault/secret-vault.ts';
import { oauthRoutes } from '../../src/server/oauth/oauth.routes.ts';
import { type EmulatorFixture, startEmulator } from '../connectors/emulator-fixture.ts';
import { ADMIN_PASSWORD, type Client, createUser, signIn, testApp } from '../helpers/app.ts';
import type { TestDatabase } from '../helpers/databases.ts';

/**
 * Tandem (in-process, `inject`) plus the Microsoft 365 emulator (listening on loopback), wired for the OAuth
 * sign-in flow: an Exchange/Graph mail service pointing at the emulator, and helpers that walk the browser's
 * redirect chain by hand (fetch with `redirect: 'manual'`; the session cookie travels with `inject`).
 * Not a test file itself.
 */

import { PUBLIC_URL } from './sign-in-chain.ts';

export * from './sign-in-chain.ts';

export interface OAuthHarness {
  fx: EmulatorFixture;
  app: FastifyInstance;
  vault: Vault;
  admin: Client;
  serviceId: string;
  close(): Promise<void>;
  /** Creates a mail service for an app registration (the default one unless given). */
  addService(app?: { clientId: string; clientSecret: string }, name?: string): Promise<string>;
  /** A Tandem user with a session. */
  user(login: string): Promise<Client>;
}

/** What a test may bring instead of the defaults (a random vault key, sync runs worked in this process). */
export interface OAuthHarnessOptions {
  /** The vault, e.g. from a key another Tandem process (a `tandem worker`) is started with. */
  vault?: Vault;
  /** The app's sync runtime (queue, worker, scheduler); the test closes it (after the runs it waits for). */
  sync?: SyncRuntime;
}

export async function oauthHarness(database: TestDatabase, options: OAuthHarnessOptions = {}): Promise<OAuthHarness> {
  const fx = await startEmulator({ redirectUri: `${PUBLIC_URL}${OAUTH_REDIRECT_PATH}` });
  const vault = options.vault ?? createVault(generateVaultKey());
  const app = await testApp(
    database,
    { OAUTH_ALLOW_INSECURE_LOOPBACK: 'true', PUBLIC_URL, LOGIN_RATE_LIMIT: '1000' },
    { vault, ...(options.sync ? { sync: options.sync } : {}) },
  );
  // Until app.ts registers these plugins, the tests add them; once it does, they are already there.
  const config = loadConfig({ LOG_LEVEL: 'silent', OAUTH_ALLOW_INSECURE_LOOPBACK: 'true', PUBLIC_URL });
  if (!app.hasRoute({ method: 'GET', url: OAUTH_REDIRECT_PATH })) {
    await app.register(oauthRoutes, { db: database.db, vault, config });
  }
  if (!app.hasRoute({ method: 'GET', url: '/api/mailboxes/:id/folders' })) {
    await app.register(connectionRoutes, { db: database.db, vault, config });
  }
  const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
  const addService = async (registration = fx.app, name = 'Contoso 365') => {
    const service = await admin.json<{ id: string }>(
      'POST',
      '/api/mail-services',
      {
        name,
        type: 'exchange',
        address: 'outlook.office365.com',
        downloadEmails: true,
        sendEmails: true,
        loginFormat: 'email',
        auth: 'oauth2',
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        tenant: fx.tenant.id,
        protocol: 'graph',
        authorityUrl: fx.url,
        graphUrl: fx.url,
      },
      201,
    );
    return service.id;
  };
  const serviceId = await addService();
  return {
    fx,
    app,
    vault,
    admin,
    serviceId,
    addService,
    user: (login) => createUser(admin, app, login),
    async close() {
      await app.close();
      await fx.close();
    },
  };
}
