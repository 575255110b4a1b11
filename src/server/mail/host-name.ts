import { isIP } from 'node:net';

/**
 * Host names as mail services and provider domains use them (MS-3, MS-9): DNS labels of letters,
 * digits and hyphens (RFC 1123), internationalised names in their ASCII (punycode) form, or an IP
 * address. Checked by hand because URL parsing accepts far too much (paths, user info, spaces).
 */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** True for a DNS host name such as `mail.example.com` (one label, e.g. `localhost`, is allowed). */
export function isHostName(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  return value.split('.').every((label) => LABEL.test(label));
}

/** True for a host name or an IPv4/IPv6 address (IPv6 without brackets). */
export function isHost(value: string): boolean {
  return isIP(value) !== 0 || isHostName(value);
}

/** True for the loopback hosts that may use plain http when OAUTH_ALLOW_INSECURE_LOOPBACK is on. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export type HostPortProblem = 'empty' | 'scheme' | 'path' | 'spaces' | 'host' | 'port';

/**
 * Splits `host` or `host:port` (IPv6 as `[::1]:443`). Returns the lowercased host and the port, or the
 * reason it is not one, so the caller can say precisely what to fix (MS-3).
 */
export function parseHostPort(text: string): { host: string; port: number | null } | { problem: HostPortProblem } {
  const value = text.trim();
  if (!value) return { problem: 'empty' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { problem: 'scheme' };
  if (/\s/.test(value)) return { problem: 'spaces' };
  if (/[/?#\\]/.test(value)) return { problem: 'path' };
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(value);
  if (!m) return isIP(value) === 6 ? { host: value.toLowerCase(), port: null } : { problem: 'host' };
  const host = (m[1] ?? '').toLowerCase();
  const bare = host.replace(/^\[|\]$/g, '');
  if (host.startsWith('[') ? isIP(bare) !== 6 : !isHost(bare)) return { problem: 'host' };
  if (m[2] === undefined) return { host, port: null };
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { host, port } : { problem: 'port' };
}

/** The host of a stored `host`, `host:port` or `[v6]:port` address, without brackets or port. */
export function hostOf(address: string): string {
  if (isIP(address)) return address;
  if (address.startsWith('[')) return address.slice(1, address.indexOf(']'));
  return address.replace(/:\d+$/, '');
}
