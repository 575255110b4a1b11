import { randomFillSync } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562): the time in milliseconds first, then random bits, so ids made later sort later. Rows
 * written in bulk with such keys are appended at the end of their primary-key index instead of landing on a random
 * page each (a page of 500 journal lines then dirties a few index pages, not hundreds). Within one millisecond the
 * order is the random part's, so callers that need a strict order keep their own sequence.
 */

/** Random bytes fetched 256 ids at a time (as Node's randomUUID does): one call to the system per batch. */
const POOL = 256;
const pool = Buffer.alloc(16 * POOL);
let next = POOL;

export function orderedId(now = Date.now()): string {
  if (next === POOL) {
    randomFillSync(pool);
    next = 0;
  }
  const bytes = pool.subarray(16 * next, 16 * ++next);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
