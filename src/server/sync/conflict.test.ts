import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConflict, winnerOf } from './conflict.ts';
import { exceedsDeletionGuard } from './deletion-stage.ts';
import type { Link } from './sync-types.ts';

type F = { a: string; b: string };
const base: F = { a: '1', b: '1' };
const link: Link<F> = {
  crmId: 'c',
  remoteId: 'r',
  folderId: 'f',
  remoteVersion: 'v',
  crmSeq: 1,
  base,
  crmBase: base,
  pending: null,
};

describe('conflicts (DESIGN §3)', () => {
  it('CT-6: the same field changed on both sides follows the policy; other fields merge', () => {
    const crm = { fields: { a: 'crm', b: '1' }, modifiedAt: '2026-01-02T00:00:00Z' };
    const remote = { fields: { a: 'remote', b: 'remote-b' }, modifiedAt: '2026-01-01T00:00:00Z' };
    const lww = resolveConflict(link, crm, remote, 'lastWriterWins');
    assert.equal(lww.conflict.resolution, 'crm');
    assert.deepEqual(lww.conflict.fields, ['a']);
    assert.deepEqual(lww.conflict.result, { a: 'crm', b: 'remote-b' });
    assert.deepEqual(lww.toCrm, ['b']);
    const ex = resolveConflict(link, crm, remote, 'exchangeWins');
    assert.deepEqual(ex.conflict.result, { a: 'remote', b: 'remote-b' });
    assert.equal(ex.toRemote, null);
    const crmWins = resolveConflict(link, crm, { ...remote, modifiedAt: '2027-01-01T00:00:00Z' }, 'crmWins');
    assert.deepEqual(crmWins.conflict.result, { a: 'crm', b: 'remote-b' });
  });

  it('last writer wins compares the two modification times; an undated remote change loses', () => {
    assert.equal(winnerOf('lastWriterWins', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'), 'remote');
    assert.equal(winnerOf('lastWriterWins', '2026-01-03T00:00:00Z', '2026-01-02T00:00:00Z'), 'crm');
    assert.equal(winnerOf('lastWriterWins', '2026-01-03T00:00:00Z', null), 'crm');
    // Within one second (Exchange's precision) the mailbox's change counts as the later one.
    assert.equal(winnerOf('lastWriterWins', '2026-01-03T00:00:00.900Z', '2026-01-03T00:00:00Z'), 'remote');
  });

  it('the mass-deletion guard asks only when both limits are exceeded (50 items and 20 %)', () => {
    const guard = { maxItems: 50, maxShare: 0.2 };
    assert.equal(exceedsDeletionGuard(51, 100, guard), true);
    assert.equal(exceedsDeletionGuard(50, 100, guard), false);
    assert.equal(exceedsDeletionGuard(60, 1000, guard), false);
    assert.equal(exceedsDeletionGuard(300, 1000, guard), true);
  });
});
