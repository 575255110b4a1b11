import { reportFailure } from './job-failure.ts';
import { type ResolvedJobOptions, resolveConcurrency, resolveJobOptions } from './job-options.ts';
import {
  consoleJobLogger,
  JOB_DEFAULTS,
  type JobData,
  type JobHandler,
  type JobLogger,
  type JobOptions,
  type JobQueue,
  type WorkOptions,
} from './job-queue.port.ts';
import { retryDelayMs } from './retry-backoff.ts';

export interface MemoryQueueOptions {
  logger?: JobLogger;
  /** How long `close()` waits for running handlers (default 30 s). */
  closeTimeoutMs?: number;
}

interface MemoryJob {
  name: string;
  /** Dedupe key: the caller's jobId, or a made-up one. */
  id: string;
  data: JobData;
  attempt: number;
  opts: ResolvedJobOptions;
}

/** The jobs of one name: its handler (once `work()` was called) and those ready to run. */
interface Lane {
  handler?: JobHandler;
  onFailed?: WorkOptions['onFailed'];
  concurrency: number;
  ready: MemoryJob[];
  running: number;
}

/**
 * The in-process adapter, the embedded default (`npm start` without REDIS_URL). Jobs live in this
 * process's memory only: jobs still waiting or delayed when it closes are dropped (and logged); the
 * scheduler adds them again after a restart.
 */
export function createMemoryQueue(options: MemoryQueueOptions = {}): JobQueue {
  const logger = options.logger ?? consoleJobLogger;
  const closeTimeoutMs = options.closeTimeoutMs ?? JOB_DEFAULTS.closeTimeoutMs;
  const lanes = new Map<string, Lane>();
  /** Jobs waiting, delayed, between tries or running, by `name \0 id`: what jobId dedupe checks. */
  const live = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let closing: Promise<void> | undefined;
  let seq = 0;

  const keyOf = (job: Pick<MemoryJob, 'name' | 'id'>) => `${job.name}\0${job.id}`;

  function lane(name: string): Lane {
    let l = lanes.get(name);
    if (!l) {
      l = { concurrency: JOB_DEFAULTS.concurrency, ready: [], running: 0 };
      lanes.set(name, l);
    }
    return l;
  }

  /** Runs `fn` after `ms` unless the queue closes first; unref'd so a pending job never keeps a test alive. */
  function later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    timers.add(timer);
  }

  function enqueue(job: MemoryJob): void {
    lane(job.name).ready.push(job);
    drain(job.name);
  }

  /** Starts ready jobs of `name` while its handler has a free slot. */
  function drain(name: string): void {
    const l = lane(name);
    const handler = l.handler;
    while (!closing && handler && l.running < l.concurrency && l.ready.length > 0) {
      const job = l.ready.shift() as MemoryJob;
      l.running++;
      const run: Promise<void> = runOnce(l, handler, job).finally(() => {
        l.running--;
        running.delete(run);
        drain(name);
      });
      running.add(run);
    }
  }

  /** One try of a job; never rejects. */
  async function runOnce(l: Lane, handler: JobHandler, job: MemoryJob): Promise<void> {
    const info = { jobId: job.id, attempt: job.attempt, lastAttempt: job.attempt >= job.opts.attempts };
    try {
      await handler(job.data, info);
      live.delete(keyOf(job));
    } catch (err) {
      const final = await reportFailure(job.name, job.data, err, info, logger, l.onFailed);
      if (final || closing) {
        live.delete(keyOf(job));
        return;
      }
      later(retryDelayMs(job.opts.backoffMs, job.attempt), () => enqueue({ ...job, attempt: job.attempt + 1 }));
    }
  }

  return {
    kind: 'memory',

    async add(name: string, data: JobData, opts?: JobOptions): Promise<void> {
      if (closing) throw new Error(`job queue is closed; cannot add "${name}"`);
      const resolved = resolveJobOptions(opts);
      seq += 1;
      const job: MemoryJob = {
        name,
        id: resolved.jobId ?? `memory-${seq}`,
        data: { ...data },
        attempt: 1,
        opts: resolved,
      };
      if (live.has(keyOf(job))) return;
      live.add(keyOf(job));
      if (resolved.delayMs > 0) later(resolved.delayMs, () => enqueue(job));
      else enqueue(job);
    },

    work(name: string, handler: JobHandler, opts: WorkOptions = {}): void {
      if (closing) throw new Error(`job queue is closed; cannot work on "${name}"`);
      const l = lane(name);
      if (l.handler) throw new Error(`a handler for job "${name}" is already registered`);
      l.concurrency = resolveConcurrency(opts.concurrency);
      l.onFailed = opts.onFailed;
      l.handler = handler;
      drain(name);
    },

    close(): Promise<void> {
      closing ??= (async () => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        // `live` holds every job not yet finished; those not running now will never run.
        const dropped = live.size - running.size;
        for (const l of lanes.values()) l.ready.length = 0;
        if (dropped > 0)
          logger.warn({ dropped }, 'in-process job queue closed with jobs not yet run; they are dropped');
        let timeout: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          Promise.allSettled(running).then(() => false),
          new Promise<boolean>((resolve) => {
            timeout = setTimeout(() => resolve(true), closeTimeoutMs);
            timeout.unref();
          }),
        ]);
        clearTimeout(timeout);
        if (timedOut)
          logger.warn({ running: running.size, closeTimeoutMs }, 'jobs still running when the queue closed');
      })();
      return closing;
    },
  };
}
