/** ±20 %: enough to spread the retries of jobs that failed together (e.g. a throttled tenant). */
const JITTER = 0.2;

/**
 * Delay before retry number `retry` (1 = the first retry): `backoffMs · 2^(retry−1)` with ±20 % jitter.
 * Shared by both adapters so a job backs off the same way in-process and on BullMQ.
 */
export function retryDelayMs(backoffMs: number, retry: number, random: () => number = Math.random): number {
  const base = backoffMs * 2 ** Math.max(0, retry - 1);
  return Math.max(0, Math.round(base * (1 + JITTER * (2 * random() - 1))));
}
