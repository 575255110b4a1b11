import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { actorOf, idParams } from '../http/request-context.ts';
import { mailboxConnections } from '../mail/connection/mailbox-connections.ts';
import { OAUTH_REDIRECT_PATH, oauthRedirectUri } from '../mail/microsoft-365.ts';
import type { Vault } from '../mail/vault/secret-vault.ts';
import { type CallbackQuery, completeSignIn } from './sign-in-callback.service.ts';
import { type StartRequest, startSignIn } from './sign-in-start.service.ts';

export interface OAuthRouteOptions {
  db: Db;
  vault: Vault;
  config: Config;
}

const signedIn = { access: 'signedIn' } as const;
const tags = ['oauth'];

/**
 * OAuth 2.0 sign-in to Microsoft 365 mailboxes (SPEC §6):
 * - `GET /api/mailboxes/oauth/start?email=&mailServiceId=` — a new mailbox;
 * - `GET /api/mailboxes/:id/oauth/start` — sign an existing mailbox in again (after "needs sign-in", OA-3);
 * - `GET /0/rest/Office365OAuthAuthenticator/ProcessAuthenticationCode` — the redirect URI, exactly the vendor's
 *   path (OA-1, DESIGN §4), so an app registration made for the vendor's product works unchanged.
 * Every answer is a 302: to the identity provider, to the mailbox's settings page, or to the result page with an
 * error code the UI words (`cancelled`, `invalidState`, `expiredState`, `replayedState`, `codeRejected`,
 * `mailboxMismatch`, `providerError`).
 */
export const oauthRoutes: FastifyPluginAsync<OAuthRouteOptions> = async (app, { db, vault, config }) => {
  const connections = mailboxConnections({ db, vault, config });
  const base = config.publicUrl ?? '';
  const redirectUriOf = (request: FastifyRequest) => oauthRedirectUri(config.publicUrl, request);
  const toResult = (reply: FastifyReply, error: string) =>
    reply.redirect(`${base}/mailboxes/oauth-result?error=${encodeURIComponent(error)}`, 302);

  const start = async (request: FastifyRequest, reply: FastifyReply, req: StartRequest) => {
    const deps = { db, vault, identity: connections.identity };
    const result = await startSignIn(deps, actorOf(request), req, redirectUriOf(request));
    if ('url' in result) return reply.redirect(result.url, 302);
    request.log.warn({ oauth: result.error, detail: result.detail }, 'OAuth sign-in could not start');
    return toResult(reply, result.error);
  };

  app.get<{ Querystring: { email: string; mailServiceId: string } }>(
    '/api/mailboxes/oauth/start',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Sign in to a new mailbox with OAuth 2.0 (302 to the identity provider)',
        querystring: {
          type: 'object',
          required: ['email', 'mailServiceId'],
          properties: { email: { type: 'string', maxLength: 320 }, mailServiceId: { type: 'string', maxLength: 64 } },
        },
      },
    },
    (request, reply) => start(request, reply, request.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/mailboxes/:id/oauth/start',
    {
      config: signedIn,
      schema: { tags, summary: 'Sign in to a mailbox again (302 to the identity provider)', params: idParams },
    },
    (request, reply) => start(request, reply, { mailboxId: request.params.id }),
  );

  app.get<{ Querystring: CallbackQuery }>(
    OAUTH_REDIRECT_PATH,
    {
      // The state must belong to the signed-in session that started the sign-in; the session cookie is
      // SameSite=Lax, which browsers send on this top-level redirect back from the identity provider.
      // Declared anonymous so that a browser whose session ended meanwhile gets the result page
      // ("sign in and try again") instead of a bare 401; the handler refuses without a session.
      config: { access: 'anonymous' },
      schema: {
        tags,
        summary: 'OAuth 2.0 redirect URI (OA-1): redeems the code and connects the mailbox',
        querystring: {
          type: 'object',
          properties: {
            code: { type: 'string', maxLength: 8192 },
            state: { type: 'string', maxLength: 512 },
            error: { type: 'string', maxLength: 256 },
            error_description: { type: 'string', maxLength: 4096 },
          },
        },
      },
    },
    async (request, reply) => {
      // openid-client reads code/state from this URL and sends its origin + path as redirect_uri, which must equal
      // the registered one exactly; so it is built from the configured redirect URI plus the raw query.
      const callbackUrl = new URL(redirectUriOf(request));
      callbackUrl.search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      if (!request.actor) return toResult(reply, 'signedOut');
      const deps = { db, vault, config, connections };
      const outcome = await completeSignIn(deps, actorOf(request), request.query, callbackUrl);
      if (outcome.ok) return reply.redirect(`${base}/mailboxes/${outcome.mailboxId}/settings?connected=1`, 302);
      request.log.info({ oauth: outcome.failure, detail: outcome.detail }, 'OAuth sign-in refused');
      return toResult(reply, outcome.failure);
    },
  );
};
