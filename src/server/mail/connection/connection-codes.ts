import type { ConnectorError } from '../../connectors/port.ts';

/**
 * Outcomes of a connection test (MB-3). The code is stable (the UI words it in the user's language); the English
 * message is for the API and logs and says what to do next, in words a person understands.
 */
export type ConnectionCode =
  | 'ok'
  | 'wrongPassword'
  | 'unknownHost'
  | 'tlsFailure'
  | 'consentMissing'
  | 'insufficientScopes'
  | 'mailboxNotFound'
  | 'throttled'
  | 'unreachable'
  | 'needsSignIn'
  | 'serviceMisconfigured'
  | 'unsupported';

export interface ConnectionResult {
  ok: boolean;
  code: ConnectionCode;
  message: string;
  /** The input field the problem is about (e.g. `password`, `imap.host`), when there is one. */
  field?: string;
}

/** Builds a result; `host` is named in messages about reaching a server. */
export function connectionResult(code: ConnectionCode, host: string, field?: string): ConnectionResult {
  return { ok: code === 'ok', code, message: MESSAGES[code](host), ...(field && { field }) };
}

const MESSAGES: Record<ConnectionCode, (host: string) => string> = {
  ok: (host) => `Connected to ${host}.`,
  wrongPassword: () => 'The server did not accept the user name or password. Check them and try again.',
  unknownHost: (host) => `The server name ${host} was not found. Check the service address for typing mistakes.`,
  tlsFailure: (host) =>
    `A secure connection to ${host} could not be set up (its certificate is not trusted, has expired or names ` +
    'another server). Ask your administrator to check the server certificate.',
  consentMissing: () =>
    'Microsoft 365 has not granted Tandem access to this mailbox yet. Ask an administrator to grant consent for ' +
    'the application, then sign in again.',
  insufficientScopes: () =>
    'Tandem signed in, but Microsoft 365 refused access to the mailbox data. The app registration lacks a ' +
    'permission; ask an administrator to add the permissions listed on the mail service and grant consent.',
  mailboxNotFound: () =>
    'The account exists, but it has no mailbox Tandem can reach (no Exchange Online licence, or the mailbox is ' +
    'not set up yet).',
  throttled: () => 'The mail server is busy and asked Tandem to slow down. Try again in a few minutes.',
  unreachable: (host) =>
    `${host} could not be reached. The server may be down, or a firewall blocks the connection. Try again later.`,
  needsSignIn: () => 'The sign-in to this mailbox has expired or was revoked. Sign in again.',
  serviceMisconfigured: () =>
    'Microsoft rejected the mail service’s app registration (its client id or client secret is wrong or has ' +
    'expired). Signing in again will not help: ask an administrator to check the mail service.',
  unsupported: (host) =>
    `${host} can be reached, but Tandem cannot check the sign-in for this kind of server yet. The mailbox can ` +
    'be saved; its first sync will show whether the user name and password work.',
};

/** The connection code for a connector failure (the neutral kinds of DESIGN §7.4). */
export function codeForConnectorError(err: ConnectorError): ConnectionCode {
  switch (err.kind) {
    case 'AUTH':
      if (err.reason === 'clientRejected') return 'serviceMisconfigured';
      return err.reason === 'consentMissing' ? 'consentMissing' : 'needsSignIn';
    case 'PERMISSION':
      return err.reason === 'consentMissing' ? 'consentMissing' : 'insufficientScopes';
    case 'NOT_FOUND':
      return 'mailboxNotFound';
    case 'THROTTLED':
      return 'throttled';
    case 'TLS':
      return 'tlsFailure';
    case 'UNREACHABLE':
      return err.reason === 'unknownHost' ? 'unknownHost' : 'unreachable';
    default:
      // TEMPORARY (a server error), INVALID and CURSOR_EXPIRED: the server is there but did not answer usefully.
      return 'unreachable';
  }
}
