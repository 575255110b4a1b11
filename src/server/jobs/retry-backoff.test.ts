import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelayMs } from './retry-backoff.ts';

describe('retryDelayMs', () => {
  it('doubles per retry around the first-retry delay', () => {
    const middle = () => 0.5; // no jitter
    assert.deepEqual(
      [1, 2, 3, 4].map((retry) => retryDelayMs(5000, retry, middle)),
      [5000, 10000, 20000, 40000],
    );
  });

  it('jitters by ±20 % at most', () => {
    assert.equal(
      retryDelayMs(1000, 1, () => 0),
      800,
    );
    assert.equal(
      retryDelayMs(1000, 1, () => 0.999_999),
      1200,
    );
    assert.equal(
      retryDelayMs(1000, 3, () => 0),
      3200,
    );
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(100, 2);
      assert.ok(d >= 160 && d <= 240, `${d} within 200 ms ±20 %`);
    }
  });

  it('a zero backoff retries at once', () => {
    assert.equal(retryDelayMs(0, 5), 0);
  });
});
