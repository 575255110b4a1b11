/**
 * The JobQueue port (DESIGN §1): the worker role runs jobs through it, in-process by default
 * (`memory-queue.ts`) or on Redis with BullMQ when REDIS_URL is set (`bullmq-queue.ts`).
 * Both adapters pass the same contract suite (`test/jobs/job-queue.contract.test.ts`).
 */

/** Job payload: flat and JSON-safe, so it survives the trip through Redis unchanged. */
export type JobData = Record<string, string | number | boolean | null>;

export interface JobOptions {
  /**
   * While a job of the same name with this id is waiting, delayed, retrying or running, adding another
   * with the same id does nothing; once it has finished (either way) the id can be used again.
   */
  jobId?: string;
  delayMs?: number;
  /** Total tries (default 1). */
  attempts?: number;
  /** First retry delay; doubles per retry, with ±20 % jitter (default 5 s). */
  backoffMs?: number;
}

export interface JobInfo {
  /** The caller's jobId, or one the adapter made up when none was given. */
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  /** true on the last allowed try */
  lastAttempt: boolean;
}

export interface WorkOptions {
  /** Jobs of this name run at once in this process (default 1). */
  concurrency?: number;
  /** called once when a job failed for good (after its last try, or a PermanentJobError) */
  onFailed?: (data: JobData, err: unknown, info: JobInfo) => void | Promise<void>;
}

export type JobHandler = (data: JobData, info: JobInfo) => Promise<void>;

export interface JobQueue {
  readonly kind: 'memory' | 'bullmq';
  add(name: string, data: JobData, opts?: JobOptions): Promise<void>;
  /** Starts processing jobs of this name in this process (once per name and queue). */
  work(name: string, handler: JobHandler, opts?: WorkOptions): void;
  /** Stops taking jobs, waits for running ones to finish (up to a timeout), releases connections. */
  close(): Promise<void>;
}

/** The part of a pino logger (Fastify's `app.log`) the queue and the scheduler write to. */
export interface JobLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Logs to the console when no logger is injected (scripts, tests). */
export const consoleJobLogger: JobLogger = {
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

/** Thrown by a handler for a failure that retrying cannot fix (e.g. the mailbox needs sign-in). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** True when a failure must not be retried. */
export function isPermanentJobError(err: unknown): boolean {
  return err instanceof PermanentJobError;
}

/** Defaults shared by both adapters, so a job behaves the same whichever runs it. */
export const JOB_DEFAULTS = { attempts: 1, backoffMs: 5000, concurrency: 1, closeTimeoutMs: 30_000 } as const;
