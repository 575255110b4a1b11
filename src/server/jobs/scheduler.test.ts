import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobLogger } from './job-queue.port.ts';
import { startTicker } from './scheduler.ts';

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for: ${what}`);
    await sleep(5);
  }
}

function recordingLogger(): JobLogger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { errors, warn: () => {}, error: (obj) => errors.push(obj) };
}

describe('startTicker', () => {
  it('ticks repeatedly and never overlaps a slow tick', async () => {
    let active = 0;
    let maxActive = 0;
    let ticks = 0;
    const ticker = startTicker({
      everyMs: 10,
      firstDelayMs: 0,
      logger: recordingLogger(),
      tick: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(35); // longer than the interval
        active--;
        ticks++;
      },
    });
    await waitFor('three ticks', () => ticks >= 3);
    await ticker.stop();
    assert.equal(maxActive, 1);
  });

  it('logs a failing tick and keeps ticking', async () => {
    const logger = recordingLogger();
    let ticks = 0;
    const ticker = startTicker({
      everyMs: 10,
      firstDelayMs: 0,
      logger,
      name: 'reaper',
      tick: () => {
        ticks++;
        throw new Error(`tick ${ticks} failed`);
      },
    });
    await waitFor('three ticks', () => ticks >= 3);
    await ticker.stop();
    assert.ok(logger.errors.length >= 3);
    assert.deepEqual(Object.keys(logger.errors[0] as object).sort(), ['err', 'ticker']);
    assert.equal((logger.errors[0] as { ticker: string }).ticker, 'reaper');
  });

  it('stop() waits for the tick in progress, and no tick follows', async () => {
    let started = 0;
    let finished = 0;
    const ticker = startTicker({
      everyMs: 10,
      firstDelayMs: 0,
      logger: recordingLogger(),
      tick: async () => {
        started++;
        await sleep(50);
        finished++;
      },
    });
    await waitFor('a tick started', () => started === 1);
    await ticker.stop();
    assert.equal(finished, 1, 'stop() returned after the running tick finished');
    await sleep(60);
    assert.equal(started, 1, 'no tick after stop()');
  });

  it('without firstDelayMs the first tick waits a random part of one interval', async (t) => {
    t.mock.method(Math, 'random', () => 0.99);
    let ticks = 0;
    const ticker = startTicker({ everyMs: 300, logger: recordingLogger(), tick: () => void ticks++ });
    await sleep(100);
    assert.equal(ticks, 0, 'not before 0.99 × 300 ms');
    await waitFor('the first tick', () => ticks === 1);
    await ticker.stop();
  });

  it('rejects a non-positive interval', () => {
    assert.throws(() => startTicker({ everyMs: 0, tick: () => {} }), RangeError);
  });
});
