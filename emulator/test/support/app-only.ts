import type { Emulator } from '../../src/server.ts';

/** A client-credentials access token for Graph, as a daemon app gets it from the identity platform. */
export async function clientCredentialsToken(
  emulator: Emulator,
  tenantId: string,
  app: { clientId: string; clientSecret: string },
): Promise<string> {
  const res = await emulator.app.inject({
    method: 'POST',
    url: `/${tenantId}/oauth2/v2.0/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    }).toString(),
  });
  if (res.statusCode !== 200) throw new Error(`token request failed: ${res.statusCode} ${res.body}`);
  return res.json().access_token as string;
}

/**
 * A tenant with one consented daemon app holding `roles` and the given users (password `pw`, UTC),
 * plus the app's Graph token — the set-up most Graph tests start from.
 */
export async function appOnlyTenant(
  emulator: Emulator,
  opts: { domain: string; roles: string[]; users: string[]; displayName?: string; timeZone?: string },
): Promise<{ tenant: { id: string; domain: string }; app: { clientId: string; clientSecret: string }; token: string }> {
  const post = async (url: string, payload: object) =>
    (await emulator.app.inject({ method: 'POST', url, payload })).json();
  const tenant = await post('/_emulator/tenants', { domain: opts.domain });
  const app = await post('/_emulator/apps', {
    tenant: tenant.domain,
    displayName: opts.displayName ?? 'Tandem daemon',
    redirectUris: ['http://127.0.0.1:8080/cb'],
    delegatedScopes: [],
    applicationRoles: opts.roles,
    consented: true,
  });
  for (const email of opts.users) {
    await post('/_emulator/users', {
      tenant: tenant.id,
      email,
      password: 'pw',
      displayName: email.split('@')[0],
      timeZone: opts.timeZone ?? 'UTC',
    });
  }
  return { tenant, app, token: await clientCredentialsToken(emulator, tenant.id, app) };
}
