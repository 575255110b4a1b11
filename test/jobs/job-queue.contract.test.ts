import assert from 'node:assert/strict';
import { after, describe, type TestContext, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createJobQueue } from '../../src/server/jobs/create-job-queue.ts';
import {
  type JobData,
  type JobInfo,
  type JobLogger,
  type JobQueue,
  PermanentJobError,
} from '../../src/server/jobs/job-queue.port.ts';
import { deletePrefix, redisUnreachable, TEST_REDIS_URL, testPrefix } from './redis-tier.ts';

/**
 * The JobQueue contract (DESIGN §1, §6): the same behaviour from the in-process queue and from BullMQ on
 * Redis, so the worker role behaves alike in the embedded default and at scale.
 */

interface LogEntry {
  level: 'warn' | 'error';
  msg: string;
  obj: object;
}

/** A logger that keeps what the queue reported, so tests can see failures were logged (and stay quiet). */
function recordingLogger(): JobLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return {
    entries,
    warn: (obj, msg) => entries.push({ level: 'warn', msg, obj }),
    error: (obj, msg) => entries.push({ level: 'error', msg, obj }),
  };
}

/** Polls until `predicate` holds; fails with `what` after `timeoutMs` (a liveness deadline, not a speed check). */
async function waitFor(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for: ${what}`);
    await sleep(5);
  }
}

interface Adapter {
  kind: 'memory' | 'bullmq';
  /** A fresh queue instance, closed when the test ends. */
  open(t: TestContext, logger?: JobLogger, closeTimeoutMs?: number): JobQueue;
}

const prefix = testPrefix();
const unreachable = await redisUnreachable();
const adapters: Adapter[] = [
  {
    kind: 'memory',
    open: (t, logger = recordingLogger(), closeTimeoutMs = undefined) =>
      closedAfter(t, createJobQueue({ redisUrl: undefined, logger, closeTimeoutMs })),
  },
];
if (!unreachable) {
  adapters.push({
    kind: 'bullmq',
    open: (t, logger = recordingLogger(), closeTimeoutMs = undefined) =>
      closedAfter(t, createJobQueue({ redisUrl: TEST_REDIS_URL, prefix, logger, closeTimeoutMs })),
  });
  after(async () => {
    await deletePrefix(prefix);
  });
}

function closedAfter(t: TestContext, queue: JobQueue): JobQueue {
  t.after(() => queue.close());
  return queue;
}

test('BullMQ tier: Redis reachable', (t) => {
  if (!unreachable) return;
  const line = `Redis not reachable at ${TEST_REDIS_URL} (${unreachable})`;
  if (process.env.CI === 'true') assert.fail(`BullMQ tier required in CI: ${line}`);
  console.log(`\n!!! SKIPPED BullMQ tier: ${line} !!!\n`);
  t.skip(line);
});

let seq = 0;
/** A job name of its own per test, so a worker of one test can never take another test's jobs. */
const jobName = (what: string) => `${what}-${++seq}`;

for (const adapter of adapters) {
  describe(`JobQueue contract on ${adapter.kind}`, () => {
    test('the queue says which adapter it is', (t) => {
      assert.equal(adapter.open(t).kind, adapter.kind);
    });

    test('a job runs once with its data and its id, on its first and only try', async (t) => {
      const q = adapter.open(t);
      const name = jobName('runs');
      const seen: { data: JobData; info: JobInfo }[] = [];
      q.work(name, async (data, info) => {
        seen.push({ data, info });
      });
      const data = { mailboxId: 'mb-1', kind: 'contacts', limit: 50, full: true, since: null };
      // Ids with the separator BullMQ reserves (:) and ids that look like integers both work.
      await q.add(name, data, { jobId: 'pull:mb-1:contacts' });
      await q.add(name, { mailboxId: 'mb-2' }, { jobId: '42' });
      await waitFor('both jobs ran', () => seen.length === 2);
      assert.deepEqual(seen[0], { data, info: { jobId: 'pull:mb-1:contacts', attempt: 1, lastAttempt: true } });
      assert.deepEqual(seen[1], { data: { mailboxId: 'mb-2' }, info: { jobId: '42', attempt: 1, lastAttempt: true } });
    });

    test('concurrency 1: jobs added before work() wait for it, then run one at a time in order', async (t) => {
      const q = adapter.open(t);
      const name = jobName('serial');
      for (let i = 0; i < 5; i++) await q.add(name, { i });
      let active = 0;
      let maxActive = 0;
      const done: unknown[] = [];
      q.work(
        name,
        async (data) => {
          active++;
          maxActive = Math.max(maxActive, active);
          await sleep(20);
          active--;
          done.push(data.i);
        },
        { concurrency: 1 },
      );
      await waitFor('all five jobs ran', () => done.length === 5);
      assert.equal(maxActive, 1, 'never two at once');
      assert.deepEqual(done, [0, 1, 2, 3, 4]);
    });

    test('concurrency 3: up to three jobs of a name run at once, never more', async (t) => {
      const q = adapter.open(t);
      const name = jobName('parallel');
      for (let i = 0; i < 7; i++) await q.add(name, { i });
      let active = 0;
      let maxActive = 0;
      let reachedThree = false;
      let done = 0;
      q.work(
        name,
        async () => {
          active++;
          maxActive = Math.max(maxActive, active);
          if (active === 3) reachedThree = true;
          // Hold each job until three overlap (once), so the limit is actually exercised.
          await waitFor('three jobs running at once', () => reachedThree);
          await sleep(10);
          active--;
          done++;
        },
        { concurrency: 3 },
      );
      await waitFor('all seven jobs ran', () => done === 7);
      assert.equal(maxActive, 3);
    });

    test('jobId: a second add while the first is waiting or delayed does nothing', async (t) => {
      const q = adapter.open(t);
      const name = jobName('dedupe-waiting');
      await q.add(name, { v: 'first' }, { jobId: 'same' });
      await q.add(name, { v: 'duplicate of waiting' }, { jobId: 'same' });
      await q.add(name, { v: 'delayed' }, { jobId: 'later', delayMs: 150 });
      await q.add(name, { v: 'duplicate of delayed' }, { jobId: 'later' });
      const runs: unknown[] = [];
      q.work(name, async (data) => {
        runs.push(data.v);
      });
      await waitFor('the delayed job ran', () => runs.includes('delayed'));
      // One at a time and in order: had a duplicate been queued, it would run before this one.
      await q.add(name, { v: 'barrier' });
      await waitFor('the barrier job ran', () => runs.includes('barrier'));
      assert.deepEqual(runs, ['first', 'delayed', 'barrier']);
    });

    test('jobId: a second add while it runs does nothing; after it finished the same id runs again', async (t) => {
      const q = adapter.open(t);
      const name = jobName('dedupe-running');
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const runs: unknown[] = [];
      q.work(name, async (data) => {
        runs.push(data.v);
        if (data.v === 1) await gate;
      });
      await q.add(name, { v: 1 }, { jobId: 'sync:mb-1' });
      await waitFor('the first job started', () => runs.length === 1);
      await q.add(name, { v: 2 }, { jobId: 'sync:mb-1' });
      release();
      // The barrier starts only once job 1 has finished (concurrency 1, in order).
      await q.add(name, { v: 'barrier' });
      await waitFor('the barrier job ran', () => runs.includes('barrier'));
      await q.add(name, { v: 3 }, { jobId: 'sync:mb-1' });
      await waitFor('the same id ran again', () => runs.includes(3));
      assert.deepEqual(runs, [1, 'barrier', 3]);
    });

    test('delayMs: a delayed job runs after a later undelayed one, and not before its delay', async (t) => {
      const q = adapter.open(t);
      const name = jobName('delay');
      const order: unknown[] = [];
      let lateAt = 0;
      q.work(name, async (data) => {
        order.push(data.v);
        if (data.v === 'late') lateAt = Date.now();
      });
      const addedAt = Date.now();
      await q.add(name, { v: 'late' }, { delayMs: 300 });
      await q.add(name, { v: 'now' });
      await waitFor('both jobs ran', () => order.length === 2);
      assert.deepEqual(order, ['now', 'late']);
      assert.ok(lateAt - addedAt >= 290, `the delayed job waited ${lateAt - addedAt} ms of its 300`);
    });

    test('retries: failing twice then succeeding runs 3 tries (1, 2, 3) with growing gaps, no onFailed', async (t) => {
      const q = adapter.open(t);
      const name = jobName('retry');
      const tries: { v: unknown; info: JobInfo; at: number }[] = [];
      const failed: unknown[] = [];
      q.work(
        name,
        async (data, info) => {
          tries.push({ v: data.v, info, at: Date.now() });
          if (data.v === 'original' && info.attempt < 3) throw new Error(`temporary failure ${info.attempt}`);
        },
        { onFailed: (_data, err) => void failed.push(err) },
      );
      await q.add(name, { v: 'original' }, { jobId: 'flaky', attempts: 3, backoffMs: 100 });
      await waitFor('the first try', () => tries.length >= 1);
      // Between tries the job still holds its id.
      await q.add(name, { v: 'duplicate' }, { jobId: 'flaky' });
      await waitFor('the third try', () => tries.length === 3);
      await q.add(name, { v: 'barrier' });
      await waitFor('the barrier job ran', () => tries.length === 4);
      assert.deepEqual(
        tries.map((x) => [x.v, x.info.attempt, x.info.lastAttempt]),
        [
          ['original', 1, false],
          ['original', 2, false],
          ['original', 3, true],
          ['barrier', 1, true],
        ],
      );
      const [a, b, c] = tries.map((x) => x.at) as [number, number, number];
      // First retry after 100 ms ±20 %, the second after 200 ms ±20 %: the delay doubles. Timers never fire early
      // but may fire late on a busy machine, so only the lower bounds are certain.
      assert.ok(b - a >= 75, `first retry came ${b - a} ms after the first try`);
      assert.ok(c - b >= 155, `second retry came ${c - b} ms after the second try (at least 160 ms)`);
      assert.deepEqual(failed, []);
    });

    test('PermanentJobError: no retry, onFailed once with the error', async (t) => {
      const logger = recordingLogger();
      const q = adapter.open(t, logger);
      const name = jobName('permanent');
      let tries = 0;
      const failed: { data: JobData; err: unknown; info: JobInfo }[] = [];
      q.work(
        name,
        async () => {
          tries++;
          throw new PermanentJobError('the mailbox needs sign-in');
        },
        { onFailed: (data, err, info) => void failed.push({ data, err, info }) },
      );
      await q.add(name, { mailboxId: 'mb-9' }, { jobId: 'needs-sign-in', attempts: 5, backoffMs: 20 });
      await waitFor('onFailed was called', () => failed.length === 1);
      await sleep(250); // a retry would have come after 16–24 ms
      assert.equal(tries, 1);
      assert.equal(failed.length, 1);
      const [f] = failed;
      assert.deepEqual(f?.data, { mailboxId: 'mb-9' });
      assert.ok(f?.err instanceof PermanentJobError);
      assert.equal(f.err.message, 'the mailbox needs sign-in');
      assert.deepEqual(f.info, { jobId: 'needs-sign-in', attempt: 1, lastAttempt: false });
      assert.ok(logger.entries.some((e) => e.level === 'error' && e.msg === 'job failed for good'));
    });

    test('attempts exhausted: onFailed once on the last try; the id is free again afterwards', async (t) => {
      const logger = recordingLogger();
      const q = adapter.open(t, logger);
      const name = jobName('exhausted');
      const tries: JobInfo[] = [];
      const failed: { err: unknown; info: JobInfo }[] = [];
      q.work(
        name,
        async (_data, info) => {
          tries.push(info);
          throw new Error('server busy');
        },
        { onFailed: (_data, err, info) => void failed.push({ err, info }) },
      );
      await q.add(name, {}, { jobId: 'busy', attempts: 2, backoffMs: 20 });
      await waitFor('onFailed was called', () => failed.length === 1);
      await sleep(250); // a third try would have come after 32–48 ms
      assert.deepEqual(
        tries.map((i) => [i.attempt, i.lastAttempt]),
        [
          [1, false],
          [2, true],
        ],
      );
      assert.equal(failed.length, 1);
      assert.equal((failed[0]?.err as Error | undefined)?.message, 'server busy');
      assert.deepEqual(failed[0]?.info, { jobId: 'busy', attempt: 2, lastAttempt: true });
      const levels = logger.entries.filter((e) => e.msg.startsWith('job failed')).map((e) => e.level);
      assert.deepEqual(levels, ['warn', 'error'], 'the retried try is a warning, the final one an error');
      await q.add(name, {}, { jobId: 'busy', attempts: 1 });
      await waitFor('the failed id ran again', () => tries.length === 3);
    });

    test('a throwing onFailed is logged and the queue keeps working', async (t) => {
      const logger = recordingLogger();
      const q = adapter.open(t, logger);
      const name = jobName('hook-throws');
      const ok: unknown[] = [];
      q.work(
        name,
        async (data) => {
          if (data.v === 'bad') throw new Error('handler failed');
          ok.push(data.v);
        },
        {
          onFailed: () => {
            throw new Error('hook failed too');
          },
        },
      );
      await q.add(name, { v: 'bad' });
      await q.add(name, { v: 'good' });
      await waitFor('the next job ran', () => ok.includes('good'));
      await waitFor('the hook failure was logged', () =>
        logger.entries.some((e) => e.level === 'error' && e.msg === 'onFailed hook threw'),
      );
    });

    test('close() waits for a running job, then refuses new jobs', async (t) => {
      const q = adapter.open(t);
      const name = jobName('close');
      let started = false;
      let finished = false;
      q.work(name, async () => {
        started = true;
        await sleep(300);
        finished = true;
      });
      await q.add(name, {});
      await waitFor('the job started', () => started);
      await q.close();
      assert.equal(finished, true, 'close() returned only after the running job finished');
      await assert.rejects(q.add(name, {}), /closed/);
    });

    test('close() stops waiting for a job that outlives closeTimeoutMs, and says so', async (t) => {
      const logger = recordingLogger();
      const q = adapter.open(t, logger, 100);
      const name = jobName('close-timeout');
      let started = false;
      let finished = false;
      q.work(name, async () => {
        started = true;
        await sleep(1500);
        finished = true;
      });
      await q.add(name, {});
      await waitFor('the job started', () => started);
      await q.close();
      assert.equal(finished, false, 'close() did not wait for the slow job');
      assert.ok(logger.entries.some((e) => e.level === 'warn' && /still running/.test(e.msg)));
    });

    test('work() twice for one name in one queue is a programming error', (t) => {
      const q = adapter.open(t);
      const name = jobName('twice');
      q.work(name, async () => {});
      assert.throws(() => q.work(name, async () => {}), /already registered/);
    });

    if (adapter.kind === 'bullmq') {
      test('a job added by one process is run by a worker in another (same Redis and prefix)', async (t) => {
        const producer = adapter.open(t);
        const consumer = adapter.open(t);
        const name = jobName('cross-process');
        const seen: { data: JobData; info: JobInfo }[] = [];
        consumer.work(name, async (data, info) => {
          seen.push({ data, info });
        });
        await producer.add(name, { mailboxId: 'mb-7' }, { jobId: 'push:mb-7' });
        await waitFor('the other instance ran the job', () => seen.length === 1);
        assert.deepEqual(seen[0], {
          data: { mailboxId: 'mb-7' },
          info: { jobId: 'push:mb-7', attempt: 1, lastAttempt: true },
        });
      });
    }
  });
}
