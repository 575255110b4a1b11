import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldText } from './conflict-values.ts';

describe('conflict field values as one line', () => {
  it('joins lists with commas and drops empty entries', () => {
    assert.equal(fieldText('emails', ['a@x.test', '', 'b@x.test'], 'en'), 'a@x.test, b@x.test');
  });

  it('puts an address on one line in street, city, region, zip, country order', () => {
    const address = { street: 'Tverskaya 1', city: 'Moscow', region: null, country: 'Russia', zip: '125009' };
    assert.equal(fieldText('homeAddress', address, 'en'), 'Tverskaya 1, Moscow, 125009, Russia');
  });

  it('shows nothing for null, undefined, an empty string and an empty list', () => {
    for (const value of [null, undefined, '', []]) assert.equal(fieldText('jobTitle', value, 'en'), '');
  });

  it('shows a birthday as a date in the language', () => {
    assert.equal(fieldText('birthday', '1985-04-12', 'en'), 'Apr 12, 1985');
    assert.match(fieldText('birthday', '1985-04-12', 'ru'), /12 апр\.? 1985/);
  });
});
