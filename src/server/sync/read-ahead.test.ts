import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChangePage } from '../connectors/port.ts';
import { readAhead } from './read-ahead.ts';

/** A listing of pages p0 → p1 → p2 (complete); each request is recorded and answered when the test says so. */
function listing() {
  const asked: (string | null)[] = [];
  const answers = new Map<string | null, (p: ChangePage<string>) => void>();
  const fetch = (at: string | null) => {
    asked.push(at);
    return new Promise<ChangePage<string>>((resolve) => answers.set(at, resolve));
  };
  const answer = (at: string | null, cursor: string, complete = false) =>
    answers.get(at)?.({ changes: [], cursor, complete });
  return { asked, fetch, answer };
}

test('CT-1: the next page of a listing is asked for as soon as a page arrives, each page once', async () => {
  const l = listing();
  const pageAt = readAhead(l.fetch);
  const first = pageAt(null);
  l.answer(null, 'c1');
  assert.equal((await first).cursor, 'c1');
  assert.deepEqual(l.asked, [null, 'c1'], 'page 2 is on its way before page 1 is used');
  l.answer('c1', 'c2', true);
  const second = await pageAt('c1');
  assert.equal(second.complete, true);
  assert.deepEqual(l.asked, [null, 'c1'], 'nothing after the last page, and page 2 not asked twice');
});

test('CT-6: asking at another position (the cursor was reset) drops the page read ahead', async () => {
  const l = listing();
  const pageAt = readAhead(l.fetch);
  const first = pageAt('old');
  l.answer('old', 'c1');
  await first;
  const again = pageAt(null);
  l.answer(null, 'n1', true);
  assert.equal((await again).cursor, 'n1');
  assert.deepEqual(l.asked, ['old', 'c1', null]);
});

test('a page read ahead that fails fails when it is asked for, not before', async () => {
  let calls = 0;
  const pageAt = readAhead(async (at) => {
    calls++;
    if (at === 'c1') throw new Error('server busy');
    return { changes: [], cursor: 'c1', complete: false };
  });
  await pageAt(null);
  await new Promise((r) => setImmediate(r));
  assert.equal(calls, 2);
  await assert.rejects(pageAt('c1'), /server busy/);
});
