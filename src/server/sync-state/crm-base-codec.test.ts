import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeCrmBase, encodeCrmBase } from './crm-base-codec.ts';

type F = { name: string | null; emails: string[]; company: string | null; address: { city: string | null } | null };
const base: F = { name: 'Анна', emails: ['a@example.org'], company: 'Ромашка', address: { city: 'Казань' } };
const roundTrip = (b: F | null, crm: F | null) => {
  const stored = encodeCrmBase(b, crm);
  return { stored, read: decodeCrmBase(b, stored) };
};

test('a CRM side equal to the remote side is stored as no difference and read back whole', () => {
  const { stored, read } = roundTrip(base, structuredClone(base));
  assert.equal(stored, '[]');
  assert.deepEqual(read, base);
  assert.notEqual(read, base, 'a copy, not the base object itself');
});

test('only the fields that differ are stored, and reading puts them over the remote side', () => {
  const crm: F = { ...base, company: null, address: { city: 'Москва' } };
  const { stored, read } = roundTrip(base, crm);
  assert.deepEqual(JSON.parse(stored ?? ''), [
    ['company', null],
    ['address', { city: 'Москва' }],
  ]);
  assert.deepEqual(read, crm);
});

test('without a remote side, or with a field missing on the CRM side, the whole field map is stored', () => {
  assert.deepEqual(roundTrip(null, base).read, base);
  const partial = { name: 'Анна', emails: [], address: null } as unknown as F;
  const { stored, read } = roundTrip(base, partial);
  assert.equal(typeof JSON.parse(stored ?? ''), 'object');
  assert.deepEqual(read, partial, 'no field of the remote side leaks in');
  assert.equal(roundTrip(base, null).read, null);
});

test('rows written whole before keep reading the same', () => {
  assert.deepEqual(decodeCrmBase(base, JSON.stringify({ ...base, name: 'Anna' })), { ...base, name: 'Anna' });
});
