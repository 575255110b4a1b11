import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedKeys, sameFields, sameValue } from './field-diff.ts';

/** "Changed" means the content moved (DESIGN §3): comparing must see values, not how they were written down. */

test('CT-6: equal content in another key order is the same; a different value, length or order of a list is not', () => {
  const a = { name: 'Анна 🙂', emails: ['a@x.org', 'b@x.org'], address: { city: 'Казань', zip: null } };
  assert.equal(
    sameFields(a, { address: { zip: null, city: 'Казань' }, emails: ['a@x.org', 'b@x.org'], name: 'Анна 🙂' }),
    true,
  );
  assert.equal(sameFields(a, { ...a, emails: ['b@x.org', 'a@x.org'] }), false, 'the order of emails is content');
  assert.equal(sameFields(a, { ...a, emails: ['a@x.org'] }), false);
  assert.equal(sameFields(a, { ...a, address: { city: 'Казань', zip: '420000' } }), false);
  assert.equal(sameFields(a, { ...a, address: null }), false);
  assert.equal(sameFields(a, null), false, 'an unknown side is never the same');
});

test('undefined is null, as in JSON; a missing key is not a key holding null', () => {
  assert.equal(sameValue(undefined, null), true);
  assert.equal(sameValue({ a: 1 }, { a: 1, b: null }), false);
  assert.equal(sameValue([], {}), false);
  assert.equal(sameValue('1', 1), false);
  assert.deepEqual(changedKeys({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }), ['b']);
});
