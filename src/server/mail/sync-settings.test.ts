import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.ts';
import { applySyncSettings, defaultSyncSettings, readSyncSettings } from './sync-settings.ts';

const NOW = new Date('2026-03-31T12:00:00Z');
const defaults = defaultSyncSettings(NOW);
const errorOf = (input: unknown) => {
  try {
    applySyncSettings(defaults, input);
  } catch (err) {
    if (err instanceof AppError) return err.details;
    throw err;
  }
  return undefined;
};

describe('MB-2: sync settings', () => {
  it('MB-2: defaults look back 30 days and export nothing automatically', () => {
    assert.equal(defaults.mail.since, '2026-03-01');
    assert.equal(defaults.activities.importFrom, '2026-03-01');
    assert.equal(defaults.contacts.auto || defaults.contacts.export || defaults.activities.export, false);
    assert.equal(defaults.conflictPolicy, 'lastWriterWins');
    assert.deepEqual(defaults.deletions, { toCrm: true, toExchange: true });
  });

  it('MB-2: fields sent replace, the rest stay', () => {
    const next = applySyncSettings(defaults, { mail: { folders: ['A', 'A', 'B'] }, conflictPolicy: 'crmWins' });
    assert.deepEqual(next.mail, { ...defaults.mail, folders: ['A', 'B'] });
    assert.equal(next.conflictPolicy, 'crmWins');
    assert.deepEqual(next.contacts, defaults.contacts);
  });

  it('MB-2: each wrong field is named with its rule', () => {
    assert.deepEqual(errorOf({ colour: 1 }), { field: 'colour', rule: 'unknownField' });
    assert.deepEqual(errorOf({ mail: { since: '2026-02-30' } }), { field: 'mail.since', rule: 'date' });
    assert.deepEqual(errorOf({ mail: { folders: [] } }), { field: 'mail.folders', rule: 'required' });
    assert.deepEqual(errorOf({ mail: { folders: ['ok', 7] } }), {
      field: 'mail.folders.1',
      rule: 'type',
      params: { type: 'string' },
    });
    assert.deepEqual(errorOf({ activities: { calendars: 'some' } }), {
      field: 'activities.calendars',
      rule: 'type',
      params: { type: 'array' },
    });
    assert.equal(errorOf({ conflictPolicy: 'newest' })?.rule, 'oneOf');
    assert.deepEqual(errorOf({ deletions: { toCrm: 'yes' } }), {
      field: 'deletions.toCrm',
      rule: 'type',
      params: { type: 'boolean' },
    });
    assert.equal(errorOf({ contacts: { exportScope: {} } })?.rule, 'atLeastOne');
    assert.deepEqual(errorOf({ activities: { exportScope: { groupIds: [] } } }), {
      field: 'activities.exportScope.groupIds',
      rule: 'required',
    });
    assert.deepEqual(errorOf({ contacts: { exportScope: { groups: [] } } }), {
      field: 'contacts.exportScope.groups',
      rule: 'unknownField',
    });
    assert.deepEqual(errorOf([]), { field: 'body', rule: 'type', params: { type: 'object' } });
  });

  it('stored settings missing a newer field read complete', () => {
    const stored = JSON.stringify({ mail: { download: false }, conflictPolicy: 'exchangeWins' });
    const read = readSyncSettings(stored, NOW);
    assert.equal(read.mail.download, false);
    assert.equal(read.mail.folders, 'all');
    assert.equal(read.conflictPolicy, 'exchangeWins');
    assert.deepEqual(readSyncSettings(null, NOW), defaults);
  });
});
