import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RemoteItem } from '../connectors/port.ts';
import { type KindRules, planPull, planPush } from './plan.ts';
import type { CrmRecord, Link, RunSettings } from './sync-types.ts';

/** The planner is pure: what both sides and the status rows say → actions (DESIGN §3). Tiny two-field kind. */
type F = { name: string | null; phone: string | null };

const rules: KindRules<F> = {
  rejectRemote: (f) => (f.name ? null : { rule: 'CT-7', message: 'no name' }),
  nameOf: (f) => f.name ?? '?',
};
const settings: RunSettings = {
  import: true,
  importFolders: 'all',
  export: true,
  conflictPolicy: 'lastWriterWins',
  deletions: { toCrm: true, toRemote: true },
  guard: { maxItems: 50, maxShare: 0.2 },
};

const remote = (id: string, fields: F, version = 'v1', extra: Partial<RemoteItem<F>> = {}): RemoteItem<F> => ({
  id,
  version,
  folderId: 'f1',
  correlationId: null,
  fields,
  ...extra,
});
const link = (crmId: string, remoteId: string, base: F, extra: Partial<Link<F>> = {}): Link<F> => ({
  crmId,
  remoteId,
  folderId: 'f1',
  remoteVersion: 'v1',
  crmSeq: 10,
  base,
  crmBase: base,
  pending: null,
  ...extra,
});
const crm = (id: string, fields: F, seq = 10, modifiedAt = '2026-01-01T00:00:00Z'): CrmRecord<F> => ({
  id,
  seq,
  fields,
  name: fields.name ?? '?',
  modifiedAt,
});
const pull = (input: Partial<Parameters<typeof planPull<F>>[0]>) =>
  planPull<F>({
    folderId: 'f1',
    changes: [],
    linksByRemote: new Map(),
    linksByCrm: new Map(),
    crm: new Map(),
    settings,
    rules,
    ...input,
  });

const anna: F = { name: 'Anna', phone: '1' };

describe('planPull', () => {
  it('CT-1: a new remote item becomes a CRM create; a nameless one is skipped with CT-7', () => {
    const actions = pull({
      changes: [
        { type: 'upsert', item: remote('r1', anna) },
        { type: 'upsert', item: remote('r2', { name: null, phone: '2' }) },
      ],
    });
    assert.deepEqual(
      actions.map((a) => a.type),
      ['createInCrm', 'skip'],
    );
    assert.equal(actions[1]?.type === 'skip' && actions[1].reason.rule, 'CT-7');
  });

  it('CT-6: a replayed item counts once (its last state in the page)', () => {
    const actions = pull({
      changes: [
        { type: 'upsert', item: remote('r1', anna) },
        { type: 'upsert', item: remote('r1', { ...anna, phone: '9' }, 'v2') },
      ],
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]?.type === 'createInCrm' && actions[0].remote.fields.phone, '9');
  });

  it('CT-6: our own echo (same version) and a new change key over the same content change nothing in the CRM', () => {
    const l = link('c1', 'r1', anna);
    const linksByRemote = new Map([['r1', l]]);
    const records = new Map([['c1', crm('c1', anna)]]);
    assert.deepEqual(
      pull({ changes: [{ type: 'upsert', item: remote('r1', anna) }], linksByRemote, crm: records }),
      [],
    );
    const rewritten = pull({
      changes: [{ type: 'upsert', item: remote('r1', anna, 'v2') }],
      linksByRemote,
      crm: records,
    });
    assert.deepEqual(
      rewritten.map((a) => a.type === 'relink' && a.why),
      ['echo'],
    );
  });

  it('CT-6: content compares by value, not by key order; a link that knows no base counts as changed', () => {
    const reordered: F = { phone: anna.phone, name: anna.name };
    const l = link('c1', 'r1', anna);
    const records = new Map([['c1', crm('c1', anna)]]);
    const moved = pull({
      changes: [{ type: 'upsert', item: remote('r1', reordered, 'v2') }],
      linksByRemote: new Map([['r1', l]]),
      crm: records,
    });
    assert.deepEqual(
      moved.map((a) => a.type === 'relink' && a.why),
      ['echo'],
    );
    const unknown = pull({
      changes: [{ type: 'upsert', item: remote('r1', anna, 'v2') }],
      linksByRemote: new Map([['r1', link('c1', 'r1', anna, { base: null })]]),
      crm: records,
    });
    assert.notDeepEqual(
      unknown.map((a) => a.type === 'relink' && a.why),
      ['echo'],
    );
    const pushed = planPush<F>({
      changes: [{ type: 'upsert', record: crm('c1', reordered, 12), inScope: true }],
      linksByCrm: new Map([['c1', l]]),
      settings,
      rules,
    });
    assert.deepEqual(
      pushed.map((a) => a.type),
      ['advance'],
    );
  });

  it('CT-6: a remote change with the CRM unchanged updates the changed fields only', () => {
    const actions = pull({
      changes: [{ type: 'upsert', item: remote('r1', { ...anna, phone: '2' }, 'v2') }],
      linksByRemote: new Map([['r1', link('c1', 'r1', anna)]]),
      crm: new Map([['c1', crm('c1', anna)]]),
    });
    assert.equal(actions[0]?.type, 'updateCrm');
    assert.deepEqual(actions[0]?.type === 'updateCrm' && actions[0].changed, ['phone']);
  });

  it('CT-6: both sides changed → a conflict resolved by merge when the fields differ', () => {
    const actions = pull({
      changes: [{ type: 'upsert', item: remote('r1', { ...anna, phone: '2' }, 'v2') }],
      linksByRemote: new Map([['r1', link('c1', 'r1', anna)]]),
      crm: new Map([['c1', crm('c1', { ...anna, name: 'Anna K' }, 11)]]),
    });
    const a = actions[0];
    assert.equal(a?.type, 'resolveConflict');
    if (a?.type !== 'resolveConflict') return;
    assert.equal(a.conflict.resolution, 'merged');
    assert.deepEqual(a.conflict.result, { name: 'Anna K', phone: '2' });
    assert.deepEqual(a.toCrm, ['phone']);
    assert.deepEqual(a.toRemote, { name: 'Anna K', phone: '2' });
  });

  it('CT-6: a copy of a linked item (same stamp, other id) is skipped, not imported twice', () => {
    const l = link('c1', 'r1', anna);
    const actions = pull({
      changes: [{ type: 'upsert', item: remote('r9', anna, 'v1', { correlationId: 'c1' }) }],
      linksByCrm: new Map([['c1', l]]),
      crm: new Map([['c1', crm('c1', anna)]]),
    });
    assert.deepEqual(
      actions.map((x) => x.type),
      ['skip'],
    );
  });

  it('CT-6: a stamped item whose status row was lost is linked back to its CRM record, not created again', () => {
    const actions = pull({
      changes: [{ type: 'upsert', item: remote('r5', anna, 'v1', { correlationId: 'c5' }) }],
      crm: new Map([['c5', crm('c5', anna)]]),
    });
    assert.deepEqual(
      actions.map((a) => (a.type === 'relink' ? a.why : a.type)),
      ['correlation'],
    );
  });

  it('CT-6: a new remote item the CRM already has unlinked (same name and email) is linked, not imported twice', () => {
    const actions = pull({
      changes: [{ type: 'upsert', item: remote('r7', { ...anna, phone: '5' }) }],
      matches: new Map([['r7', crm('c7', anna)]]),
    });
    assert.deepEqual(
      actions.map((a) => (a.type === 'relink' ? a.why : a.type)),
      ['match', 'resolveConflict'],
    );
    // Nobody knows which side is older: the later write wins (here the CRM record, dated later than the undated item).
    const resolved = actions[1];
    assert.deepEqual(resolved?.type === 'resolveConflict' && resolved.conflict.result, anna);
    // Already linked to another item: not a match.
    const taken = pull({
      changes: [{ type: 'upsert', item: remote('r7', anna) }],
      matches: new Map([['r7', crm('c7', anna)]]),
      linksByCrm: new Map([['c7', link('c7', 'r1', anna)]]),
    });
    assert.deepEqual(
      taken.map((a) => a.type),
      ['createInCrm'],
    );
  });

  it('CT-6: a remote deletion becomes a held-back CRM deletion, or an unlink when deletions to the CRM are off', () => {
    const linksByRemote = new Map([['r1', link('c1', 'r1', anna)]]);
    const on = pull({ changes: [{ type: 'removed', id: 'r1', reason: 'deleted' }], linksByRemote });
    assert.equal(on[0]?.type, 'deleteInCrm');
    const off = pull({
      changes: [{ type: 'removed', id: 'r1', reason: 'deleted' }],
      linksByRemote,
      settings: { ...settings, deletions: { toCrm: false, toRemote: true } },
    });
    assert.equal(off[0]?.type, 'unlink');
    // Changed in the CRM since the last sync: the edit wins over the deletion.
    const edited = pull({
      changes: [{ type: 'removed', id: 'r1', reason: 'deleted' }],
      linksByRemote,
      crm: new Map([['c1', crm('c1', { ...anna, phone: '3' }, 11)]]),
    });
    assert.equal(edited[0]?.type, 'unlink');
    // Moved to another synced folder: its link already points there.
    const moved = pull({
      folderId: 'f2',
      changes: [{ type: 'removed', id: 'r1', reason: 'movedOut' }],
      linksByRemote,
    });
    assert.deepEqual(moved, []);
  });
});

describe('planPush', () => {
  const push = (input: Partial<Parameters<typeof planPush<F>>[0]>) =>
    planPush<F>({ changes: [], linksByCrm: new Map(), settings, rules, ...input });

  it('CT-3: a record in scope without a link is created remotely; out of scope it is left alone', () => {
    const actions = push({
      changes: [
        { type: 'upsert', record: crm('c1', anna), inScope: true },
        { type: 'upsert', record: crm('c2', anna), inScope: false },
      ],
    });
    assert.deepEqual(
      actions.map((a) => a.type),
      ['createRemote'],
    );
  });

  it('CT-6: the sync’s own import coming back is not exported again (echo)', () => {
    const l = link('c1', 'r1', anna, { crmSeq: 10 });
    const same = push({
      changes: [{ type: 'upsert', record: crm('c1', anna, 10), inScope: true }],
      linksByCrm: new Map([['c1', l]]),
    });
    assert.deepEqual(same, []);
    const touched = push({
      changes: [{ type: 'upsert', record: crm('c1', anna, 12), inScope: true }],
      linksByCrm: new Map([['c1', l]]),
    });
    assert.deepEqual(
      touched.map((a) => a.type),
      ['advance'],
    );
  });

  it('CT-6: a CRM change is sent over the remote item’s fields; a CRM deletion deletes remotely or unlinks', () => {
    const l = link('c1', 'r1', anna);
    const update = push({
      changes: [{ type: 'upsert', record: crm('c1', { ...anna, phone: '7' }, 11), inScope: true }],
      linksByCrm: new Map([['c1', l]]),
    });
    assert.equal(update[0]?.type, 'updateRemote');
    assert.deepEqual(update[0]?.type === 'updateRemote' && update[0].fields, { name: 'Anna', phone: '7' });
    const del = push({ changes: [{ type: 'deleted', id: 'c1', seq: 12 }], linksByCrm: new Map([['c1', l]]) });
    assert.equal(del[0]?.type, 'deleteRemote');
    const kept = push({
      changes: [{ type: 'deleted', id: 'c1', seq: 12 }],
      linksByCrm: new Map([['c1', l]]),
      settings: { ...settings, deletions: { toCrm: true, toRemote: false } },
    });
    assert.equal(kept[0]?.type, 'unlink');
  });
});
