import type { ExchangeProtocol, MailServiceType } from '../db/schema.ts';
import { hostOf } from './host-name.ts';

/**
 * What Tandem needs to know about Microsoft's identity platform and Exchange hosts: the redirect
 * path (OA-1), the default endpoints and tenant (MS-13), which hosts are Microsoft 365 (so `auto`
 * means Graph, OA-4) and the delegated scopes it asks for (OA-2).
 */
export const OAUTH_REDIRECT_PATH = '/0/rest/Office365OAuthAuthenticator/ProcessAuthenticationCode';
export const DEFAULT_AUTHORITY_URL = 'https://login.microsoftonline.com';
export const DEFAULT_GRAPH_URL = 'https://graph.microsoft.com';
/** Any work or school account; an administrator narrows it to the directory (tenant) id. */
export const DEFAULT_TENANT = 'organizations';

/** The redirect URI to register in Entra ID (OA-1): PUBLIC_URL when set, else the request's own origin. */
export function oauthRedirectUri(publicUrl: string | undefined, request: { protocol: string; host: string }): string {
  return `${publicUrl ?? `${request.protocol}://${request.host}`}${OAUTH_REDIRECT_PATH}`;
}

const M365_HOSTS = new Set(['outlook.office365.com', 'outlook.office.com', 'graph.microsoft.com']);

/** True for Microsoft 365 (Exchange Online) hosts; the address may carry a port. */
export function isMicrosoft365Host(address: string): boolean {
  const host = hostOf(address).toLowerCase();
  return M365_HOSTS.has(host) || host.endsWith('.onmicrosoft.com');
}

/**
 * The protocol an Exchange service really uses (MS-13): `auto` is Graph for Microsoft 365, where EWS is
 * being retired (OA-4), and EWS for Exchange Server on premises. IMAP/SMTP services have none.
 */
export function effectiveProtocol(
  type: MailServiceType,
  protocol: ExchangeProtocol,
  address: string,
): 'graph' | 'ews' | null {
  if (type !== 'exchange') return null;
  if (protocol !== 'auto') return protocol;
  return isMicrosoft365Host(address) ? 'graph' : 'ews';
}

const SIGN_IN = ['offline_access', 'openid', 'profile'];
const GRAPH_SCOPES = [
  'User.Read',
  'Mail.ReadWrite',
  'Mail.Send',
  'Contacts.ReadWrite',
  'Calendars.ReadWrite',
  'Tasks.ReadWrite',
];

/**
 * The delegated permissions Tandem requests (OA-2), shown on the service form so an administrator can
 * grant exactly these: Graph scopes for Graph; `EWS.AccessAsUser.All` on the Exchange host's resource
 * for EWS; the Outlook IMAP and SMTP scopes for IMAP/SMTP.
 */
export function delegatedScopes(service: {
  type: MailServiceType;
  protocol: ExchangeProtocol;
  address: string;
}): string[] {
  const host = hostOf(service.address);
  if (service.type === 'imap') {
    return [...SIGN_IN, 'https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send'];
  }
  if (effectiveProtocol(service.type, service.protocol, service.address) === 'graph') {
    return [...SIGN_IN, ...GRAPH_SCOPES];
  }
  return [...SIGN_IN, `https://${host}/EWS.AccessAsUser.All`];
}
