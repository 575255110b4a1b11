import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMailboxLimiter, GRAPH_LIMITS, retryDelayMs } from './mailbox-limiter.ts';
import { ConnectorError } from './port.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('mailbox limiter (DESIGN §3 quotas)', () => {
  it('never runs more than four tasks of one mailbox at once', async () => {
    const limiter = createMailboxLimiter({ ...GRAPH_LIMITS, sleep: async () => {} });
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
      return 1;
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter.run(task)));
    assert.equal(results.length, 20);
    assert.equal(peak, 4);
    assert.equal(limiter.inFlight, 0);
  });

  it('waits out Retry-After of a THROTTLED failure, then succeeds', async () => {
    const slept: number[] = [];
    const clock = { t: 0 };
    const moving = createMailboxLimiter({
      ...GRAPH_LIMITS,
      now: () => clock.t,
      sleep: async (ms) => {
        slept.push(ms);
        clock.t += ms;
      },
    });
    let calls = 0;
    const result = await moving.run(async () => {
      calls++;
      if (calls < 3) throw new ConnectorError('THROTTLED', 'HTTP 429', { retryAfterMs: 2000 });
      return 'done';
    });
    assert.equal(result, 'done');
    assert.equal(calls, 3);
    assert.deepEqual(slept, [2000, 2000]);
    assert.equal(moving.inFlight, 0);
  });

  it('backs off exponentially with jitter for failures without Retry-After, and gives up after maxAttempts', async () => {
    const slept: number[] = [];
    const limiter = createMailboxLimiter({
      ...GRAPH_LIMITS,
      maxAttempts: 4,
      random: () => 1,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    let calls = 0;
    await assert.rejects(
      limiter.run(async () => {
        calls++;
        throw new ConnectorError('TEMPORARY', 'HTTP 503');
      }),
      (err: unknown) => err instanceof ConnectorError && err.kind === 'TEMPORARY',
    );
    assert.equal(calls, 4);
    assert.deepEqual(slept, [500, 1000, 2000]);
  });

  it('jitter keeps at least half of the step and never exceeds the cap', () => {
    const err = new ConnectorError('TEMPORARY', 'x');
    assert.equal(
      retryDelayMs(err, 1, GRAPH_LIMITS, () => 0),
      250,
    );
    assert.equal(
      retryDelayMs(err, 1, GRAPH_LIMITS, () => 1),
      500,
    );
    assert.equal(
      retryDelayMs(err, 20, GRAPH_LIMITS, () => 1),
      GRAPH_LIMITS.maxDelayMs,
    );
  });

  it('does not retry errors that another try cannot fix', async () => {
    const limiter = createMailboxLimiter({ ...GRAPH_LIMITS, sleep: async () => {} });
    for (const kind of ['AUTH', 'PERMISSION', 'NOT_FOUND', 'INVALID', 'UNREACHABLE', 'TLS'] as const) {
      let calls = 0;
      await assert.rejects(
        limiter.run(async () => {
          calls++;
          throw new ConnectorError(kind, 'x');
        }),
      );
      assert.equal(calls, 1, kind);
    }
  });

  it('hands a Retry-After longer than maxWaitMs to the caller instead of sleeping through it', async () => {
    const limiter = createMailboxLimiter({ ...GRAPH_LIMITS, maxWaitMs: 1000, sleep: async () => assert.fail() });
    await assert.rejects(
      limiter.run(async () => {
        throw new ConnectorError('THROTTLED', 'HTTP 429', { retryAfterMs: 60_000 });
      }),
      (err: unknown) => err instanceof ConnectorError && err.retryAfterMs === 60_000,
    );
  });

  it('a Retry-After pauses the other calls of the mailbox too', async () => {
    const clock = { t: 0 };
    const started: number[] = [];
    const limiter = createMailboxLimiter({
      ...GRAPH_LIMITS,
      now: () => clock.t,
      sleep: async (ms) => {
        await tick();
        clock.t += ms;
      },
    });
    let first = true;
    const a = limiter.run(async () => {
      if (first) {
        first = false;
        throw new ConnectorError('THROTTLED', 'HTTP 429', { retryAfterMs: 5000 });
      }
      started.push(clock.t);
    });
    await tick();
    const b = limiter.run(async () => {
      started.push(clock.t);
    });
    await Promise.all([a, b]);
    assert.ok(
      started.every((t) => t >= 5000),
      `calls started at ${started}`,
    );
  });
});
