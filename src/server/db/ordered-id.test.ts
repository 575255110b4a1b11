import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orderedId } from './ordered-id.ts';

test('ordered ids are version 7 UUIDs that sort by the time they were made', () => {
  const earlier = orderedId(Date.parse('2026-11-27T10:00:00.000Z'));
  const later = orderedId(Date.parse('2026-11-27T10:00:00.001Z'));
  assert.match(earlier, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(earlier < later);
  assert.equal(earlier.slice(0, 13), '01a21c72-9100', 'the time in milliseconds leads');
  const many = new Set(Array.from({ length: 1000 }, () => orderedId(0)));
  assert.equal(many.size, 1000, 'unique within one millisecond, across refills of the random pool');
});
