import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBase, decodeCrmBase, encodeBase, encodeCrmBase } from './link-codec.ts';

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

const blank = (): F => ({ name: null, emails: [], company: null, address: null });

test('the remote side is stored without its empty fields and read back whole', () => {
  const sparse: F = { name: 'Zoë 🙂', emails: [], company: null, address: { city: null } };
  const stored = encodeBase(sparse, blank);
  assert.deepEqual(JSON.parse(stored ?? ''), { name: 'Zoë 🙂', address: { city: null } });
  assert.deepEqual(decodeBase(stored, blank), sparse);
  assert.deepEqual(decodeBase(encodeBase(base, blank), blank), base);
});

test('a remote side lacking a field of the empty map, or a kind without one, is stored whole', () => {
  const partial = { name: 'Анна', emails: [] } as unknown as F;
  assert.deepEqual(JSON.parse(encodeBase(partial, blank) ?? ''), partial);
  assert.deepEqual(decodeBase(encodeBase(partial, blank), blank), { ...blank(), ...partial });
  assert.equal(encodeBase(base, undefined), JSON.stringify(base));
  assert.equal(encodeBase(null, blank), null);
  assert.equal(decodeBase(null, blank), null);
});

test('rows stored whole before read the same with an empty map', () => {
  assert.deepEqual(decodeBase(JSON.stringify(base), blank), base);
  const one = decodeBase(JSON.stringify({ name: 'A' }), blank);
  const two = decodeBase(JSON.stringify({ name: 'B' }), blank);
  one?.emails.push('x@y.z');
  assert.deepEqual(two?.emails, [], 'each row read gets its own empty lists');
});
