import { ControlClient } from '../../emulator/src/control/control-client.ts';
import { buildEmulator, type Emulator } from '../../emulator/src/server.ts';

/**
 * The Microsoft 365 emulator on a random loopback port with one tenant, one consented app and signed-in users,
 * for connector and OAuth tests (DESIGN §6 tier 3). Not a test file itself.
 */

export const GRAPH_SCOPES = [
  'offline_access',
  'openid',
  'profile',
  'User.Read',
  'Mail.ReadWrite',
  'Mail.Send',
  'Contacts.ReadWrite',
  'Calendars.ReadWrite',
  'Tasks.ReadWrite',
];

export interface EmulatorFixture {
  emulator: Emulator;
  url: string;
  control: ControlClient;
  tenant: { id: string; domain: string };
  app: { clientId: string; clientSecret: string };
  redirectUri: string;
  close(): Promise<void>;
  /** Creates a user (password `<local>-pw`), pre-signs them in and returns their ids. */
  addUser(local: string, displayName?: string): Promise<{ id: string; email: string }>;
  /** Runs authorize + token for a pre-signed-in user and returns the token response. */
  tokensFor(email: string, scopes?: string[]): Promise<{ access_token: string; refresh_token: string }>;
}

export async function startEmulator(
  opts: { redirectUri?: string; consented?: boolean; scopes?: string[] } = {},
): Promise<EmulatorFixture> {
  const emulator = await buildEmulator();
  await emulator.app.listen({ port: 0, host: '127.0.0.1' });
  const address = emulator.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const control = new ControlClient(url);
  const tenant = await control.createTenant('contoso.test');
  const redirectUri =
    opts.redirectUri ?? 'http://localhost:3000/0/rest/Office365OAuthAuthenticator/ProcessAuthenticationCode';
  const scopes = opts.scopes ?? GRAPH_SCOPES.filter((s) => !['offline_access', 'openid', 'profile'].includes(s));
  const app = await control.createApp({
    tenant: tenant.id,
    displayName: 'Tandem CRM',
    redirectUris: [redirectUri],
    delegatedScopes: scopes,
    consented: opts.consented ?? true,
  });
  return {
    emulator,
    url,
    control,
    tenant,
    app,
    redirectUri,
    close: () => emulator.app.close(),
    async addUser(local, displayName) {
      const email = `${local}@${tenant.domain}`;
      const user = await control.createUser({
        tenant: tenant.id,
        email,
        password: `${local}-pw`,
        displayName: displayName ?? local,
      });
      await control.signIn(email);
      return user;
    },
    async tokensFor(email, scopeList = GRAPH_SCOPES) {
      const body = await control.delegatedTokens({
        tenant: tenant.id,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        redirectUri,
        email,
        scope: scopeList.join(' '),
      });
      return body as { access_token: string; refresh_token: string };
    },
  };
}
