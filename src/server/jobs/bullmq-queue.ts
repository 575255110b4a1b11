import { type Job, type MinimalJob, Queue, UnrecoverableError, Worker } from 'bullmq';
import { reportFailure } from './job-failure.ts';
import { resolveConcurrency, resolveJobOptions } from './job-options.ts';
import {
  consoleJobLogger,
  JOB_DEFAULTS,
  type JobData,
  type JobHandler,
  type JobInfo,
  type JobLogger,
  type JobOptions,
  type JobQueue,
  type WorkOptions,
} from './job-queue.port.ts';
import { retryDelayMs } from './retry-backoff.ts';

export interface BullmqQueueOptions {
  /** `redis://` or `rediss://` URL (REDIS_URL). */
  redisUrl: string;
  /** Namespace of every Redis key (default `tandem`); processes that share work must share it. */
  prefix?: string;
  logger?: JobLogger;
  /** How long `close()` waits for running jobs before dropping the connection (default 30 s). */
  closeTimeoutMs?: number;
}

/**
 * Our own backoff type: BullMQ's built-in `exponential` jitter only shortens delays (`[1−j, 1]·d`),
 * while the port promises ±20 % around the doubled delay, the same as the in-process adapter.
 */
const BACKOFF_TYPE = 'tandem-exponential-jitter';

/**
 * BullMQ refuses custom ids that look like integers or contain `:` (its key separator), and a sync job id
 * such as `pull:<mailbox>:contacts` has both risks; so ids are prefixed and percent-encoded on the way in.
 */
const ID_PREFIX = 'j-';

function toBullId(jobId: string): string {
  return ID_PREFIX + encodeURIComponent(jobId);
}

function fromBullId(id: string | undefined): string {
  if (!id) return '';
  return id.startsWith(ID_PREFIX) ? decodeURIComponent(id.slice(ID_PREFIX.length)) : id;
}

/** The first-retry delay stored on the job at `add()`. */
function backoffOf(job: MinimalJob | undefined): number {
  const backoff = job?.opts.backoff;
  return typeof backoff === 'object' ? (backoff.delay ?? JOB_DEFAULTS.backoffMs) : JOB_DEFAULTS.backoffMs;
}

/** Where BullMQ keeps the job's try count: `attemptsMade` counts finished tries, so this try is one more. */
function infoOf(job: Job): JobInfo {
  const attempt = job.attemptsMade + 1;
  return { jobId: fromBullId(job.id), attempt, lastAttempt: attempt >= (job.opts.attempts ?? 1) };
}

/**
 * The BullMQ adapter (REDIS_URL set): one BullMQ `Queue` and, where `work()` was called, one `Worker`
 * per job name, so any process with the same Redis and prefix can add jobs that any other runs.
 */
export function createBullmqQueue(options: BullmqQueueOptions): JobQueue {
  const logger = options.logger ?? consoleJobLogger;
  const prefix = options.prefix ?? 'tandem';
  const closeTimeoutMs = options.closeTimeoutMs ?? JOB_DEFAULTS.closeTimeoutMs;
  // null: a command waits for Redis to come back instead of failing after 20 reconnects; BullMQ requires
  // it for workers' blocking connections and producers use it so `add()` survives a Redis restart.
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
  const queues = new Map<string, Queue>();
  const workers = new Map<string, Worker>();
  let closing: Promise<void> | undefined;
  /** Set once the workers are done: from then on nothing can be added. */
  let producersClosed = false;

  // BullMQ emits connection trouble as 'error' events; an EventEmitter without a listener would throw them.
  const onError = (name: string) => (err: Error) => logger.error({ job: name, err }, 'job queue Redis error');

  function queueFor(name: string): Queue {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection, prefix });
      queue.on('error', onError(name));
      queues.set(name, queue);
    }
    return queue;
  }

  /** One BullMQ try: runs the handler, reports failures, and tells BullMQ not to retry a final one. */
  const processorFor = (name: string, handler: JobHandler, opts: WorkOptions) => async (job: Job) => {
    const info = infoOf(job);
    const data = job.data as JobData;
    try {
      await handler(data, info);
    } catch (err) {
      const final = await reportFailure(name, data, err, info, logger, opts.onFailed);
      // UnrecoverableError also for the last try: onFailed already ran, so BullMQ must not try again
      // even if its own count disagrees (e.g. after a stalled try).
      if (final) throw new UnrecoverableError(err instanceof Error ? err.message : String(err));
      throw err instanceof Error ? err : new Error(String(err));
    }
  };

  /** Waits for the worker's running jobs up to the timeout, then drops its connections. */
  async function closeWorker(name: string, worker: Worker): Promise<void> {
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      worker.close().then(() => false),
      new Promise<boolean>((resolve) => {
        timeout = setTimeout(() => resolve(true), closeTimeoutMs);
        timeout.unref();
      }),
    ]);
    clearTimeout(timeout);
    if (!timedOut) return;
    // The unfinished jobs keep their Redis lock until it expires; another worker's stalled check then
    // puts them back in the wait list, so they run again rather than being lost.
    logger.warn({ job: name, closeTimeoutMs }, 'jobs still running when the queue closed; disconnecting');
    await worker.disconnect().catch((err: unknown) => logger.warn({ job: name, err }, 'worker disconnect failed'));
  }

  return {
    kind: 'bullmq',

    async add(name: string, data: JobData, opts?: JobOptions): Promise<void> {
      if (producersClosed) throw new Error(`job queue is closed; cannot add "${name}"`);
      const resolved = resolveJobOptions(opts);
      await queueFor(name).add(
        name,
        { ...data },
        {
          // BullMQ ignores an add whose jobId already exists in any state, finished ones included;
          // removing finished jobs is what lets the same id run again once the previous one is done.
          jobId: resolved.jobId === undefined ? undefined : toBullId(resolved.jobId),
          removeOnComplete: true,
          removeOnFail: true,
          delay: resolved.delayMs,
          attempts: resolved.attempts,
          backoff: { type: BACKOFF_TYPE, delay: resolved.backoffMs },
        },
      );
    },

    work(name: string, handler: JobHandler, opts: WorkOptions = {}): void {
      if (closing) throw new Error(`job queue is closed; cannot work on "${name}"`);
      if (workers.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
      const worker = new Worker(name, processorFor(name, handler, opts), {
        connection,
        prefix,
        concurrency: resolveConcurrency(opts.concurrency),
        // Looked up by the worker (not the queue) when a try fails, for jobs added by any process.
        settings: {
          backoffStrategy: (attemptsMade, _type, _err, job) => retryDelayMs(backoffOf(job), attemptsMade),
        },
      });
      worker.on('error', onError(name));
      workers.set(name, worker);
    },

    close(): Promise<void> {
      closing ??= (async () => {
        // Workers first: they stop fetching and finish their jobs, which may still add follow-up jobs.
        await Promise.all([...workers].map(([name, worker]) => closeWorker(name, worker)));
        producersClosed = true;
        await Promise.all(
          [...queues].map(([name, queue]) =>
            queue.close().catch((err: unknown) => logger.warn({ job: name, err }, 'queue close failed')),
          ),
        );
      })();
      return closing;
    },
  };
}
