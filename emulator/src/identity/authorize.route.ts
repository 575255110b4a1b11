import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppRegistration } from '../directory/directory-state.ts';
import {
  type AuthorizeStep,
  codeRedirect,
  declinedRedirect,
  errorRedirect,
  pageErrorText,
  redirectLocation,
  signedInUser,
  stepForUser,
  stepWithoutUser,
} from './authorize-flow.ts';
import { consentPage, errorPage, formPostPage, signInPage } from './authorize-pages.ts';
import { type PendingAuthorization, type PendingAuthorizations, validateAuthorizeQuery } from './authorize-request.ts';
import { type BrowserSessions, sessionCookie } from './browser-sessions.ts';
import type { IdentityContext } from './identity-context.ts';
import { IdentityError } from './identity-errors.ts';
import { admitsTenant, resolveTenantSegment } from './tenant-segment.ts';

type Query = Record<string, string | undefined>;
type Form = Record<string, string | undefined>;

/**
 * The interactive part of the auth code flow (entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code):
 * `GET /{tenant}/oauth2/v2.0/authorize`, the sign-in form (`POST /{tenant}/login`), the consent prompt
 * (`POST /{tenant}/Consent/Set`) and sign-out.
 */
export function registerAuthorizeRoutes(
  app: FastifyInstance,
  ctx: IdentityContext,
  sessions: BrowserSessions,
  pendingAuthorizations: PendingAuthorizations,
): void {
  app.get<{ Params: { tenant: string }; Querystring: Query }>(
    '/:tenant/oauth2/v2.0/authorize',
    async (request, reply) => {
      let tenantScope: ReturnType<typeof resolveTenantSegment>;
      try {
        tenantScope = resolveTenantSegment(ctx, request.params.tenant);
      } catch (err) {
        return showError(reply, err as IdentityError);
      }
      const validation = validateAuthorizeQuery(ctx, tenantScope, request.query);
      if (validation.kind === 'page') return showError(reply, validation.error);
      if (validation.kind === 'redirect') {
        return render(reply, errorRedirect(ctx, validation.target, validation.error, correlation(request)));
      }
      const { pending, app: registration } = validation;
      const user = signedInUser(ctx, pending, sessions.userOf(request.headers.cookie));
      if (user) pending.userId = user.id;
      const step = user
        ? stepForUser(ctx, pending, registration, user, correlation(request))
        : stepWithoutUser(ctx, pending, correlation(request));
      if (step.kind !== 'redirect') pendingAuthorizations.add(pending);
      return render(reply, step, { pending, registration, userEmail: user?.email });
    },
  );

  app.post<{ Params: { tenant: string }; Body: Form }>('/:tenant/login', async (request, reply) => {
    const form = request.body ?? {};
    const found = lookup(ctx, pendingAuthorizations, form.ctx);
    if (!found) return showError(reply, flowExpired());
    const { pending, registration } = found;
    const user = ctx.directory.findUserRecord(form.login ?? '');
    if (!user || !admitsTenant(pending.tenantScope, user.tenantId)) {
      const error = `We couldn't find an account with that username. (AADSTS50034)`;
      return render(reply, { kind: 'signIn', email: form.login, error }, { pending, registration });
    }
    if (user.password !== form.passwd) {
      const error = 'Your account or password is incorrect. (AADSTS50126)';
      return render(reply, { kind: 'signIn', email: form.login, error }, { pending, registration });
    }
    pending.userId = user.id;
    reply.header('set-cookie', sessionCookie(sessions.create(user.id)));
    const step = stepForUser(ctx, pending, registration, user, correlation(request));
    if (step.kind === 'redirect') pendingAuthorizations.delete(pending.id);
    return render(reply, step, { pending, registration, userEmail: user.email });
  });

  app.post<{ Params: { tenant: string }; Body: Form }>('/:tenant/Consent/Set', async (request, reply) => {
    const form = request.body ?? {};
    const found = lookup(ctx, pendingAuthorizations, form.ctx);
    const user = found?.pending.userId ? ctx.directory.findUserRecord(found.pending.userId) : undefined;
    if (!found || !user) return showError(reply, flowExpired());
    const { pending, registration } = found;
    pendingAuthorizations.delete(pending.id);
    if (form.decision !== 'accept') return render(reply, declinedRedirect(ctx, pending, correlation(request)));
    ctx.directory.grantConsent(user, registration, pending.scopes);
    return render(reply, codeRedirect(ctx, pending, user));
  });

  // Sign-out (entra/identity-platform/v2-protocols-oidc#send-a-sign-out-request): ends the browser session.
  app.get<{ Querystring: Query }>('/:tenant/oauth2/v2.0/logout', async (request, reply) => {
    sessions.end(request.headers.cookie);
    reply.header('set-cookie', 'emulator_session=; Path=/; Max-Age=0');
    const target = request.query.post_logout_redirect_uri;
    if (target) return reply.redirect(target, 302);
    return reply.type('text/html').send(errorPage('You signed out of your account.'));
  });
}

function lookup(ctx: IdentityContext, pending: PendingAuthorizations, id: string | undefined) {
  const found = pending.get(id);
  const registration = found && ctx.directory.findApp(found.clientId);
  return found && registration ? { pending: found, registration } : undefined;
}

interface View {
  pending: PendingAuthorization;
  registration: AppRegistration;
  userEmail?: string;
}

function render(reply: FastifyReply, step: AuthorizeStep, view?: View) {
  const segment = view?.pending.tenantScope.segment ?? 'common';
  const ctxId = view?.pending.id ?? '';
  const appName = view?.registration.displayName ?? '';
  switch (step.kind) {
    case 'signIn':
      return reply
        .type('text/html')
        .send(signInPage({ action: `/${segment}/login`, ctx: ctxId, appName, email: step.email, error: step.error }));
    case 'consent':
      return reply.type('text/html').send(
        consentPage({
          action: `/${segment}/Consent/Set`,
          ctx: ctxId,
          appName,
          userEmail: view?.userEmail ?? '',
          scopes: step.scopes,
        }),
      );
    case 'redirect':
      if (step.target.responseMode === 'form_post') {
        return reply.type('text/html').send(formPostPage(step.target.redirectUri, step.params));
      }
      return reply.redirect(redirectLocation(step.target, step.params), 302);
  }
}

function showError(reply: FastifyReply, err: IdentityError) {
  return reply
    .code(400)
    .type('text/html')
    .send(errorPage(pageErrorText(err)));
}

function flowExpired(): IdentityError {
  return new IdentityError(
    'invalid_request',
    50089,
    'Flow token expired - Authentication Failed. Have the user try signing-in again.',
  );
}

function correlation(request: FastifyRequest): string | undefined {
  const value = request.headers['client-request-id'];
  return typeof value === 'string' ? value : undefined;
}
