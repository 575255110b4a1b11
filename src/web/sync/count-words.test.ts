import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TFunction } from 'i18next';
import { countWords } from './count-words.ts';

const t = ((key: string, options: { count: number }) => `${key}:${options.count}`) as unknown as TFunction;

describe('countWords picks the plural form of the language', () => {
  it('Russian: 1 контакт, 3 контакта, 60 контактов, 21 контакт', () => {
    assert.equal(countWords(t, 'ru', 'c', 1), 'c.one:1');
    assert.equal(countWords(t, 'ru', 'c', 3), 'c.few:3');
    assert.equal(countWords(t, 'ru', 'c', 60), 'c.many:60');
    assert.equal(countWords(t, 'ru', 'c', 21), 'c.one:21');
  });

  it('English: 1 contact, 60 contacts', () => {
    assert.equal(countWords(t, 'en', 'c', 1), 'c.one:1');
    assert.equal(countWords(t, 'en', 'c', 60), 'c.other:60');
  });
});
