import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { ExchangeProtocol, MailServiceType } from '../db/schema.ts';
import { idParams } from '../http/request-context.ts';
import { mailServiceService } from './mail-service.service.ts';
import type { MailServiceInput, ServiceView } from './mail-service.types.ts';
import { delegatedScopes, oauthRedirectUri } from './microsoft-365.ts';
import { providerDomainService } from './provider-domain.service.ts';
import type { Vault } from './vault/secret-vault.ts';

export interface MailRouteOptions {
  db: Db;
  vault: Vault;
  config: Config;
}

const security = { type: 'string', enum: ['tls', 'starttls', 'none'] } as const;
const endpoint = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    host: { type: 'string', maxLength: 253 },
    port: { type: ['integer', 'null'], minimum: 1, maximum: 65535 },
    security,
  },
} as const;

/** Body of create/update; read-only fields (redirectUri, scopes, mailboxCount) are not accepted. */
const serviceBody = (required: string[]) =>
  ({
    type: 'object',
    additionalProperties: false,
    required,
    properties: {
      name: { type: ['string', 'null'], maxLength: 200 },
      type: { type: 'string', enum: ['exchange', 'imap'] },
      address: { type: 'string', maxLength: 260 },
      downloadEmails: { type: 'boolean' },
      sendEmails: { type: 'boolean' },
      loginFormat: { type: 'string', enum: ['manual', 'email', 'mailboxName'] },
      auth: { type: 'string', enum: ['basic', 'oauth2'] },
      clientId: { type: ['string', 'null'], maxLength: 200 },
      clientSecret: { type: ['string', 'null'], maxLength: 1024 },
      tenant: { type: ['string', 'null'], maxLength: 253 },
      protocol: { type: 'string', enum: ['auto', 'graph', 'ews'] },
      authorityUrl: { type: ['string', 'null'], maxLength: 500 },
      graphUrl: { type: ['string', 'null'], maxLength: 500 },
      imap: endpoint,
      smtp: endpoint,
    },
  }) as const;

const listQuery = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 200 },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
} as const;

const admin = { access: { operation: 'CanManageAdministration' } } as const;
const tags = ['mail services'];

/**
 * /api/mail-services: every signed-in user may read (to choose a provider; secrets never shown), only
 * CanManageAdministration may change (MS-1). Also `/detect?email=` for provider detection (MS-9).
 */
export const mailServiceRoutes: FastifyPluginAsync<MailRouteOptions> = async (app, { db, vault, config }) => {
  const view = (request: FastifyRequest): ServiceView => ({
    redirectUri: oauthRedirectUri(config.publicUrl, request),
  });
  const inputOptions = { allowInsecureLoopback: config.oauthAllowInsecureLoopback };

  app.get<{ Querystring: { q?: string; limit: number; offset: number } }>(
    '/api/mail-services',
    { config: { access: 'signedIn' }, schema: { tags, summary: 'List mail services', querystring: listQuery } },
    async (request) => mailServiceService.list(db, request.query, view(request)),
  );
  app.get<{ Querystring: { email: string } }>(
    '/api/mail-services/detect',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Mail services for the domain of an email address (MS-9)',
        querystring: {
          type: 'object',
          required: ['email'],
          properties: { email: { type: 'string', maxLength: 320 } },
        },
      },
    },
    async (request) => providerDomainService.detect(db, request.query.email, view(request)),
  );
  app.get<{ Querystring: { type: MailServiceType; protocol: ExchangeProtocol; address: string } }>(
    '/api/mail-services/oauth-preview',
    {
      config: admin,
      schema: {
        tags,
        summary: 'The redirect URI and scopes a service with these settings would use (OA-1, OA-2), before saving it',
        querystring: {
          type: 'object',
          required: ['type', 'address'],
          properties: {
            type: { type: 'string', enum: ['exchange', 'imap'] },
            protocol: { type: 'string', enum: ['auto', 'graph', 'ews'], default: 'auto' },
            address: { type: 'string', maxLength: 300 },
          },
        },
      },
    },
    async (request) => ({
      redirectUri: oauthRedirectUri(config.publicUrl, request),
      scopes: delegatedScopes(request.query),
    }),
  );
  app.get<{ Params: { id: string } }>(
    '/api/mail-services/:id',
    { config: { access: 'signedIn' }, schema: { tags, summary: 'Read a mail service', params: idParams } },
    async (request) => mailServiceService.get(db, request.params.id, view(request)),
  );
  app.post<{ Body: MailServiceInput }>(
    '/api/mail-services',
    {
      config: admin,
      schema: { tags, summary: 'Create a mail service', body: serviceBody(['type', 'address']) },
    },
    async (request, reply) =>
      reply.status(201).send(await mailServiceService.create(db, vault, request.body, inputOptions, view(request))),
  );
  for (const method of ['PATCH', 'PUT'] as const) {
    app.route<{ Params: { id: string }; Body: MailServiceInput }>({
      method,
      url: '/api/mail-services/:id',
      config: admin,
      schema: { tags, summary: 'Update a mail service', params: idParams, body: serviceBody([]) },
      handler: async (request) =>
        mailServiceService.update(db, vault, request.params.id, request.body, inputOptions, view(request)),
    });
  }
  app.delete<{ Params: { id: string } }>(
    '/api/mail-services/:id',
    { config: admin, schema: { tags, summary: 'Delete a mail service unused by mailboxes', params: idParams } },
    async (request, reply) => {
      await mailServiceService.delete(db, request.params.id);
      return reply.status(204).send();
    },
  );
};
