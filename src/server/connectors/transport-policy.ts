import { ConnectorError } from './port.ts';

/**
 * Plain http is allowed only to the local machine and only when the operator said so
 * (`OAUTH_ALLOW_INSECURE_LOOPBACK=true`, for the emulator and development): tokens and mail never cross a network
 * unencrypted (MS-7, MS-11).
 */

/** True for 127.0.0.0/8, ::1 and localhost. `hostname` is URL.hostname (IPv6 comes in brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True when a request to `url` may go out: https always, http only to loopback with the flag on. */
export function isTransportAllowed(url: URL, allowInsecureLoopback: boolean): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && allowInsecureLoopback && isLoopbackHost(url.hostname);
}

/** Throws INVALID for a URL the policy refuses, naming why. */
export function assertTransportAllowed(url: URL, allowInsecureLoopback: boolean): void {
  if (isTransportAllowed(url, allowInsecureLoopback)) return;
  throw new ConnectorError(
    'INVALID',
    `${url.origin}: only https is allowed (plain http only to loopback with OAUTH_ALLOW_INSECURE_LOOPBACK=true)`,
  );
}
