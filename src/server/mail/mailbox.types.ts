import type { MailboxState } from '../db/schema.ts';
import type { MailServiceInternal } from './mail-service.types.ts';

/** The outcome of a connection test (MB-3), in words a person understands plus a stable code. */
export interface ConnectionTestResult {
  ok: boolean;
  /** ok, wrongPassword, unknownHost, tlsFailure, consentMissing, insufficientScopes, mailboxNotFound,
   * throttled, unreachable, needsSignIn, unsupported. */
  code: string;
  message: string;
  /** The form field the problem is about (e.g. `password`, `imap.host`), when the tester knows it. */
  field?: string;
}

/** A test result with its time, as stored and shown (`lastTest`). */
export interface TestRecord extends ConnectionTestResult {
  at: string;
}

/** OAuth tokens of a mailbox (OA-3); `expiresAt` is the access token's ISO expiry. */
export interface MailboxTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: string;
}

export interface ConnectionTestInput {
  /** Set for a saved mailbox, so the tester can use its token manager and limiter. */
  mailboxId?: string;
  service: MailServiceInternal;
  email: string;
  login: string | null;
  password?: string | null;
  tokens?: MailboxTokens | null;
}

/**
 * The connection test the connector layer provides (`src/server/mail/connection/connection-test.ts`).
 * Injected rather than imported by the services so that tests can supply a fake server.
 */
export type TestConnection = (input: ConnectionTestInput) => Promise<ConnectionTestResult>;

/** A mailbox as the API shows it (DESIGN §4); the password is write-only (MS-11). */
export interface Mailbox {
  id: string;
  email: string;
  mailServiceId: string;
  mailServiceName: string;
  ownerId: string;
  login: string | null;
  password: { set: boolean };
  state: MailboxState;
  tokenExpiresAt: string | null;
  lastTest: TestRecord | null;
  createdAt: string;
  modifiedAt: string;
}

/** A mailbox for server-side use only (OAuth, connectors, sync): secrets decrypted. Never sent to a client. */
export interface MailboxInternal {
  id: string;
  email: string;
  ownerId: string;
  login: string | null;
  password: string | null;
  state: MailboxState;
  remoteUserId: string | null;
  tokens: MailboxTokens | null;
  service: MailServiceInternal;
}

export interface MailboxCreateInput {
  email: string;
  mailServiceId: string;
  login?: string;
  password?: string;
}

export interface MailboxUpdateInput {
  login?: string;
  password?: string;
}

/** What an OAuth sign-in brings back (OA-3), for `mailboxService.createConnected`. */
export interface ConnectedMailboxInput {
  email: string;
  mailServiceId: string;
  tokens: MailboxTokens;
  remoteUserId: string | null;
}
