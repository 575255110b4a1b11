import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createJobQueue } from './create-job-queue.ts';

describe('createJobQueue', () => {
  it('no Redis URL → the in-process queue (the embedded default)', async () => {
    const q = createJobQueue({ redisUrl: undefined });
    assert.equal(q.kind, 'memory');
    await q.close();
  });

  it('a Redis URL → BullMQ; nothing connects until a job is added or worked on', async () => {
    // Port 1 has no Redis: a connection attempt would be refused and logged as a Redis error.
    const logged: string[] = [];
    const logger = {
      warn: (_: object, msg: string) => logged.push(msg),
      error: (_: object, msg: string) => logged.push(msg),
    };
    const q = createJobQueue({ redisUrl: 'redis://127.0.0.1:1', logger });
    assert.equal(q.kind, 'bullmq');
    await sleep(50);
    await q.close();
    assert.deepEqual(logged, []);
  });
});
