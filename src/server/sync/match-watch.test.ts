import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineContext } from './engine-context.ts';
import { matchScope, noteWritten, startMatchWatch } from './match-watch.ts';
import type { FieldMap } from './sync-types.ts';

/**
 * CT-6 (no duplicates): an import looks for CRM records that match new items only among records not linked to the
 * mailbox, which the watch keeps while they are few. Fake ports: the CRM's change sequence and the status rows.
 */
function fakes(records: { id: string; seq: number }[], linked: Set<string>) {
  const asked: number[] = [];
  const ctx = {
    crm: {
      async changedIds(seq: number, limit: number) {
        asked.push(seq);
        return records.filter((r) => r.seq > seq).slice(0, limit);
      },
    },
    store: {
      async linkedCrmIds(ids: string[]) {
        return new Set(ids.filter((id) => linked.has(id)));
      },
    },
  } as unknown as EngineContext<FieldMap>;
  return { ctx, asked };
}

const written = (crmIds: string[], createdSeqs: number[] = []) => ({
  remoteIds: new Set<string>(),
  crmIds: new Set(crmIds),
  created: createdSeqs.length,
  createdSeqs,
});

describe('match watch', () => {
  it('CT-6: records there before the import are kept; those the import linked are not; each look goes on from the last', async () => {
    const records = [
      { id: 'user-anna', seq: 1 },
      { id: 'user-boris', seq: 2 },
    ];
    const linked = new Set<string>();
    const { ctx, asked } = fakes(records, linked);
    const watch = startMatchWatch();
    assert.deepEqual(await matchScope(ctx, watch), ['user-anna', 'user-boris']);
    records.push({ id: 'imported-1', seq: 3 }, { id: 'imported-2', seq: 4 });
    linked.add('imported-1').add('imported-2');
    assert.deepEqual(await matchScope(ctx, watch), ['user-anna', 'user-boris']);
    // Anna's record is linked to a mailbox item by a match and written: it is no longer one to match.
    records.push({ id: 'user-anna', seq: 5 });
    linked.add('user-anna');
    assert.deepEqual(await matchScope(ctx, watch), ['user-boris']);
    assert.deepEqual(asked, [0, 2, 4]);
  });

  it('CT-6: an empty CRM with only what the import linked: nothing to look among', async () => {
    const records = [{ id: 'imported', seq: 1 }];
    const { ctx } = fakes(records, new Set(['imported']));
    assert.deepEqual(await matchScope(ctx, startMatchWatch()), []);
  });

  it('CT-6: a record someone creates during the import is looked among from the next page on', async () => {
    const records = [{ id: 'imported', seq: 1 }];
    const { ctx } = fakes(records, new Set(['imported']));
    const watch = startMatchWatch();
    assert.deepEqual(await matchScope(ctx, watch), []);
    records.push({ id: 'typed-in-by-a-user', seq: 2 });
    assert.deepEqual(await matchScope(ctx, watch), ['typed-in-by-a-user']);
  });

  it('CT-6: too many records not linked, or too many changed at one look: every record, for the rest of the run', async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ id: `c${i}`, seq: i + 1 }));
    const { ctx, asked } = fakes(many, new Set());
    const watch = startMatchWatch();
    assert.equal(await matchScope(ctx, watch), undefined);
    assert.equal(await matchScope(ctx, watch), undefined);
    assert.equal(asked.length, 1, 'the watch is not taken up again');
    const busy = Array.from({ length: 2000 }, (_, i) => ({ id: `c${i}`, seq: i + 1 }));
    const linkedAll = fakes(busy, new Set(busy.map((r) => r.id)));
    assert.equal(await matchScope(linkedAll.ctx, startMatchWatch()), undefined);
  });

  it('CT-6: records a page created and linked are passed over unread, up to a number someone else took', async () => {
    const records = [{ id: 'user', seq: 1 }];
    const { ctx, asked } = fakes(records, new Set(['p1', 'p2', 'p3', 'p4']));
    const watch = startMatchWatch();
    assert.deepEqual(await matchScope(ctx, watch), ['user']);
    records.push({ id: 'p1', seq: 2 }, { id: 'p2', seq: 3 });
    noteWritten(watch, written([], [3, 2]));
    assert.deepEqual(await matchScope(ctx, watch), ['user']);
    // Seq 4 went to someone else between two pages: the import's 5 and 6 are not passed over, and 4 is read.
    records.push({ id: 'typed-in', seq: 4 }, { id: 'p3', seq: 5 }, { id: 'p4', seq: 6 });
    noteWritten(watch, written([], [5, 6]));
    assert.deepEqual(await matchScope(ctx, watch), ['user', 'typed-in']);
    assert.deepEqual(asked, [0, 3, 3]);
  });

  it('CT-6: a page that moved or removed status rows ends the watch, once', async () => {
    const { ctx } = fakes([], new Set());
    const watch = startMatchWatch();
    assert.equal(noteWritten(watch, written([])), false, 'a page that only created records');
    assert.deepEqual(await matchScope(ctx, watch), []);
    assert.equal(noteWritten(watch, written(['c1'])), true);
    assert.equal(noteWritten(watch, written(['c2'])), false, 'ended already');
    assert.equal(await matchScope(ctx, watch), undefined);
  });
});
