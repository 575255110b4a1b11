import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RemoteItem } from '../port.ts';
import { readDeltaPage, versionOf } from './delta-page.ts';

type Entry = { id?: string; name?: string; '@removed'?: { reason?: string } };
const toItem = (e: Entry & { id: string }): RemoteItem<string> => ({
  id: e.id,
  version: 'v',
  folderId: 'f',
  correlationId: null,
  fields: e.name ?? '',
});

describe('Graph delta page (protocols.md §3.1)', () => {
  it('a nextLink page is incomplete and resumes at the nextLink', () => {
    const page = readDeltaPage<Entry, string>(
      { value: [{ id: 'a', name: 'A' }], '@odata.nextLink': 'https://graph/next?$skiptoken=1' },
      toItem,
    );
    assert.deepEqual(page, {
      changes: [{ type: 'upsert', item: toItem({ id: 'a', name: 'A' }) }],
      cursor: 'https://graph/next?$skiptoken=1',
      complete: false,
    });
  });

  it('the deltaLink page completes the round; removals keep their reason', () => {
    const page = readDeltaPage<Entry, string>(
      {
        value: [
          { id: 'gone', '@removed': { reason: 'deleted' } },
          { id: 'moved', '@removed': { reason: 'changed' } },
          { id: 'odd', '@removed': {} },
        ],
        '@odata.deltaLink': 'https://graph/delta?$deltatoken=2',
      },
      toItem,
    );
    assert.equal(page.complete, true);
    assert.equal(page.cursor, 'https://graph/delta?$deltatoken=2');
    assert.deepEqual(page.changes, [
      { type: 'removed', id: 'gone', reason: 'deleted' },
      { type: 'removed', id: 'moved', reason: 'movedOut' },
      { type: 'removed', id: 'odd', reason: 'movedOut' },
    ]);
  });

  it('an empty last page is a complete round with no changes', () => {
    const page = readDeltaPage<Entry, string>({ value: [], '@odata.deltaLink': 'https://graph/d' }, toItem);
    assert.deepEqual(page, { changes: [], cursor: 'https://graph/d', complete: true });
  });

  it('a page without links or with an id-less entry is INVALID', () => {
    const invalid = (err: { kind?: string }) => err.kind === 'INVALID';
    assert.throws(() => readDeltaPage<Entry, string>({ value: [] }, toItem), invalid);
    assert.throws(() => readDeltaPage<Entry, string>(undefined, toItem), invalid);
    assert.throws(
      () => readDeltaPage<Entry, string>({ value: [{ name: 'x' }], '@odata.deltaLink': 'd' }, toItem),
      invalid,
    );
  });

  it('the version is the changeKey, else the ChangeKey inside the etag', () => {
    assert.equal(versionOf({ changeKey: 'CQAAAB', '@odata.etag': 'W/"other"' }), 'CQAAAB');
    assert.equal(versionOf({ '@odata.etag': 'W/"CQAAABYAAAA"' }), 'CQAAABYAAAA');
    assert.equal(versionOf({}), '');
  });
});
