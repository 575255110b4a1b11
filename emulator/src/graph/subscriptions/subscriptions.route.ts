import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphError, type Principal } from '../../contracts.ts';
import { graphErrors, requestIds } from '../errors.ts';
import { guard } from '../ids.ts';
import { readBody } from '../outlook-item-mapper.ts';
import { isAllowed } from '../permissions.ts';
import { parsePrefer } from '../prefer.ts';
import { baseUrlOf, type GraphRuntime, principalOf } from '../request-context.ts';
import {
  readChangeTypes,
  readClientState,
  readExpiration,
  readNotificationUrl,
  validationFailed,
} from './subscription-request.ts';
import { folderKindOf, parseResource } from './subscription-resource.ts';
import {
  graphTimestamp,
  newSubscriptionId,
  type Subscription,
  type SubscriptionService,
} from './subscription-service.ts';
import { validateEndpoint } from './webhook-client.ts';

export interface SubscriptionRouteOptions {
  service: SubscriptionService;
  /** Longest lifetime allowed, in minutes (read per request; the control API may change it). */
  maxMinutes(): number;
  validationTimeoutMs: number;
}

/**
 * `/subscriptions` (`api/subscription-post-subscriptions.md`, `-list-`, `-get`, `-update`, `-delete`,
 * `api/subscription-reauthorize.md`). Creating one validates the notification (and lifecycle) URL with the
 * handshake before anything is stored; renewing by PATCH re-checks the expiry cap.
 */
export function subscriptionRoutes(app: FastifyInstance, runtime: GraphRuntime, opts: SubscriptionRouteOptions): void {
  const { service } = opts;
  const context = (req: FastifyRequest) => `${baseUrlOf(req, runtime, app.prefix)}/$metadata#subscriptions`;
  const begin = (req: FastifyRequest, reply: { header(k: string, v: string): unknown }) => {
    const { requestId, clientRequestId } = requestIds(req);
    reply.header('request-id', requestId);
    reply.header('client-request-id', clientRequestId);
    return principalOf(req, runtime);
  };

  app.post('/subscriptions', async (req, reply) => {
    const principal = begin(req, reply);
    const { fields } = readBody(req.body, WRITABLE, READ_ONLY, 'microsoft.graph.subscription');
    const changeTypes = readChangeTypes(fields.changeType);
    const notificationUrl = readNotificationUrl(fields.notificationUrl, 'notificationUrl');
    const lifecycleNotificationUrl =
      fields.lifecycleNotificationUrl === undefined || fields.lifecycleNotificationUrl === null
        ? undefined
        : readNotificationUrl(fields.lifecycleNotificationUrl, 'lifecycleNotificationUrl');
    const clientState = readClientState(fields.clientState);
    if (fields.includeResourceData === true) {
      throw graphErrors.badRequest(
        'includeResourceData needs an encryptionCertificate, which the emulator does not support.',
      );
    }
    const target = resolveTarget(runtime, principal, fields.resource);
    const expiresAt = readExpiration(fields.expirationDateTime, runtime.store.clock(), opts.maxMinutes());
    for (const [field, url] of [
      ['notificationUrl', notificationUrl],
      ['lifecycleNotificationUrl', lifecycleNotificationUrl],
    ] as const) {
      if (!url) continue;
      const result = await validateEndpoint(url, opts.validationTimeoutMs);
      if (!result.ok) throw validationFailed(result.reason, field);
    }
    const sub: Subscription = {
      id: newSubscriptionId(),
      resource: fields.resource as string,
      changeTypes,
      notificationUrl,
      ...(lifecycleNotificationUrl ? { lifecycleNotificationUrl } : {}),
      ...(clientState !== undefined ? { clientState } : {}),
      expiresAt,
      applicationId: principal.appId,
      creatorId: principal.userId ?? principal.appId,
      tenantId: principal.tenantId,
      ...target,
      idStyle: parsePrefer(req).immutableIds ? 'immutable' : 'default',
      needsReauthorization: false,
    };
    service.add(sub);
    reply.code(201);
    return { '@odata.context': `${context(req)}/$entity`, ...render(sub) };
  });

  app.get('/subscriptions', async (req, reply) => {
    const principal = begin(req, reply);
    return { '@odata.context': context(req), value: service.listFor(principal).map(render) };
  });

  app.get('/subscriptions/:id', async (req, reply) => {
    const principal = begin(req, reply);
    return { '@odata.context': `${context(req)}/$entity`, ...render(own(service, principal, req)) };
  });

  app.patch('/subscriptions/:id', async (req, reply) => {
    const principal = begin(req, reply);
    const sub = own(service, principal, req);
    const { fields } = readBody(
      req.body,
      new Set(['expirationDateTime', 'notificationUrl']),
      READ_ONLY,
      'microsoft.graph.subscription',
    );
    if (fields.notificationUrl !== undefined) {
      const url = readNotificationUrl(fields.notificationUrl, 'notificationUrl');
      const result = await validateEndpoint(url, opts.validationTimeoutMs);
      if (!result.ok) throw validationFailed(result.reason, 'notificationUrl');
      sub.notificationUrl = url;
    }
    if (fields.expirationDateTime !== undefined) {
      sub.expiresAt = readExpiration(fields.expirationDateTime, runtime.store.clock(), opts.maxMinutes());
    }
    // lifecycle-events: renewing a subscription also reauthorizes it.
    sub.needsReauthorization = false;
    return { '@odata.context': `${context(req)}/$entity`, ...render(sub) };
  });

  app.delete('/subscriptions/:id', async (req, reply) => {
    const principal = begin(req, reply);
    service.remove(own(service, principal, req).id);
    return reply.code(204).send();
  });

  app.post('/subscriptions/:id/reauthorize', async (req, reply) => {
    const principal = begin(req, reply);
    own(service, principal, req).needsReauthorization = false;
    return reply.code(204).send();
  });
}

const WRITABLE = new Set([
  'changeType',
  'notificationUrl',
  'lifecycleNotificationUrl',
  'resource',
  'expirationDateTime',
  'clientState',
  'includeResourceData',
  'latestSupportedTlsVersion',
  'encryptionCertificate',
  'encryptionCertificateId',
  'notificationQueryOptions',
  'notificationUrlAppId',
]);
const READ_ONLY = new Set(['id', 'applicationId', 'creatorId']);

function own(service: SubscriptionService, principal: Principal, req: FastifyRequest): Subscription {
  const sub = service.find(principal, (req.params as { id: string }).id);
  if (!sub) throw new GraphError(404, 'ResourceNotFound', 'The object was not found.');
  return sub;
}

/** The mailbox and folder a resource names; the caller needs read access to it. */
function resolveTarget(runtime: GraphRuntime, principal: Principal, resource: unknown) {
  if (typeof resource !== 'string' || !resource) throw graphErrors.badRequest("The property 'resource' is required.");
  const parsed = parseResource(resource);
  if (!parsed) throw graphErrors.badRequest(`Resource '${resource}' is not supported for change notifications.`);
  const userId =
    parsed.user === 'me' ? principal.userId : runtime.directory.findUser(parsed.user, principal.tenantId)?.id;
  if (parsed.user === 'me' && !userId)
    throw graphErrors.badRequest('/me request is only valid with delegated authentication flow.');
  if (!userId) throw graphErrors.invalidUser(parsed.user);
  if (!isAllowed(principal, parsed.access, userId)) throw graphErrors.accessDenied();
  const mailbox = runtime.store.mailbox(userId);
  const folder = parsed.folderRef ? guard(() => mailbox.folder(parsed.folderRef as string)) : undefined;
  if (folder && folder.kind !== folderKindOf(parsed.kind)) throw graphErrors.itemNotFound();
  return { userId, kind: parsed.kind, ...(folder ? { folderNum: folder.num } : {}) };
}

/** subscription resource JSON (`resources/subscription.md`). */
function render(s: Subscription): Record<string, unknown> {
  return {
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeTypes.join(','),
    clientState: s.clientState ?? null,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl ?? null,
    expirationDateTime: graphTimestamp(s.expiresAt),
    creatorId: s.creatorId,
    includeResourceData: false,
    latestSupportedTlsVersion: 'v1_2',
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}
