import type { ExchangeProtocol, LoginFormat, MailAuth, MailServiceType, TransportSecurity } from '../db/schema.ts';

/** An incoming (IMAP) or outgoing (SMTP) server of an IMAP/SMTP service (MS-12). */
export interface Endpoint {
  host: string;
  port: number;
  security: TransportSecurity;
}

/** The settings of a mail service, normalised, without its secret. */
export interface MailServiceSettings {
  name: string;
  type: MailServiceType;
  address: string;
  downloadEmails: boolean;
  sendEmails: boolean;
  loginFormat: LoginFormat;
  auth: MailAuth;
  clientId: string | null;
  tenant: string;
  protocol: ExchangeProtocol;
  authorityUrl: string;
  graphUrl: string;
  imap: Endpoint | null;
  smtp: Endpoint | null;
}

/** A mail service as the API shows it (DESIGN §4); the client secret is write-only (MS-11). */
export interface MailService extends MailServiceSettings {
  id: string;
  clientSecret: { set: boolean };
  /** What `protocol: auto` resolves to for this address (MS-13); null for IMAP/SMTP. */
  effectiveProtocol: 'graph' | 'ews' | null;
  /** Read-only: the URI to register in Entra ID (OA-1). */
  redirectUri: string;
  /** Read-only: the delegated scopes Tandem requests (OA-2). */
  scopes: string[];
  mailboxCount: number;
  createdAt: string;
  modifiedAt: string;
}

/** A mail service for server-side use only (OAuth, connectors): the secret decrypted. Never sent to a client. */
export interface MailServiceInternal extends MailServiceSettings {
  id: string;
  clientSecret: string | null;
  effectiveProtocol: 'graph' | 'ews' | null;
  createdAt: string;
  modifiedAt: string;
}

export interface EndpointInput {
  host?: string;
  port?: number | null;
  security?: TransportSecurity;
}

/** A create or update body; on update every field is optional and omitted ones keep their value. */
export interface MailServiceInput {
  name?: string | null;
  type?: MailServiceType;
  address?: string;
  downloadEmails?: boolean;
  sendEmails?: boolean;
  loginFormat?: LoginFormat;
  auth?: MailAuth;
  clientId?: string | null;
  /** A new secret; null clears it; omitted keeps the stored one (MS-7). */
  clientSecret?: string | null;
  tenant?: string | null;
  protocol?: ExchangeProtocol;
  authorityUrl?: string | null;
  graphUrl?: string | null;
  imap?: EndpointInput | null;
  smtp?: EndpointInput | null;
}

/** Per-request facts the API shape needs (the redirect URI depends on PUBLIC_URL or the request). */
export interface ServiceView {
  redirectUri: string;
}
