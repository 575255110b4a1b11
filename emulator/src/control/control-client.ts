import { createHash, randomBytes } from 'node:crypto';
import type { EmulatorConfig } from '../contracts.ts';

/**
 * A typed client for the control API (DESIGN §5) plus a shortcut that signs a pre-signed-in user in through the
 * real authorize + token endpoints. For tests, the demo and benchmarks; it only speaks HTTP.
 */
export class ControlClient {
  constructor(readonly baseUrl: string) {}

  reset(): Promise<{ reset: true }> {
    return this.call('POST', '/_emulator/reset');
  }

  createTenant(domain: string): Promise<{ id: string; domain: string }> {
    return this.call('POST', '/_emulator/tenants', { domain });
  }

  createApp(input: {
    tenant: string;
    displayName: string;
    redirectUris?: string[];
    delegatedScopes?: string[];
    applicationRoles?: string[];
    consented?: boolean;
  }): Promise<{ clientId: string; clientSecret: string }> {
    return this.call('POST', '/_emulator/apps', input);
  }

  createUser(input: {
    tenant: string;
    email: string;
    password: string;
    displayName?: string;
    timeZone?: string;
  }): Promise<{ id: string; email: string }> {
    return this.call('POST', '/_emulator/users', input);
  }

  signIn(email: string): Promise<{ id: string; email: string; signedIn: true }> {
    return this.call('POST', `/_emulator/users/${encodeURIComponent(email)}/signin`);
  }

  revoke(email: string): Promise<{ id: string; email: string; revokedRefreshTokens: number }> {
    return this.call('POST', `/_emulator/users/${encodeURIComponent(email)}/revoke`);
  }

  addFault(rule: Record<string, unknown>): Promise<{ id: string }> {
    return this.call('POST', '/_emulator/faults', rule);
  }

  clearFaults(): Promise<{ removed: number }> {
    return this.call('DELETE', '/_emulator/faults');
  }

  stats(): Promise<{
    requests: Record<string, number>;
    peakConcurrency: { appId: string; mailbox: string; peak: number }[];
    counters: Record<string, number>;
  }> {
    return this.call('GET', '/_emulator/stats');
  }

  setConfig(
    patch: Partial<Omit<EmulatorConfig, 'throttle'>> & { throttle?: Partial<EmulatorConfig['throttle']> },
  ): Promise<EmulatorConfig> {
    return this.call('POST', '/_emulator/config', patch);
  }

  /**
   * Runs the auth code + PKCE flow for a user who is pre-signed-in (and has consented, or the app is
   * admin-consented) and returns the token response.
   */
  async delegatedTokens(input: {
    tenant: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    email: string;
    scope: string;
  }): Promise<Record<string, unknown>> {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorize = new URL(`${this.baseUrl}/${input.tenant}/oauth2/v2.0/authorize`);
    authorize.search = new URLSearchParams({
      client_id: input.clientId,
      response_type: 'code',
      redirect_uri: input.redirectUri,
      scope: input.scope,
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      login_hint: input.email,
    }).toString();
    const res = await fetch(authorize, { redirect: 'manual' });
    const code = new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('code');
    if (!code)
      throw new Error(
        `authorize did not redirect with a code (HTTP ${res.status}): is the user pre-signed-in and consented?`,
      );
    const token = await fetch(`${this.baseUrl}/${input.tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: input.clientId,
        client_secret: input.clientSecret,
        code,
        redirect_uri: input.redirectUri,
        code_verifier: verifier,
      }),
    });
    const body = (await token.json()) as Record<string, unknown>;
    if (!token.ok) throw new Error(`token endpoint: ${String(body.error_description ?? token.status)}`);
    return body;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${data?.error?.message ?? text}`);
    return data as T;
  }
}
