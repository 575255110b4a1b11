import type { BeforeMailboxRequest } from '../contracts.ts';
import { COUNTER, type EmulatorStats } from '../stats/emulator-stats.ts';
import type { MailboxLimiter } from './mailbox-limiter.ts';
import { throttledError } from './throttle-errors.ts';

export interface InnerFaults {
  applyToInner(method: string, url: string): Promise<void>;
}

/**
 * The gate each `$batch` inner request passes (graph/json-batching: inner requests are throttled one by one and a
 * batch still counts against the mailbox's concurrency). A rejection is a 429 served inside the batch, so it is
 * counted here; outer 429s are counted by the stats hook.
 */
export function createBeforeMailboxRequest(
  limiter: MailboxLimiter,
  faults: InnerFaults,
  stats: EmulatorStats,
): BeforeMailboxRequest {
  return async (inner) => {
    const decision = limiter.tryAcquire(inner.principal.appId, inner.mailboxUserId);
    if (!decision.ok) {
      stats.increment(COUNTER.served429);
      throw throttledError(decision);
    }
    try {
      await faults.applyToInner(inner.method, `/v1.0${inner.url.startsWith('/') ? '' : '/'}${inner.url}`);
    } catch (err) {
      decision.lease.release();
      throw err;
    }
    return decision.lease;
  };
}
