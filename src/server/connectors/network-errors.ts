import { ConnectorError } from './port.ts';

/**
 * Socket, DNS and TLS failures are the same for every protocol, so every adapter translates them here, once
 * (DESIGN §7.4). Node reports them as `err.code` on the error or on its `cause` (fetch wraps them in
 * `TypeError: fetch failed`; happy-eyeballs connects wrap several in an AggregateError).
 */

/** The host name does not resolve (EAI_AGAIN is a resolver that did not answer; to a person it looks the same). */
const UNKNOWN_HOST = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);

/** Nothing answers at that address and port. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'ETIMEDOUT',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The connection was made but dropped or stalled mid-request: worth another try. */
const DROPPED = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Certificate or handshake problems (OpenSSL verify codes and Node's TLS codes). */
function isTlsCode(code: string): boolean {
  return (
    code.startsWith('CERT_') ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.startsWith('UNABLE_TO_') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
    code === 'HOSTNAME_MISMATCH' ||
    code === 'EPROTO'
  );
}

/**
 * Errno-style codes (ECONNREFUSED), undici's (UND_ERR_*) and TLS ones; library codes such as openid-client's
 * OAUTH_* or Node's ERR_INVALID_ARG_TYPE are not transport failures.
 */
function isSystemCode(code: string): boolean {
  return /^E[A-Z]{2,}$/.test(code) || /^EAI_[A-Z]+$/.test(code) || code.startsWith('UND_ERR_') || isTlsCode(code);
}

/** The first system error code found on the error or its causes. */
export function systemErrorCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 4) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && isSystemCode(e.code)) return e.code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = systemErrorCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return systemErrorCode(e.cause, depth + 1);
}

/** True for the error our own AbortSignal.timeout raises. */
function isTimeout(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/**
 * Translates a transport failure (no HTTP response at all) into the neutral set, or undefined when the error is not
 * a transport failure (a programming error must not be disguised as a network problem).
 */
export function fromNetworkError(err: unknown, host: string): ConnectorError | undefined {
  if (isTimeout(err)) return new ConnectorError('TEMPORARY', `${host} did not answer in time`, { cause: err });
  const code = systemErrorCode(err);
  if (!code) return undefined;
  if (UNKNOWN_HOST.has(code)) {
    return new ConnectorError('UNREACHABLE', `${host}: host name not found (${code})`, {
      reason: 'unknownHost',
      cause: err,
    });
  }
  if (UNREACHABLE.has(code))
    return new ConnectorError('UNREACHABLE', `${host}: cannot connect (${code})`, { cause: err });
  if (DROPPED.has(code))
    return new ConnectorError('TEMPORARY', `${host}: connection dropped (${code})`, { cause: err });
  if (isTlsCode(code)) return new ConnectorError('TLS', `${host}: secure connection failed (${code})`, { cause: err });
  return new ConnectorError('UNREACHABLE', `${host}: network error (${code})`, { cause: err });
}
