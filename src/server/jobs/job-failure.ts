import { isPermanentJobError, type JobData, type JobInfo, type JobLogger, type WorkOptions } from './job-queue.port.ts';

/** True when a failed try ends the job: it was the last allowed try, or retrying cannot help. */
export function isFinalFailure(err: unknown, info: JobInfo): boolean {
  return info.lastAttempt || isPermanentJobError(err);
}

/**
 * Logs a failed try and, when it ends the job, calls `onFailed` once. Never throws: a broken
 * `onFailed` is logged, because a queue's own errors must not take the worker process down.
 */
export async function reportFailure(
  name: string,
  data: JobData,
  err: unknown,
  info: JobInfo,
  logger: JobLogger,
  onFailed: WorkOptions['onFailed'],
): Promise<boolean> {
  const final = isFinalFailure(err, info);
  const fields = { job: name, jobId: info.jobId, attempt: info.attempt, err };
  if (!final) {
    logger.warn(fields, 'job failed, will retry');
    return false;
  }
  logger.error(fields, 'job failed for good');
  try {
    await onFailed?.(data, err, info);
  } catch (hookErr) {
    logger.error({ job: name, jobId: info.jobId, err: hookErr }, 'onFailed hook threw');
  }
  return true;
}
