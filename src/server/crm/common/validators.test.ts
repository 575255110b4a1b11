import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertDate, isIanaTimeZone, toUtcIso } from './validators.ts';

test('IANA time zone names are accepted, offsets and invented names are not', () => {
  for (const tz of ['Europe/Moscow', 'America/Argentina/Buenos_Aires', 'UTC', 'Asia/Kolkata']) {
    assert.equal(isIanaTimeZone(tz), true, tz);
  }
  for (const tz of ['+03:00', 'GMT+3', 'Mars/Olympus', 'Europe/', '', 'Europe Moscow', 'MSK+1']) {
    assert.equal(isIanaTimeZone(tz), false, tz);
  }
});

test('dates must exist in the calendar', () => {
  assert.doesNotThrow(() => assertDate('birthday', '2024-02-29'));
  assert.throws(() => assertDate('birthday', '2023-02-29'), /birthday/);
  assert.throws(() => assertDate('birthday', '29.02.2024'), /birthday/);
});

test('date-times need an offset and are stored in UTC', () => {
  assert.equal(toUtcIso('start', '2026-11-26T10:00:00+03:00'), '2026-11-26T07:00:00.000Z');
  assert.throws(() => toUtcIso('start', '2026-11-26T10:00:00'), /start/);
  assert.throws(() => toUtcIso('start', 'tomorrow'), /start/);
});
