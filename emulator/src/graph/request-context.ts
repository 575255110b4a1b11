import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Directory, DirectoryUser, GraphDeps, Principal, RequestLike } from '../contracts.ts';
import { createMailboxStore, type IdStyle, type Mailbox, type MailboxStore } from '../store/index.ts';
import { graphErrors, requestIds } from './errors.ts';
import { type Access, requireAccess } from './permissions.ts';
import { type Preferences, parsePrefer } from './prefer.ts';

/** Tunables read on every request, so the control API can change them at run time. */
export interface GraphConfig {
  /** Overrides the store's replication delay for Graph readers when set. */
  replicationDelayMs?: number;
  /** Chance (0..1) that a delta page re-sends items the client already has (delta-query-overview.md). */
  deltaReplayProbability?: number;
  /** Public origin + prefix used in links, e.g. `https://127.0.0.1:8443/v1.0`; default from the Host header. */
  baseUrl?: string;
}

export interface GraphHooks {
  /** Decides whether a request that carries a delta/skip token gets a reset instead of data. */
  shouldInvalidateDelta?(req: FastifyRequest): '410' | 'syncStateNotFound' | undefined;
  /** Called after each successful write through Graph (subscriptions can pump from here). */
  onNotify?(): void;
}

/**
 * Options of the Graph plugin. The emulator's server passes `GraphDeps` (contracts.ts): the plugin then owns
 * the mailbox store, registers it as a stateful part and installs the seed handler. Tests and embedders may
 * instead pass `store`, `config` and `hooks` directly.
 */
export interface GraphPluginOptions extends Partial<Omit<GraphDeps, 'directory' | 'authenticate'>> {
  directory: Directory;
  /** Validates the bearer token; throws a GraphError (401) when it cannot. */
  authenticate(req: RequestLike): Principal;
  store?: MailboxStore;
  config?: () => GraphConfig;
  hooks?: GraphHooks;
}

/** The options with every choice made: what routes use. */
export interface GraphRuntime {
  directory: Directory;
  authenticate(req: RequestLike): Principal;
  store: MailboxStore;
  config: () => GraphConfig;
  hooks: GraphHooks;
  /** Whether the plugin created the store (and so owns its reset and snapshot). */
  ownsStore: boolean;
}

export function resolveOptions(opts: GraphPluginOptions): GraphRuntime {
  const config: () => GraphConfig =
    opts.config ?? (opts.getConfig ? () => (opts.getConfig as () => GraphConfig)() : () => ({}));
  const store = opts.store ?? createMailboxStore({ replicationDelayMs: () => config().replicationDelayMs ?? 0 });
  const faults = opts.faults;
  return {
    directory: opts.directory,
    authenticate: opts.authenticate,
    store,
    config,
    hooks: {
      shouldInvalidateDelta: (req) => opts.hooks?.shouldInvalidateDelta?.(req) ?? faults?.shouldInvalidateDelta(req),
      onNotify: () => opts.hooks?.onNotify?.(),
    },
    ownsStore: opts.store === undefined,
  };
}

/** Everything a mailbox route needs about the current request. */
export interface MailboxContext {
  principal: Principal;
  owner: DirectoryUser;
  mailbox: Mailbox;
  /** `/me` or `/users/{idOrUpn}` as the client wrote it, for links. */
  basePath: string;
  /** `users('…')` segment of `@odata.context`. */
  contextUser: string;
  /** Origin + `/v1.0`. */
  baseUrl: string;
  prefer: Preferences;
  idStyle: IdStyle;
  options: GraphRuntime;
}

const principals = new WeakMap<FastifyRequest, Principal>();

/** Authenticates once per request (memoized). */
export function principalOf(req: FastifyRequest, options: GraphRuntime): Principal {
  let p = principals.get(req);
  if (!p) {
    p = options.authenticate(req);
    principals.set(req, p);
  }
  return p;
}

export function baseUrlOf(req: FastifyRequest, options: GraphRuntime, prefix: string): string {
  const configured = options.config().baseUrl;
  if (configured) return configured.replace(/\/$/, '');
  const host = req.headers.host ?? 'localhost';
  return `${req.protocol}://${host}${prefix}`;
}

/** Resolves the target mailbox of a `/me/…` or `/users/{id|upn}/…` request and checks `access` on it. */
export function mailboxContext(
  req: FastifyRequest,
  reply: FastifyReply,
  options: GraphRuntime,
  prefix: string,
  access: Access,
): MailboxContext {
  const principal = principalOf(req, options);
  const who = (req.params as { userIdOrUpn?: string }).userIdOrUpn;
  let owner: DirectoryUser | undefined;
  let basePath: string;
  let contextUser: string;
  if (who === undefined) {
    if (!principal.userId)
      throw graphErrors.badRequest('/me request is only valid with delegated authentication flow.');
    owner = options.directory.findUser(principal.userId, principal.tenantId);
    if (!owner) throw graphErrors.invalidUser(principal.userId);
    basePath = '/me';
    contextUser = `users('${owner.id}')`;
  } else {
    owner = options.directory.findUser(who, principal.tenantId);
    if (!owner) throw graphErrors.invalidUser(who);
    // `@` is a legal path character (RFC 3986 pchar): links keep the UPN as the client wrote it.
    const segment = encodeURIComponent(who).replace(/%40/g, '@');
    basePath = `/users/${segment}`;
    contextUser = `users('${segment}')`;
  }
  requireAccess(principal, access, owner.id);
  const prefer = parsePrefer(req);
  const { requestId, clientRequestId } = requestIds(req);
  reply.header('request-id', requestId).header('client-request-id', clientRequestId);
  return {
    principal,
    owner,
    mailbox: options.store.mailbox(owner.id),
    basePath,
    contextUser,
    baseUrl: baseUrlOf(req, options, prefix),
    prefer,
    idStyle: prefer.immutableIds ? 'immutable' : 'default',
    options,
  };
}

/** `If-Match` as a change key: `W/"CQAA…"`, `"CQAA…"` or bare; `*` and absent mean "no condition". */
export function ifMatchChangeKey(req: FastifyRequest): string | undefined {
  const raw = req.headers['if-match'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value || value === '*') return undefined;
  return value.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** `W/"changeKey"`, the `@odata.etag` of Outlook items (protocols.md §3.2). */
export function etag(changeKey: string): string {
  return `W/"${changeKey}"`;
}
