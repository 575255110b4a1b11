import { randomUUID } from 'node:crypto';

/** Graph error codes for common statuses (graph/errors), used when a fault on `/v1.0` gives a status but no body. */
const GRAPH_CODES: Record<number, [string, string]> = {
  400: ['BadRequest', 'Bad request.'],
  401: ['InvalidAuthenticationToken', 'Access token validation failure.'],
  403: ['ErrorAccessDenied', 'Access is denied. Check credentials and try again.'],
  404: ['ErrorItemNotFound', 'The specified object was not found in the store.'],
  409: ['ErrorIrresolvableConflict', 'The operation could not be performed because of a conflict.'],
  410: ['resyncRequired', 'Resync required. Replace any local items with the server objects.'],
  429: ['ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'],
  500: ['generalException', 'An unspecified error has occurred.'],
  502: ['badGateway', 'Bad gateway.'],
  503: ['serviceNotAvailable', 'The service is temporarily unavailable. Try again later.'],
  504: ['gatewayTimeout', 'The gateway timed out.'],
};

/** Graph-shaped default body `{error: {code, message, innerError}}` for an injected status. */
export function defaultGraphFaultBody(status: number, clientRequestId: string | undefined): unknown {
  const [code, message] = GRAPH_CODES[status] ?? ['generalException', `Injected fault ${status}.`];
  const requestId = randomUUID();
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        'request-id': requestId,
        'client-request-id': clientRequestId ?? requestId,
      },
    },
  };
}
