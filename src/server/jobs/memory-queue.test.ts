import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobLogger } from './job-queue.port.ts';
import { createMemoryQueue } from './memory-queue.ts';

/** What only the in-process adapter does; the shared behaviour is in test/jobs/job-queue.contract.test.ts. */
describe('in-process job queue', () => {
  it('close() drops jobs not yet run (waiting, delayed or between tries) and logs how many', async () => {
    const warnings: { obj: object; msg: string }[] = [];
    const logger: JobLogger = { warn: (obj, msg) => warnings.push({ obj, msg }), error: () => {} };
    const q = createMemoryQueue({ logger });
    const ran: unknown[] = [];
    await q.add('never-worked', { v: 'waiting' });
    await q.add('worked', { v: 'delayed' }, { delayMs: 50 });
    q.work('worked', async (data) => {
      ran.push(data.v);
    });
    await q.close();
    await sleep(100);
    assert.deepEqual(ran, [], 'the delayed job was cancelled with the queue');
    assert.deepEqual(warnings[0]?.obj, { dropped: 2 });
  });

  it('a handler sees its own copy of the data, as it would after a trip through Redis', async () => {
    const q = createMemoryQueue();
    const data = { v: 'original' };
    let seen: unknown;
    q.work('copy', async (d) => {
      await sleep(10);
      seen = d.v;
    });
    await q.add('copy', data);
    data.v = 'changed by the caller after add()';
    await q.close(); // waits for the running handler
    assert.equal(seen, 'original');
  });

  it('rejects nonsense options at add() and work()', async () => {
    const q = createMemoryQueue();
    await assert.rejects(q.add('x', {}, { attempts: 0 }), RangeError);
    await assert.rejects(q.add('x', {}, { delayMs: -1 }), RangeError);
    await assert.rejects(q.add('x', {}, { jobId: '' }), RangeError);
    assert.throws(() => q.work('x', async () => {}, { concurrency: 0 }), RangeError);
    await q.close();
  });
});
