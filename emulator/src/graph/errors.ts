import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphError } from '../contracts.ts';
import { StoreError } from '../store/index.ts';

/**
 * Graph's error shape, `{error: {code, message, innerError: {date, request-id, client-request-id}}}`
 * (`concepts/errors.md`; protocols.md §3.8). Outlook resources pass Exchange's codes through
 * (ErrorItemNotFound, ErrorInvalidIdMalformed, ErrorAccessDenied, ErrorIrresolvableConflict, …), so the
 * constructors below use those codes and the messages Exchange returns with them.
 */

export const graphErrors = {
  itemNotFound: () => new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.'),
  malformedId: () => new GraphError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.'),
  accessDenied: () => new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.'),
  /** Stale `If-Match` / change key (observed with 412; message as Exchange words it). */
  conflict: () =>
    new GraphError(
      412,
      'ErrorIrresolvableConflict',
      'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
    ),
  badRequest: (message: string) => new GraphError(400, 'BadRequest', message),
  invalidRequest: (message: string) => new GraphError(400, 'ErrorInvalidRequest', message),
  invalidUser: (who: string) => new GraphError(404, 'ErrorInvalidUser', `The requested user '${who}' is invalid.`),
  /** Unknown property in a request body (OData reader error). */
  unknownProperty: (name: string, type: string) =>
    new GraphError(
      400,
      'RequestBodyRead',
      `The property '${name}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    ),
  /** Expired or unknown delta token (`concepts/errors.md`: syncStateNotFound). */
  syncStateNotFound: () =>
    new GraphError(
      400,
      'syncStateNotFound',
      'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
    ),
  /** Delta reset: 410 Gone with a Location holding an empty delta token (protocols.md §3.1). */
  resyncRequired: (location: string) =>
    new GraphError(410, 'resyncRequired', 'Resync is required.', { Location: location }),
  segmentNotFound: (segment: string) =>
    new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
} as const;

/** Maps a store error to Graph once, at the edge (DESIGN.md §7.4). */
export function fromStoreError(err: StoreError): GraphError {
  switch (err.code) {
    case 'notFound':
      return graphErrors.itemNotFound();
    case 'malformedId':
      return graphErrors.malformedId();
    case 'conflict':
      return graphErrors.conflict();
    default:
      return graphErrors.invalidRequest(err.message);
  }
}

/** Request and client-request ids, echoed in headers and in `innerError`. */
export function requestIds(req: FastifyRequest): { requestId: string; clientRequestId: string } {
  const cached = ids.get(req);
  if (cached) return cached;
  const requestId = randomUUID();
  const header = req.headers['client-request-id'];
  const clientRequestId = typeof header === 'string' && header ? header : requestId;
  const value = { requestId, clientRequestId };
  ids.set(req, value);
  return value;
}
const ids = new WeakMap<FastifyRequest, { requestId: string; clientRequestId: string }>();

/** Renders an error in Graph's shape; unknown errors become 500 generalException / Fastify's 4xx as BadRequest. */
export function sendGraphError(req: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const err = toGraphError(error);
  const { requestId, clientRequestId } = requestIds(req);
  for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
  return reply
    .code(err.status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('request-id', requestId)
    .header('client-request-id', clientRequestId)
    .send({
      error: {
        code: err.code,
        message: err.message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': requestId,
          'client-request-id': clientRequestId,
        },
      },
    });
}

function toGraphError(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  if (error instanceof StoreError) return fromStoreError(error);
  const fe = error as Partial<FastifyError>;
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new GraphError(415, 'UnsupportedMediaType', 'The content type of the request is not supported.');
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Body parser failures: Graph's wording for a request body it cannot read as JSON.
    return new GraphError(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
  return new GraphError(500, 'generalException', 'An unspecified error has occurred.');
}

/** Installs the error and not-found handlers on the Graph plugin's encapsulation context. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, req, reply) => {
    if (!(error instanceof GraphError) && !(error instanceof StoreError) && !(error as FastifyError).statusCode) {
      req.log.error({ err: error }, 'graph route failed');
    }
    return sendGraphError(req, reply, error);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const segment = path.split('/').filter(Boolean).pop() ?? '';
    return sendGraphError(req, reply, graphErrors.segmentNotFound(decodeURIComponent(segment)));
  });
}
