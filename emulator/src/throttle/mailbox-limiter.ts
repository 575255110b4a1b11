import type { MailboxLease } from '../contracts.ts';
import type { PeakConcurrency } from '../stats/emulator-stats.ts';

/** Graph's Outlook budget window: 10,000 requests per 10 minutes per app + mailbox (graph/throttling-limits#outlook-service-limits). */
const WINDOW_MS = 10 * 60_000;

/** Retry-After for concurrency rejections: a slot frees as soon as any in-flight request finishes. */
const CONCURRENCY_RETRY_AFTER_SEC = 1;

export interface Limits {
  concurrency: number;
  requestsPer10Min: number;
}

export type LimiterDecision =
  | { ok: true; lease: MailboxLease }
  | { ok: false; reason: 'concurrency' | 'budget'; retryAfterSec: number };

interface Slot {
  inFlight: number;
  peak: number;
  /** Admission times within the window, oldest first. */
  admitted: number[];
}

/**
 * Per (app id, mailbox) limiter for Outlook resources: at most `concurrency` requests in flight and
 * `requestsPer10Min` admitted per sliding 10 minutes. Rejected requests do not use budget. Limits are read on
 * every call, so `POST /_emulator/config` applies immediately.
 */
export class MailboxLimiter {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly limits: () => Limits,
    private readonly now: () => number,
  ) {}

  tryAcquire(appId: string, mailbox: string): LimiterDecision {
    const key = `${appId}|${mailbox}`;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { inFlight: 0, peak: 0, admitted: [] };
      this.slots.set(key, slot);
    }
    const { concurrency, requestsPer10Min } = this.limits();
    const now = this.now();
    while (slot.admitted.length > 0 && (slot.admitted[0] ?? 0) <= now - WINDOW_MS) slot.admitted.shift();
    if (slot.inFlight >= concurrency) {
      return { ok: false, reason: 'concurrency', retryAfterSec: CONCURRENCY_RETRY_AFTER_SEC };
    }
    if (slot.admitted.length >= requestsPer10Min) {
      const oldest = slot.admitted[0] ?? now;
      return { ok: false, reason: 'budget', retryAfterSec: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)) };
    }
    slot.admitted.push(now);
    slot.inFlight++;
    slot.peak = Math.max(slot.peak, slot.inFlight);
    const held = slot;
    let released = false;
    return {
      ok: true,
      lease: {
        release: () => {
          if (released) return;
          released = true;
          held.inFlight--;
        },
      },
    };
  }

  /** Requests in flight for the pair now. */
  inFlight(appId: string, mailbox: string): number {
    return this.slots.get(`${appId}|${mailbox}`)?.inFlight ?? 0;
  }

  /** Highest concurrency each pair reached since the last reset. */
  peaks(): PeakConcurrency[] {
    return [...this.slots].map(([key, slot]) => {
      const bar = key.indexOf('|');
      return { appId: key.slice(0, bar), mailbox: key.slice(bar + 1), peak: slot.peak };
    });
  }

  /** Restarts peak tracking from the current in-flight counts (`DELETE /_emulator/stats`). */
  resetPeaks(): void {
    for (const slot of this.slots.values()) slot.peak = slot.inFlight;
  }

  /** Clears budgets and peaks; requests still in flight keep their (now detached) leases. */
  reset(): void {
    this.slots.clear();
  }
}
