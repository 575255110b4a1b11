import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JOURNAL_MESSAGES } from '../../src/server/sync/sync-types.ts';
import { en } from '../../src/web/i18n/en.ts';
import { ru } from '../../src/web/i18n/ru.ts';

/** The server's journal message codes and the UI's words for them stay in step (the UI cannot import the server). */
test('every journal message code the server writes has words in English and Russian', () => {
  const wordsOf = (dictionary: typeof en) => (dictionary.sync.messages ?? {}) as Record<string, string>;
  for (const code of JOURNAL_MESSAGES) {
    assert.ok(wordsOf(en)[code], `en: sync.messages.${code}`);
    assert.ok(wordsOf(ru)[code], `ru: sync.messages.${code}`);
  }
});
