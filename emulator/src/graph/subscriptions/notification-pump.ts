import { postJson } from './webhook-client.ts';

/**
 * Delivers change and lifecycle notifications. Notifications for one URL that become due together go out
 * in one POST as `{value: [...]}` (changeNotificationCollection; "Microsoft Graph may send multiple
 * notifications … in the same POST request"). A 2xx ends a delivery; a 5xx, 429, timeout or network error
 * is retried with growing delays, for up to 4 hours (`concepts/change-notifications-delivery-webhooks.md`);
 * other 4xx answers drop it.
 */

export interface PumpOptions {
  /** HTTP timeout of one POST; Graph's client uses 3 s. */
  timeoutMs: number;
  /** Delays between attempts; the last one repeats until `maxAgeMs`. */
  retryDelaysMs: number[];
  /** Give up this long after the first attempt. */
  maxAgeMs: number;
  /** Window in which notifications to one URL are gathered into one POST. */
  batchWindowMs: number;
  clock: () => number;
  /** Called with the number of notifications in each POST answered with 2xx. */
  onDelivered(count: number): void;
}

export const DEFAULT_PUMP_OPTIONS: Omit<PumpOptions, 'clock' | 'onDelivered'> = {
  timeoutMs: 3000,
  retryDelaysMs: [1000, 5000, 30_000, 120_000, 600_000],
  maxAgeMs: 4 * 3600_000,
  batchWindowMs: 20,
};

interface Batch {
  url: string;
  value: unknown[];
  attempt: number;
  firstTriedAt?: number;
}

export class NotificationPump {
  private readonly pending = new Map<string, Batch>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly opts: PumpOptions) {}

  /** Queues one notification for `url`, sent after `delayMs` (replication delay) within a batch window. */
  enqueue(url: string, notification: unknown, delayMs = 0): void {
    if (this.closed) return;
    this.later(Math.max(0, delayMs), () => {
      let batch = this.pending.get(url);
      if (!batch) {
        batch = { url, value: [], attempt: 0 };
        this.pending.set(url, batch);
        const open = batch;
        this.later(this.opts.batchWindowMs, () => {
          this.pending.delete(url);
          this.send(open);
        });
      }
      batch.value.push(notification);
    });
  }

  /** Sends a batch now (lifecycle notifications are not delayed); resolves once it was delivered or dropped. */
  sendNow(url: string, value: unknown[]): Promise<boolean> {
    return this.attempt({ url, value, attempt: 0 });
  }

  /** Resolves when nothing is queued or in flight (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.timers.size > 0 || this.inFlight.size > 0) {
      await Promise.race([...this.inFlight, new Promise((r) => setTimeout(r, 5))]);
    }
  }

  /** Drops everything queued and stops retries. */
  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pending.clear();
  }

  close(): void {
    this.closed = true;
    this.clear();
  }

  private send(batch: Batch): void {
    void this.attempt(batch);
  }

  private attempt(batch: Batch): Promise<boolean> {
    const run = (async () => {
      if (this.closed) return false;
      batch.firstTriedAt ??= this.opts.clock();
      const result = await postJson(batch.url, { value: batch.value }, this.opts.timeoutMs);
      if (result.ok) {
        this.opts.onDelivered(batch.value.length);
        return true;
      }
      const retryable =
        result.status === undefined || result.status >= 500 || result.status === 429 || result.status === 408;
      const age = this.opts.clock() - batch.firstTriedAt;
      if (!retryable || age >= this.opts.maxAgeMs || this.closed) return false;
      const delays = this.opts.retryDelaysMs;
      const delay = delays[Math.min(batch.attempt, delays.length - 1)] ?? 1000;
      batch.attempt++;
      this.later(delay, () => this.send(batch));
      return false;
    })();
    const tracked = run.then(() => undefined);
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
    return run;
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref?.();
    this.timers.add(t);
  }
}
