import { JOB_DEFAULTS, type JobOptions } from './job-queue.port.ts';

/** JobOptions with the defaults filled in. */
export interface ResolvedJobOptions {
  jobId: string | undefined;
  delayMs: number;
  attempts: number;
  backoffMs: number;
}

/** Fills in defaults and rejects nonsense early, at `add()`, where the caller's stack trace still helps. */
export function resolveJobOptions(opts: JobOptions = {}): ResolvedJobOptions {
  const attempts = opts.attempts ?? JOB_DEFAULTS.attempts;
  const delayMs = opts.delayMs ?? 0;
  const backoffMs = opts.backoffMs ?? JOB_DEFAULTS.backoffMs;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number ≥ 1`);
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError(`delayMs must be ≥ 0`);
  if (!Number.isFinite(backoffMs) || backoffMs < 0) throw new RangeError(`backoffMs must be ≥ 0`);
  if (opts.jobId !== undefined && opts.jobId === '') throw new RangeError('jobId must not be empty');
  return { jobId: opts.jobId, delayMs, attempts, backoffMs };
}

/** Checks WorkOptions.concurrency (default 1). */
export function resolveConcurrency(concurrency: number | undefined): number {
  const n = concurrency ?? JOB_DEFAULTS.concurrency;
  if (!Number.isInteger(n) || n < 1) throw new RangeError('concurrency must be a whole number ≥ 1');
  return n;
}
