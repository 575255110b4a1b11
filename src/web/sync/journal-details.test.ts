import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { i18next } from '../i18n/i18n.ts';
import { detailsOf } from './journal-details.ts';
import type { JournalLine } from './sync-types.ts';

const line = (over: Partial<JournalLine>): JournalLine => ({
  id: 'l1',
  at: '2026-11-27T10:00:00.000Z',
  kind: 'contacts',
  runId: null,
  action: 'update',
  side: 'crm',
  result: 'ok',
  rule: null,
  crmId: null,
  remoteId: null,
  itemName: 'Анна Кузнецова',
  message: 'changed: jobTitle, notes',
  messageCode: null,
  messageArgs: null,
  ...over,
});

describe('journal details (CT-6, CT-7) in the user language', () => {
  const ru = i18next.getFixedT('ru');
  const en = i18next.getFixedT('en');

  it('a change names its fields, and a conflict its rule, in the language of the page', () => {
    const changed = line({ messageCode: 'changed', messageArgs: { fields: 'jobTitle, notes' } });
    assert.equal(detailsOf(en, changed), 'Changed: Job title, Notes.');
    assert.match(detailsOf(ru, changed), /^Изменено: Должность, Заметки\.$/);
    const conflict = line({
      action: 'conflict',
      messageCode: 'conflict-crm',
      messageArgs: { policy: 'crmWins', fields: 'surname' },
    });
    assert.match(detailsOf(ru, conflict), /победила версия CRM/);
    assert.doesNotMatch(detailsOf(ru, conflict), /crmWins|surname/);
  });

  it('lines without a code keep the server sentence (errors, lines written before codes)', () => {
    const failed = line({ result: 'failed', message: 'INVALID: the server refused the phone number' });
    assert.equal(detailsOf(ru, failed), 'INVALID: the server refused the phone number');
  });
});
