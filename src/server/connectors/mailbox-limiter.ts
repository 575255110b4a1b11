import { setTimeout as delay } from 'node:timers/promises';
import { type ConnectorError, isRetryable } from './port.ts';

/**
 * One limiter per remote mailbox, shared by every call to it (DESIGN §3 "Quotas"). Microsoft counts Outlook
 * throttling per app and mailbox: at most 4 concurrent requests, and a 429 carries Retry-After
 * (graph/throttling-limits#outlook-service-limits; protocols.md §3.7). So:
 * - at most `maxInFlight` tasks run at once; the rest queue in arrival order;
 * - a THROTTLED error with Retry-After pauses the whole mailbox until then (not only the failed call — the
 *   budget is the mailbox's, so its siblings would be refused too);
 * - other retryable failures back off exponentially with jitter;
 * - attempts are bounded, and a Retry-After longer than `maxWaitMs` is not slept through here: the error goes
 *   to the caller (a job that can be rescheduled) instead of holding a request open for minutes.
 */
export interface LimiterOptions {
  maxInFlight: number;
  /** Tries per task, the first one included. */
  maxAttempts: number;
  /** First backoff step; doubles per attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After that is waited out inside one call. */
  maxWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** Graph's per-mailbox concurrency limit and a retry budget of about a minute in the worst case. */
export const GRAPH_LIMITS: LimiterOptions = {
  maxInFlight: 4,
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 16_000,
  maxWaitMs: 120_000,
};

export interface MailboxLimiter {
  /** Runs the task inside the mailbox's budget, retrying THROTTLED and TEMPORARY failures as described above. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks holding a slot right now (for tests and health). */
  readonly inFlight: number;
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): the server's Retry-After when it gave one,
 * else exponential backoff with "equal jitter" (half fixed, half random), so retries of many callers spread out.
 */
export function retryDelayMs(err: ConnectorError, attempt: number, opts: LimiterOptions, random: () => number): number {
  if (err.retryAfterMs !== undefined) return err.retryAfterMs;
  const cap = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** Creates the limiter of one mailbox. */
export function createMailboxLimiter(opts: LimiterOptions): MailboxLimiter {
  const sleep = opts.sleep ?? ((ms: number) => delay(ms));
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  let inFlight = 0;
  let pausedUntil = 0;
  const waiters: (() => void)[] = [];

  const pauseOver = async () => {
    for (let wait = pausedUntil - now(); wait > 0; wait = pausedUntil - now()) await sleep(wait);
  };
  const acquire = async () => {
    await pauseOver();
    if (inFlight < opts.maxInFlight) {
      inFlight++;
    } else {
      // The releasing task hands its slot over directly, so a late arrival cannot overtake the queue.
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
    // A pause may have started while this task queued; it holds its slot while waiting it out.
    await pauseOver();
  };
  const release = () => {
    const next = waiters.shift();
    if (next) next();
    else inFlight--;
  };

  return {
    get inFlight() {
      return inFlight;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        await acquire();
        let failure: unknown;
        try {
          return await task();
        } catch (err) {
          failure = err;
        } finally {
          release();
        }
        if (!isRetryable(failure) || attempt >= opts.maxAttempts) throw failure;
        const wait = retryDelayMs(failure, attempt, opts, random);
        if (wait > opts.maxWaitMs) throw failure;
        if (failure.kind === 'THROTTLED' && failure.retryAfterMs !== undefined) {
          pausedUntil = Math.max(pausedUntil, now() + wait);
          await pauseOver();
        } else {
          await sleep(wait);
        }
      }
    },
  };
}

/** Hands out one limiter per mailbox key, so all calls of a mailbox share it wherever they come from. */
export class LimiterRegistry {
  private readonly limiters = new Map<string, MailboxLimiter>();

  constructor(private readonly opts: LimiterOptions = GRAPH_LIMITS) {}

  for(mailboxKey: string): MailboxLimiter {
    let limiter = this.limiters.get(mailboxKey);
    if (!limiter) {
      limiter = createMailboxLimiter(this.opts);
      this.limiters.set(mailboxKey, limiter);
    }
    return limiter;
  }
}
