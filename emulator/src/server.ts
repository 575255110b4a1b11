import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import {
  type EmulatorConfig,
  type GraphDeps,
  GraphError,
  type OutlookControl,
  type SeedHandler,
  type StatefulPart,
  type SubscriptionsControl,
} from './contracts.ts';
import { registerControl } from './control/control.plugin.ts';
import { applyConfigPatch, initialConfig } from './control/emulator-config.ts';
import type { EmulatorSnapshot } from './control/snapshot.ts';
import { DirectoryService } from './directory/directory-service.ts';
import { type DirectoryState, emptyDirectoryState } from './directory/directory-state.ts';
import { registerFaultHooks } from './faults/fault-hooks.ts';
import { createFaultQueries } from './faults/fault-queries.ts';
import { FaultStore } from './faults/fault-rules.ts';
import {
  type Authenticate,
  createAuthenticator,
  EXCHANGE_AUDIENCES,
  GRAPH_AUDIENCES,
} from './identity/authenticate.ts';
import { createIdentityRuntime, registerIdentity } from './identity/identity.plugin.ts';
import type { IdentityContext } from './identity/identity-context.ts';
import { generateSigningKey, JwtSigner, type SigningKeyData } from './identity/jwt-signer.ts';
import { EmulatorStats } from './stats/emulator-stats.ts';
import { registerStatsHooks } from './stats/stats-hooks.ts';
import { createBeforeMailboxRequest } from './throttle/before-mailbox-request.ts';
import { MailboxLimiter } from './throttle/mailbox-limiter.ts';
import { registerThrottleHooks } from './throttle/throttle-hooks.ts';

/** The Graph plugin's shape: registered as `app.register(graphPlugin, { prefix: '/v1.0', ...graphDeps })`. */
export type GraphPlugin = FastifyPluginAsync<GraphDeps>;

export interface EmulatorOptions {
  logger?: FastifyServerOptions['logger'];
  /** Serve HTTPS with this key and certificate (see `tls/self-signed-cert.ts`). */
  https?: { key: string | Buffer; cert: string | Buffer };
  /** Clock in milliseconds; tests pass a fake one to reach code/token expiry. */
  now?: () => number;
  /** Config overrides applied at start and on every `/_emulator/reset`. */
  config?: Partial<EmulatorConfig>;
  /** Serve Entra's literal `{tenantid}` issuer for common/organizations (breaks openid-client discovery there). */
  entraIssuerTemplate?: boolean;
  /** State to start from (`EMULATOR_SNAPSHOT`). */
  snapshot?: EmulatorSnapshot;
  /** Writes a snapshot; enables `POST /_emulator/snapshot`. Returns where it wrote. */
  writeSnapshot?: (snapshot: EmulatorSnapshot) => Promise<string>;
  /**
   * The Graph plugin. Undefined: load `emulator/src/graph/plugin.ts` (export `graphPlugin` or default) when that
   * file exists. `false`: register none (the caller may call `registerGraph` itself).
   */
  graphPlugin?: GraphPlugin | false;
}

/** Plain data that makes up the identity/control state; `snapshot()` wraps it with the stateful parts' data. */
export interface EmulatorState {
  directory: DirectoryState;
  config: EmulatorConfig;
  signingKey: SigningKeyData;
}

export interface Emulator {
  /** The Fastify instance, not listening: use `app.inject` or `app.listen({ port: 0, host: '127.0.0.1' })`. */
  app: FastifyInstance;
  state: EmulatorState;
  directory: DirectoryService;
  /** Everything the Graph plugin receives as options. */
  graphDeps: GraphDeps;
  /** Bearer validation for Graph (aud `https://graph.microsoft.com` or its app id). */
  authenticate: Authenticate;
  /** Bearer validation for EWS (aud `https://outlook.office365.com` or its app id), for the EWS routes. */
  authenticateExchange: Authenticate;
  faults: FaultStore;
  limiter: MailboxLimiter;
  stats: EmulatorStats;
  /** Registers a Graph plugin under `/v1.0` with `graphDeps`; call before `app.ready()`/`listen`. */
  registerGraph(plugin: GraphPlugin): void;
  /** Same as `POST /_emulator/reset`. */
  reset(): void;
  snapshot(): EmulatorSnapshot;
}

/** Builds the emulator: identity platform, control API, throttling/fault/stats hooks and (when present) Graph. */
export async function buildEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const writeSnapshot = options.writeSnapshot;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 50 * 1024 * 1024, https: options.https ?? null });
  const state: EmulatorState = {
    directory: options.snapshot?.directory ?? emptyDirectoryState(),
    config: options.snapshot ? initialConfig(options.snapshot.config) : initialConfig(options.config),
    signingKey: options.snapshot?.signingKey ?? generateSigningKey(),
  };
  const directory = new DirectoryService(state.directory);
  const getConfig = () => state.config;
  const ctx: IdentityContext = {
    directory,
    signer: new JwtSigner(state.signingKey),
    getConfig,
    now,
    entraIssuerTemplate: options.entraIssuerTemplate === true,
  };
  const identityRuntime = createIdentityRuntime(ctx);
  const stats = new EmulatorStats();
  const faults = new FaultStore(state.config.faultSeed);
  const faultQueries = createFaultQueries(faults, stats);
  const limiter = new MailboxLimiter(() => state.config.throttle, now);
  const authenticate = createAuthenticator(ctx, GRAPH_AUDIENCES);
  const authenticateExchange = createAuthenticator(ctx, EXCHANGE_AUDIENCES);
  const parts: StatefulPart[] = [];
  let seedHandler: SeedHandler | undefined;
  let outlook: OutlookControl | undefined;
  let subscriptions: SubscriptionsControl | undefined;

  const graphDeps: GraphDeps = {
    directory,
    authenticate,
    beforeMailboxRequest: createBeforeMailboxRequest(limiter, faultQueries, stats),
    getConfig,
    stats,
    faults: faultQueries,
    setSeedHandler: (handler) => {
      seedHandler = handler;
    },
    setOutlook: (handle) => {
      outlook = handle;
    },
    exposeSubscriptions: (control) => {
      subscriptions = control;
    },
    addStatefulPart: (part) => {
      parts.push(part);
      const saved = options.snapshot?.parts[part.name];
      if (saved !== undefined) part.load(saved);
    },
  };

  const reset = () => {
    Object.assign(state.directory, emptyDirectoryState());
    Object.assign(state.config, initialConfig(options.config));
    faults.clear();
    faults.reseed(state.config.faultSeed);
    stats.reset();
    limiter.reset();
    identityRuntime.sessions.clear();
    identityRuntime.pendingAuthorizations.clear();
    for (const part of parts) part.reset();
  };

  const snapshot = (): EmulatorSnapshot => ({
    format: 'm365-emulator-snapshot',
    version: 1,
    savedAt: new Date(now()).toISOString(),
    directory: state.directory,
    signingKey: state.signingKey,
    config: state.config,
    parts: Object.fromEntries(parts.map((p) => [p.name, p.save()])),
  });

  // Hooks first, so every plugin registered below inherits them.
  registerStatsHooks(app, stats);
  registerThrottleHooks(app, { limiter, directory, authenticate });
  registerFaultHooks(app, faults, stats);
  app.setErrorHandler((err, _request, reply) => {
    if (err instanceof GraphError) {
      return reply
        .code(err.status)
        .headers(err.headers)
        .send({ error: { code: err.code, message: err.message } });
    }
    return reply.send(err);
  });

  registerIdentity(app, ctx, identityRuntime);
  registerControl(app, {
    directory,
    faults,
    stats,
    limiter,
    getConfig,
    applyConfig: (patch) => {
      const config = applyConfigPatch(state.config, patch);
      // Setting the seed always restarts the sequence, so a run can be replayed by setting the same seed again.
      if (typeof patch === 'object' && patch !== null && 'faultSeed' in patch) faults.reseed(config.faultSeed);
      return config;
    },
    reset,
    endSessions: (userId) => identityRuntime.sessions.endAllFor(userId),
    seedHandler: () => seedHandler,
    outlook: () => outlook,
    subscriptions: () => subscriptions,
    saveSnapshot: writeSnapshot ? () => writeSnapshot(snapshot()) : undefined,
  });

  const registerGraph = (plugin: GraphPlugin) => {
    app.register(plugin, { prefix: '/v1.0', ...graphDeps });
  };
  const graphPlugin = options.graphPlugin === false ? undefined : (options.graphPlugin ?? (await loadGraphPlugin()));
  if (graphPlugin) registerGraph(graphPlugin);

  return {
    app,
    state,
    directory,
    graphDeps,
    authenticate,
    authenticateExchange,
    faults,
    limiter,
    stats,
    registerGraph,
    reset,
    snapshot,
  };
}

/** Loads the Graph plugin when the mailbox part has written it; until then the emulator runs without Graph. */
async function loadGraphPlugin(): Promise<GraphPlugin | undefined> {
  const url = new URL('./graph/plugin.ts', import.meta.url);
  if (!existsSync(url)) return undefined;
  const mod = (await import(url.href)) as { graphPlugin?: GraphPlugin; default?: GraphPlugin };
  return mod.graphPlugin ?? mod.default;
}
