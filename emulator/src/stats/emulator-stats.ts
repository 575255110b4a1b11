import type { Counters } from '../contracts.ts';

/** Well-known counter names; other parts may add their own through `increment(name)`. */
export const COUNTER = {
  /** HTTP 429 responses served, including `$batch` inner ones. */
  served429: 'served429',
  /** Injected faults that fired. */
  faultsFired: 'faultsFired',
  /** Change notifications POSTed to webhooks (incremented by the Graph part). */
  notificationsSent: 'notificationsSent',
} as const;

export interface PeakConcurrency {
  appId: string;
  mailbox: string;
  peak: number;
}

/** Counters behind `GET /_emulator/stats`: requests per endpoint pattern and named counters. */
export class EmulatorStats implements Counters {
  private readonly requests = new Map<string, number>();
  private readonly counters = new Map<string, number>();

  increment(name: string, by = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  recordRequest(method: string, routePattern: string): void {
    const key = `${method.toUpperCase()} ${routePattern}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  /** The stats document; peaks come from the throttle limiter, which tracks in-flight requests. */
  report(peaks: PeakConcurrency[]): {
    requests: Record<string, number>;
    peakConcurrency: PeakConcurrency[];
    counters: Record<string, number>;
  } {
    const counters: Record<string, number> = { served429: 0, faultsFired: 0, notificationsSent: 0 };
    for (const [k, v] of this.counters) counters[k] = v;
    return { requests: Object.fromEntries(this.requests), peakConcurrency: peaks, counters };
  }

  reset(): void {
    this.requests.clear();
    this.counters.clear();
  }
}
