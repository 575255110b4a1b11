import type { FastifyInstance } from 'fastify';
import type { GraphPluginOptions, GraphRuntime } from '../request-context.ts';
import { type SubscriptionControl, SubscriptionService } from './subscription-service.ts';
import { subscriptionRoutes } from './subscriptions.route.ts';

/**
 * Wires change notifications into the Graph plugin: one SubscriptionService per plugin instance, its
 * routes, its reset/snapshot as a stateful part and its control handle for the control API.
 */

/** The cited subscription.md revision gives 4,230 minutes for Outlook resources (protocols.md §3.6). */
const DEFAULT_MAX_MINUTES = 4230;

/** Optional knobs and hooks the host may pass next to the Graph options (structural, all optional). */
export interface SubscriptionHostOptions {
  /** Receives the control handle (`fireLifecycle`, `list`) once the service exists. */
  exposeSubscriptions?(control: SubscriptionControl): void;
  /** Test knobs: shorter timeouts and retry delays. */
  subscriptionTuning?: {
    validationTimeoutMs?: number;
    deliveryTimeoutMs?: number;
    retryDelaysMs?: number[];
    batchWindowMs?: number;
  };
}

export function subscriptionsFeature(
  app: FastifyInstance,
  runtime: GraphRuntime,
  opts: GraphPluginOptions & SubscriptionHostOptions,
): SubscriptionService {
  const tuning = opts.subscriptionTuning ?? {};
  const service = new SubscriptionService({
    store: runtime.store,
    directory: runtime.directory,
    ...(opts.stats ? { stats: opts.stats } : {}),
    delayMs: () => runtime.config().replicationDelayMs ?? runtime.store.replicationDelayMs(),
    pump: {
      ...(tuning.deliveryTimeoutMs !== undefined ? { timeoutMs: tuning.deliveryTimeoutMs } : {}),
      ...(tuning.retryDelaysMs ? { retryDelaysMs: tuning.retryDelaysMs } : {}),
      ...(tuning.batchWindowMs !== undefined ? { batchWindowMs: tuning.batchWindowMs } : {}),
    },
  });
  subscriptionRoutes(app, runtime, {
    service,
    maxMinutes: () => opts.getConfig?.().maxSubscriptionMinutes ?? DEFAULT_MAX_MINUTES,
    validationTimeoutMs: tuning.validationTimeoutMs ?? 10_000,
  });
  opts.addStatefulPart?.({
    name: 'subscriptions',
    reset: () => service.reset(),
    save: () => service.save(),
    load: (data) => service.load(data),
  });
  opts.exposeSubscriptions?.(service);
  app.addHook('onClose', async () => service.close());
  return service;
}
