import type { TransportSecurity } from '../db/schema.ts';
import { invalid } from '../errors.ts';
import { type HostPortProblem, isHost, isLoopbackHost, parseHostPort } from './host-name.ts';
import type { Endpoint, EndpointInput, MailServiceInput, MailServiceSettings } from './mail-service.types.ts';
import { DEFAULT_AUTHORITY_URL, DEFAULT_GRAPH_URL, DEFAULT_TENANT } from './microsoft-365.ts';

/**
 * Turns a create or update body into the service's complete settings, or throws a validation error
 * naming the field and the rule (MS-2…MS-7, MS-12, MS-13). Pure: the stored secret is known only as
 * "set or not". Types and enums were already checked by the route schema (MS-2, MS-5).
 */
export interface ServiceInputOptions {
  /** OAUTH_ALLOW_INSECURE_LOOPBACK: plain http to 127.0.0.1/localhost/::1 (the local emulator). */
  allowInsecureLoopback: boolean;
}

/** MS-12: the port a security choice implies. */
export const DEFAULT_PORTS: Record<'imap' | 'smtp', Record<TransportSecurity, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 25 },
};

const ADDRESS_PROBLEMS: Record<HostPortProblem, string> = {
  empty: 'is required',
  scheme: 'enter the host name only, without http:// or https://',
  path: 'enter the host name only, without a path',
  spaces: 'must not contain spaces',
  host: 'is not a host name (e.g. mail.example.com or mail.example.com:443)',
  port: 'has a port outside 1–65535',
};

/** MS-3: a host name or host:port; lowercased. */
export function normaliseAddress(value: string | undefined): string {
  const parsed = parseHostPort(value ?? '');
  if ('problem' in parsed) {
    const rule = parsed.problem === 'empty' ? 'required' : 'host';
    throw invalid(
      'address',
      ADDRESS_PROBLEMS[parsed.problem],
      rule,
      rule === 'host' ? { problem: parsed.problem } : undefined,
    );
  }
  return parsed.port === null ? parsed.host : `${parsed.host}:${parsed.port}`;
}

/** MS-13: an https URL (http only to a loopback host when allowed), without query, fragment or trailing slash. */
function normaliseUrl(field: string, value: string, opts: ServiceInputOptions): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(field, 'is not a URL', 'format', { format: 'url' });
  }
  const insecureOk = opts.allowInsecureLoopback && url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !insecureOk) throw invalid(field, 'must be an https:// URL', 'https');
  if (url.search || url.hash || url.username || url.password) {
    throw invalid(field, 'must not contain a query, fragment or user name', 'format', { format: 'url' });
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function urlSetting(
  field: string,
  value: string | null | undefined,
  current: string | undefined,
  fallback: string,
  opts: ServiceInputOptions,
): string {
  if (value === undefined) return current ?? fallback;
  if (value === null || value.trim() === '') return fallback;
  return normaliseUrl(field, value, opts);
}

/** A directory (tenant) id: a GUID, a verified domain, or organizations/common/consumers. */
function tenantSetting(value: string | null | undefined, current: string | undefined): string {
  if (value === undefined) return current ?? DEFAULT_TENANT;
  const tenant = value?.trim();
  if (!tenant) return DEFAULT_TENANT;
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?$/.test(tenant)) {
    throw invalid('tenant', 'must be a directory (tenant) id, a domain or "organizations"', 'format', {
      format: 'tenant',
    });
  }
  return tenant;
}

/** MS-12: host required; port from the input, else kept, else (or when only security changed) the default. */
function endpointSetting(
  kind: 'imap' | 'smtp',
  input: EndpointInput | null | undefined,
  current: Endpoint | null,
  isImapService: boolean,
): Endpoint | null {
  if (!isImapService) {
    if (input) throw invalid(kind, 'applies to IMAP/SMTP services only');
    return null;
  }
  if (input === undefined && current) return current;
  if (!input) throw invalid(kind, 'is required for an IMAP/SMTP service', 'required');
  const host = (input.host ?? current?.host ?? '').trim().toLowerCase();
  if (!host) throw invalid(`${kind}.host`, 'is required', 'required');
  if (!isHost(host)) {
    throw invalid(`${kind}.host`, 'is not a host name (give the port separately)', 'host', { problem: 'host' });
  }
  const security = input.security ?? current?.security ?? 'tls';
  // A port the administrator typed is kept when only the security changes; a default one follows it.
  const portFollowsSecurity =
    input.port === null ||
    (input.security !== undefined && current !== null && current.port === DEFAULT_PORTS[kind][current.security]);
  const port =
    typeof input.port === 'number' || !current || portFollowsSecurity
      ? (input.port ?? DEFAULT_PORTS[kind][security])
      : current.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalid(`${kind}.port`, 'must be a whole number from 1 to 65535', 'range', { min: 1, max: 65535 });
  }
  return { host, port, security };
}

/**
 * The complete settings after applying `input` to `current` (undefined on create). `secretSet` says
 * whether a client secret is stored now; `input.clientSecret` may replace or clear it.
 */
export function resolveServiceSettings(
  input: MailServiceInput,
  current: { settings: MailServiceSettings; secretSet: boolean } | undefined,
  opts: ServiceInputOptions,
): MailServiceSettings {
  const was = current?.settings;
  const type = input.type ?? was?.type;
  if (!type) throw invalid('type', 'is required', 'required');
  const address = input.address !== undefined || !was ? normaliseAddress(input.address) : was.address;
  // MS-6: the name defaults to the service address.
  const name = input.name === undefined ? (was?.name ?? address) : input.name?.trim() || address;
  const downloadEmails = input.downloadEmails ?? was?.downloadEmails ?? true;
  const sendEmails = input.sendEmails ?? was?.sendEmails ?? true;
  if (!downloadEmails && !sendEmails) {
    throw invalid('downloadEmails', 'turn on downloading or sending emails (or both)', 'atLeastOne', {
      fields: ['downloadEmails', 'sendEmails'],
    });
  }
  const auth = input.auth ?? was?.auth ?? 'basic';
  const clientId = input.clientId === undefined ? (was?.clientId ?? null) : input.clientId?.trim() || null;
  const secretSet =
    input.clientSecret === undefined ? (current?.secretSet ?? false) : Boolean(input.clientSecret?.length);
  // MS-7: OAuth 2.0 needs the app's client id and secret.
  if (auth === 'oauth2' && !clientId) throw invalid('clientId', 'is required for OAuth 2.0', 'required');
  if (auth === 'oauth2' && !secretSet) throw invalid('clientSecret', 'is required for OAuth 2.0', 'required');
  const isImap = type === 'imap';
  return {
    name,
    type,
    address,
    downloadEmails,
    sendEmails,
    loginFormat: input.loginFormat ?? was?.loginFormat ?? 'email',
    auth,
    clientId,
    tenant: tenantSetting(input.tenant, was?.tenant),
    protocol: input.protocol ?? was?.protocol ?? 'auto',
    authorityUrl: urlSetting('authorityUrl', input.authorityUrl, was?.authorityUrl, DEFAULT_AUTHORITY_URL, opts),
    graphUrl: urlSetting('graphUrl', input.graphUrl, was?.graphUrl, DEFAULT_GRAPH_URL, opts),
    imap: endpointSetting('imap', input.imap, was?.imap ?? null, isImap),
    smtp: endpointSetting('smtp', input.smtp, was?.smtp ?? null, isImap),
  };
}
