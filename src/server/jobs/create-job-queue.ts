import { createBullmqQueue } from './bullmq-queue.ts';
import type { JobLogger, JobQueue } from './job-queue.port.ts';
import { createMemoryQueue } from './memory-queue.ts';

export interface JobQueueSettings {
  /** REDIS_URL: set → BullMQ on Redis (jobs shared by every process); unset → in-process queue. */
  redisUrl: string | undefined;
  /** Redis key prefix (BullMQ only; default `tandem`). */
  prefix?: string;
  logger?: JobLogger;
  /** How long `close()` waits for running jobs (default 30 s). */
  closeTimeoutMs?: number;
}

/** The queue the configuration asks for: BullMQ when a Redis URL is set, else the in-process default. */
export function createJobQueue(settings: JobQueueSettings): JobQueue {
  const { redisUrl, prefix, logger, closeTimeoutMs } = settings;
  return redisUrl
    ? createBullmqQueue({ redisUrl, prefix, logger, closeTimeoutMs })
    : createMemoryQueue({ logger, closeTimeoutMs });
}
