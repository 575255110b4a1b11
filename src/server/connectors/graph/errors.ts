import { fromNetworkError } from '../network-errors.ts';
import { ConnectorError, type ConnectorErrorReason } from '../port.ts';

/**
 * Microsoft Graph errors, translated once into the neutral set (DESIGN §7.4). Graph answers
 * `{"error": {"code", "message", "innerError"}}` (protocols.md §3.8; Graph docs `concepts/errors.md`); Outlook
 * resources pass Exchange's codes through (ErrorItemNotFound, ErrorAccessDenied, …). Only the status and the
 * `code` are looked at — never the message text (DESIGN §7.3).
 */

/** Delta tokens that the server no longer knows: drop the cursor and list everything again (DESIGN §3). */
const CURSOR_CODES = new Set(['syncStateNotFound', 'resyncRequired', 'syncStateInvalid']);

/** 404s that mean the mailbox itself is missing, not one item in it. */
const MAILBOX_MISSING = new Set([
  'MailboxNotEnabledForRESTAPI',
  'MailboxNotFound',
  'ErrorNonExistentMailbox',
  'ErrorInvalidUser',
  'Request_ResourceNotFound',
]);

/** The `error.code` of a Graph error body, when the body has that shape. */
export function graphErrorCode(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or garbled.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Translates a Graph HTTP error response (status ≥ 400) into a ConnectorError. */
export function fromGraphResponse(status: number, headers: Headers, body: unknown): ConnectorError {
  const code = graphErrorCode(body);
  const detail = `HTTP ${status}${code ? ` ${code}` : ''}`;
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
  const withWait = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (code && CURSOR_CODES.has(code)) return new ConnectorError('CURSOR_EXPIRED', detail);
  // 410 Gone on a delta link is a reset with a fresh start in Location (protocols.md §3.1).
  if (status === 410) return new ConnectorError('CURSOR_EXPIRED', detail);
  if (status === 429) return new ConnectorError('THROTTLED', detail, withWait);
  if (status === 401) return new ConnectorError('AUTH', detail);
  // A delegated token that reaches Graph but is refused lacks a permission (scope) the call needs; Graph words
  // it as ErrorAccessDenied or Authorization_RequestDenied depending on the workload, so the status decides.
  if (status === 403) return new ConnectorError('PERMISSION', detail, { reason: 'insufficientScopes' });
  if (status === 404) {
    return new ConnectorError('NOT_FOUND', detail, code && MAILBOX_MISSING.has(code) ? mailboxMissing() : {});
  }
  // 503/504 may carry Retry-After too (graph/throttling); 501 means the request will never work.
  if (status >= 500 && status !== 501) return new ConnectorError('TEMPORARY', detail, withWait);
  return new ConnectorError('INVALID', detail);
}

function mailboxMissing(): { reason: ConnectorErrorReason } {
  return { reason: 'mailboxNotFound' };
}

/**
 * Translates anything thrown while talking to Graph. ConnectorErrors pass through; transport failures become
 * UNREACHABLE/TLS/TEMPORARY; anything else is a bug and is rethrown unchanged.
 */
export function fromGraphFailure(err: unknown, host: string): unknown {
  if (err instanceof ConnectorError) return err;
  return fromNetworkError(err, host) ?? err;
}
