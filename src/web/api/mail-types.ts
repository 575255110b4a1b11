/** Shapes of the mail API (DESIGN §4, SPEC §1–2, §6): mail services, provider domains, mailboxes, sync settings. */

export type MailServiceType = 'exchange' | 'imap';
export type LoginFormat = 'manual' | 'email' | 'mailboxName';
export type MailAuth = 'basic' | 'oauth2';
export type MailProtocol = 'auto' | 'graph' | 'ews';
export type TransportSecurity = 'tls' | 'starttls' | 'none';

/** Secrets are write-only: the API answers whether one is stored, never the value (MS-11). */
export interface SecretState {
  set: boolean;
}

export interface ServerEndpoint {
  host: string;
  port: number | null;
  security: TransportSecurity;
}

export interface MailService {
  id: string;
  name: string;
  type: MailServiceType;
  address: string;
  downloadEmails: boolean;
  sendEmails: boolean;
  loginFormat: LoginFormat;
  auth: MailAuth;
  clientId: string | null;
  clientSecret: SecretState;
  tenant: string | null;
  protocol: MailProtocol;
  authorityUrl: string | null;
  graphUrl: string | null;
  imap: ServerEndpoint | null;
  smtp: ServerEndpoint | null;
  /** Read-only: what "auto" resolves to for this address (MS-13); null for IMAP/SMTP. */
  effectiveProtocol?: 'graph' | 'ews' | null;
  /** Read-only: the URI to register in Entra ID (OA-1). */
  redirectUri?: string;
  /** Read-only: the delegated permissions Tandem asks for (OA-2). */
  scopes?: string[] | string;
  /** Read-only: mailboxes using the service (MS-10). */
  mailboxCount?: number;
}

/** What the service form sends; `clientSecret` only when typed (a blank one keeps the stored secret). */
export interface MailServiceInput {
  name: string;
  type: MailServiceType;
  address: string;
  downloadEmails: boolean;
  sendEmails: boolean;
  loginFormat: LoginFormat;
  auth: MailAuth;
  clientId?: string | null;
  clientSecret?: string;
  tenant?: string | null;
  protocol?: MailProtocol;
  authorityUrl?: string | null;
  graphUrl?: string | null;
  imap?: ServerEndpoint | null;
  smtp?: ServerEndpoint | null;
}

export interface ProviderDomain {
  id: string;
  domain: string;
  mailServiceId: string;
}

export type MailboxState = 'new' | 'connected' | 'needsSignIn' | 'error';

/** Codes of a connection test (MB-3); the UI words each one. */
export type ConnectionCode =
  | 'ok'
  | 'wrongPassword'
  | 'unknownHost'
  | 'tlsFailure'
  | 'consentMissing'
  | 'insufficientScopes'
  | 'serviceMisconfigured'
  | 'mailboxNotFound'
  | 'throttled'
  | 'unreachable'
  | 'needsSignIn'
  | 'unsupported';

export interface ConnectionTest {
  at: string;
  ok: boolean;
  code: ConnectionCode | string;
  message: string;
}

export interface Mailbox {
  id: string;
  email: string;
  mailServiceId: string;
  mailServiceName?: string | null;
  ownerId: string;
  login: string | null;
  password?: SecretState;
  state: MailboxState;
  tokenExpiresAt?: string | null;
  lastTest?: ConnectionTest | null;
}

export interface MailboxInput {
  email: string;
  mailServiceId: string;
  login?: string;
  password?: string;
}

export interface RemoteFolder {
  id: string;
  name: string;
  path: string;
  parentId: string | null;
}

export interface MailboxFolders {
  mail: RemoteFolder[];
  contacts: RemoteFolder[];
  calendars: RemoteFolder[];
  tasks: RemoteFolder[];
}

/** "all" or the chosen remote folder ids. */
export type FolderChoice = 'all' | string[];

export type ConflictPolicy = 'lastWriterWins' | 'crmWins' | 'exchangeWins';

/** DESIGN §4 sync settings (SPEC §3–5). Dates are calendar dates "YYYY-MM-DD". */
export interface SyncSettings {
  mail: { download: boolean; folders: FolderChoice; since: string | null };
  contacts: {
    auto: boolean;
    import: boolean;
    importFolders: FolderChoice;
    export: boolean;
    exportScope: 'all' | { types: string[]; groupIds: string[] };
  };
  activities: {
    auto: boolean;
    importFrom: string | null;
    importMeetings: boolean;
    calendars: FolderChoice;
    importTasks: boolean;
    taskFolders: FolderChoice;
    export: boolean;
    exportScope: 'all' | { groupIds: string[] };
  };
  conflictPolicy: ConflictPolicy;
  deletions: { toCrm: boolean; toExchange: boolean };
}

export interface MailboxHealth {
  state: MailboxState;
  tokenExpiresAt: string | null;
  lastTest: ConnectionTest | null;
  subscription: unknown;
}
