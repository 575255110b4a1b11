/**
 * Seams between the emulator's parts. The identity/control part owns the directory (tenants, apps, users),
 * token validation, faults, throttling and counters; the mailbox part owns the protocol-neutral mailbox
 * store and the Graph routes. Each side codes against these types only.
 */

/** Who is calling, as proven by a validated access token (Microsoft identity platform v2 claims). */
export interface Principal {
  tenantId: string;
  /** App (client) id the token was issued to (`azp`/`appid`). */
  appId: string;
  /** Delegated token: the signed-in user's object id (`oid`); app-only token: undefined. */
  userId?: string;
  /** Delegated scopes from `scp`, short names such as `Mail.ReadWrite` (empty for app-only). */
  scopes: string[];
  /** Application permissions from `roles`, such as `Contacts.ReadWrite.All`... (empty for delegated). */
  roles: string[];
}

export interface DirectoryUser {
  id: string;
  tenantId: string;
  email: string;
  displayName: string;
  timeZone: string;
}

/** Read access to the directory that the mailbox part needs. */
export interface Directory {
  /** Finds a user by object id or by email/UPN (case-insensitive), within a tenant when given. */
  findUser(idOrUpn: string, tenantId?: string): DirectoryUser | undefined;
  /** Every user, for delivering mail and invitations to recipients who are emulator users. */
  allUsers(): DirectoryUser[];
}

/** An error that the HTTP layer renders in Graph's shape: {error: {code, message, innerError}}. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Added by the identity/control part. Everything below is additive; nothing above changed.
// ---------------------------------------------------------------------------------------------------------------

/** Runtime knobs set through `POST /_emulator/config`; the Graph part reads them through `getConfig()` per request. */
export interface EmulatorConfig {
  /** Delay before a write made through one protocol becomes visible to reads/delta (Exchange replication). */
  replicationDelayMs: number;
  /** Chance (0..1) that a delta page repeats items already returned (Graph documents replays in delta). */
  deltaReplayProbability: number;
  /** Outlook resource limits per app id + mailbox pair (graph/throttling-limits: 4 concurrent, 10,000 per 10 min). */
  throttle: { concurrency: number; requestsPer10Min: number };
  /** Maximum subscription lifetime in minutes (Outlook resources: 10,080 on the current Learn page). */
  maxSubscriptionMinutes: number;
  /** `expires_in` of access tokens (Entra default is 60-90 minutes). */
  accessTokenLifetimeSec: number;
  /** Refresh token inactivity lifetime (entra/identity-platform/refresh-tokens: 90 days). */
  refreshTokenLifetimeSec: number;
  /** Seed of the RNG behind probabilistic faults; setting it reseeds, so runs are reproducible. */
  faultSeed: number;
}

export const defaultEmulatorConfig: EmulatorConfig = {
  replicationDelayMs: 0,
  deltaReplayProbability: 0,
  throttle: { concurrency: 4, requestsPer10Min: 10_000 },
  maxSubscriptionMinutes: 10_080,
  accessTokenLifetimeSec: 3600,
  refreshTokenLifetimeSec: 90 * 24 * 3600,
  faultSeed: 1,
};

/** The part of a Fastify request the seams need; kept structural so this file imports nothing. */
export interface RequestLike {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Named counters reported by `GET /_emulator/stats`; the Graph part calls `increment('notificationsSent')`. */
export interface Counters {
  increment(name: string, by?: number): void;
  /** Counts one request against an endpoint pattern, for `$batch` inner requests (outer ones are counted by a hook). */
  recordRequest(method: string, routePattern: string): void;
}

/** Held while a request runs against a mailbox; release exactly once (extra calls are ignored). */
export interface MailboxLease {
  release(): void;
}

/** What a `$batch` inner request asks for before it runs. */
export interface InnerMailboxRequest {
  principal: Principal;
  /** Directory object id of the mailbox addressed (`/me` → the token's `oid`; `/users/{id|upn}` → that user). */
  mailboxUserId: string;
  method: string;
  /** Inner request url as written in the batch, such as `/me/messages?$top=5`. */
  url: string;
}

/**
 * A canned response decided by an injected fault for a `$batch` inner request: the batch code returns it verbatim
 * as that inner response.
 */
export class CannedResponse extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: unknown,
  ) {
    super(`canned response ${status}`);
  }
}

/**
 * Called by the Graph part before each `$batch` inner request (outer requests are throttled and faulted by hooks).
 * Resolves to a lease to release when the inner request finishes; rejects with `GraphError(429,
 * 'ApplicationThrottled', …, {'Retry-After': n})` when over the mailbox limits, or `CannedResponse` when a fault
 * rule answers instead.
 */
export type BeforeMailboxRequest = (inner: InnerMailboxRequest) => Promise<MailboxLease>;

/** Delta invalidation decided by an injected fault: `'410'` (HTTP 410 Gone) or `'syncStateNotFound'`. */
export type DeltaInvalidation = '410' | 'syncStateNotFound';

/** Fault queries the Graph delta code makes. */
export interface FaultQueries {
  /** Consumes a matching `invalidateDelta` rule, if any, and says how to invalidate this delta request. */
  shouldInvalidateDelta(request: RequestLike): DeltaInvalidation | undefined;
}

/** Handles `POST /_emulator/users/{email}/seed`; the mailbox part registers it. */
export type SeedHandler = (user: DirectoryUser, body: unknown) => unknown | Promise<unknown>;

/** A part with state of its own (the mailbox store): reset with `/_emulator/reset` and saved in snapshots. */
export interface StatefulPart {
  /** Key of this part's data in the snapshot file. */
  name: string;
  reset(): void;
  save(): unknown;
  load(data: unknown): void;
}

/** Options the Graph plugin receives: `app.register(graphPlugin, { prefix: '/v1.0', ...graphDeps })`. */
export interface GraphDeps {
  directory: Directory;
  /** Validates `Authorization: Bearer` (aud Graph); throws `GraphError(401, 'InvalidAuthenticationToken', …)`. */
  authenticate(request: RequestLike): Principal;
  beforeMailboxRequest: BeforeMailboxRequest;
  getConfig(): EmulatorConfig;
  stats: Counters;
  faults: FaultQueries;
  setSeedHandler(handler: SeedHandler): void;
  addStatefulPart(part: StatefulPart): void;
  /** The mailbox part hands over "the user in Outlook" for the control API. */
  setOutlook?(outlook: OutlookControl): void;
  /** The subscriptions part hands over its control handle (lifecycle events on demand). */
  exposeSubscriptions?(control: SubscriptionsControl): void;
}

/** "The user in Outlook": writes made in the mailbox outside any API client (control API). */
export interface OutlookControl {
  create(mailbox: string, kind: string, folder: string | undefined, fields: Record<string, unknown>): unknown;
  update(mailbox: string, kind: string, itemId: string, fields: Record<string, unknown>): unknown;
  delete(mailbox: string, kind: string, itemId: string): void;
  move(mailbox: string, kind: string, itemId: string, folder: string): unknown;
  createFolder(mailbox: string, kind: string, parent: string | undefined, displayName: string): unknown;
}

/** Lifecycle notifications on demand (`reauthorizationRequired`, `missed`, `subscriptionRemoved`). */
export interface SubscriptionsControl {
  fireLifecycle(
    subscriptionId: string,
    event: 'reauthorizationRequired' | 'missed' | 'subscriptionRemoved',
  ): Promise<boolean>;
  list(): unknown[];
}
