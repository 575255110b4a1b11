import { GraphError } from '../contracts.ts';
import type { LimiterDecision } from './mailbox-limiter.ts';

/**
 * The 429 Graph answers when a mailbox limit is hit (graph/throttling-limits#outlook-service-limits; body as
 * observed for MailboxConcurrency, protocols.md §3.7), with `Retry-After` in seconds.
 */
export function throttledError(decision: Extract<LimiterDecision, { ok: false }>): GraphError {
  const message =
    decision.reason === 'concurrency'
      ? 'Application is over its MailboxConcurrency limit.'
      : 'Application is over its MailboxRequestRate limit.';
  return new GraphError(429, 'ApplicationThrottled', message, { 'Retry-After': String(decision.retryAfterSec) });
}
