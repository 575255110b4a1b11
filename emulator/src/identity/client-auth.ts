import type { AppRegistration } from '../directory/directory-state.ts';
import type { IdentityContext } from './identity-context.ts';
import { IdentityError, idErr } from './identity-errors.ts';

export type TokenForm = Record<string, string | undefined>;

/**
 * Client authentication at the token endpoint (entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token):
 * `client_secret` in the body or HTTP Basic (RFC 6749 §2.3.1: form-urlencoded id and secret). Public clients send
 * no secret. Certificate assertions are not emulated.
 */
export function authenticateClient(
  ctx: IdentityContext,
  form: TokenForm,
  authorization: string | undefined,
  tenantSegment: string,
): AppRegistration {
  let clientId = form.client_id;
  let secret = form.client_secret;
  const basic = authorization?.match(/^Basic\s+(\S+)$/i)?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const basicId = decodeURIComponent(decoded.slice(0, colon < 0 ? undefined : colon).replace(/\+/g, ' '));
    const basicSecret = colon < 0 ? '' : decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
    if (clientId && clientId !== basicId) {
      throw new IdentityError(
        'invalid_request',
        9002313,
        'Invalid request. client_id in the body differs from the Authorization header.',
      );
    }
    clientId = basicId;
    secret = basicSecret;
  }
  if (!clientId) throw idErr.missingParameter('client_id');
  const app = ctx.directory.findApp(clientId);
  if (!app) throw idErr.appNotFound(clientId, tenantSegment);
  if (form.client_assertion) {
    throw new IdentityError(
      'invalid_client',
      700027,
      'Client assertion failed signature validation: certificate credentials are not registered for this app.',
      401,
    );
  }
  if (app.publicClient) {
    if (secret) throw idErr.publicClientWithSecret();
    return app;
  }
  if (!secret) throw idErr.missingClientSecret();
  if (secret !== app.clientSecret) throw idErr.invalidClientSecret(app.clientId);
  return app;
}
