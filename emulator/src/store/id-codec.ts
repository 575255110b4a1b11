import { randomBytes } from 'node:crypto';
import type { ItemKind } from './types.ts';

/**
 * Surface ids and change keys. Real Exchange ids are base64 of a binary structure that names the mailbox
 * and the store object; Graph shows them URL-safe with `=` padding (`AAMk…=`), EWS with the standard
 * alphabet. We keep the same spirit: a header, the mailbox GUID, the object number, a move generation for
 * default item ids (so they change on a move, as Graph documents for non-immutable ids,
 * `outlook-immutable-id.md`) and a checksum, so a garbled id is "malformed" rather than "not found".
 */

const HEADER_ITEM_DEFAULT = [0x00, 0x03, 0x24]; // renders as "AAMk", like Exchange default item ids
const HEADER_ITEM_IMMUTABLE = [0x00, 0x09, 0x00]; // renders as "AAkA"
const HEADER_FOLDER = [0x01, 0x03, 0x24]; // renders as "AQMk", like Exchange folder ids

const GUID_BYTES = 16;
const NUM_BYTES = 6;
const GEN_BYTES = 4;
const SUM_BYTES = 2;

/** First byte of a change key per object kind, mirroring the kind prefixes seen in Exchange change keys. */
const CHANGE_KEY_KIND: Record<ItemKind | 'folder', number> = {
  message: 0x09,
  event: 0x0f,
  contact: 0x11,
  task: 0x15,
  folder: 0x01,
};

export type DecodedId =
  | { type: 'item'; style: 'default' | 'immutable'; mailboxGuid: string; num: number; moveGen: number }
  | { type: 'folder'; mailboxGuid: string; num: number };

/** A fresh random mailbox GUID (hex, 32 chars): ids from a previous emulator run never resolve. */
export function newMailboxGuid(): string {
  return randomBytes(GUID_BYTES).toString('hex');
}

export function encodeItemId(
  mailboxGuid: string | Buffer,
  num: number,
  style: 'default' | 'immutable',
  moveGen = 0,
): string {
  const header = style === 'default' ? HEADER_ITEM_DEFAULT : HEADER_ITEM_IMMUTABLE;
  const size = header.length + GUID_BYTES + NUM_BYTES + (style === 'default' ? GEN_BYTES : 0) + SUM_BYTES;
  const buf = Buffer.alloc(size);
  let at = writeHeader(buf, header);
  at += writeGuid(buf, mailboxGuid, at);
  buf.writeUIntBE(num, at, NUM_BYTES);
  at += NUM_BYTES;
  if (style === 'default') {
    buf.writeUInt32BE(moveGen >>> 0, at);
    at += GEN_BYTES;
  }
  buf.writeUInt16BE(checksum(buf, at), at);
  return toUrlSafeBase64(buf);
}

export function encodeFolderId(mailboxGuid: string | Buffer, num: number): string {
  const buf = Buffer.alloc(HEADER_FOLDER.length + GUID_BYTES + NUM_BYTES + SUM_BYTES);
  let at = writeHeader(buf, HEADER_FOLDER);
  at += writeGuid(buf, mailboxGuid, at);
  buf.writeUIntBE(num, at, NUM_BYTES);
  at += NUM_BYTES;
  buf.writeUInt16BE(checksum(buf, at), at);
  return toUrlSafeBase64(buf);
}

/** Decodes any surface id (URL-safe or standard base64); undefined when it is not one of ours (malformed). */
export function decodeId(id: string): DecodedId | undefined {
  if (id.length < 8 || id.length > 256 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(id)) return undefined;
  const buf = Buffer.from(id.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const kind = headerKind(buf);
  if (!kind) return undefined;
  const expected =
    3 + GUID_BYTES + NUM_BYTES + SUM_BYTES + (kind.type === 'item' && kind.style === 'default' ? GEN_BYTES : 0);
  if (buf.length !== expected) return undefined;
  const sumAt = expected - SUM_BYTES;
  if (buf.readUInt16BE(sumAt) !== checksum(buf, sumAt)) return undefined;
  const mailboxGuid = buf.subarray(3, 3 + GUID_BYTES).toString('hex');
  const num = buf.readUIntBE(3 + GUID_BYTES, NUM_BYTES);
  if (kind.type === 'folder') return { type: 'folder', mailboxGuid, num };
  const moveGen = kind.style === 'default' ? buf.readUInt32BE(3 + GUID_BYTES + NUM_BYTES) : 0;
  return { type: 'item', style: kind.style, mailboxGuid, num, moveGen };
}

/**
 * A change key: 4 bytes of kind, 4 bytes length (0x16 = 22), then a 22-byte "predecessor change list"
 * entry made of the mailbox GUID and a 6-byte counter. This is the layout behind Exchange's familiar
 * `CQAAABYAAAA…` keys (the Graph delta sample in protocols.md §3.1 shows them as `@odata.etag`).
 */
export function encodeChangeKey(kind: ItemKind | 'folder', mailboxGuid: string | Buffer, seq: number): string {
  const buf = Buffer.alloc(8 + GUID_BYTES + NUM_BYTES);
  buf.writeUInt32LE(CHANGE_KEY_KIND[kind], 0);
  buf.writeUInt32LE(GUID_BYTES + NUM_BYTES, 4);
  writeGuid(buf, mailboxGuid, 8);
  buf.writeUIntBE(seq, 8 + GUID_BYTES, NUM_BYTES);
  return buf.toString('base64');
}

/** Writes the 16 GUID bytes (from hex or from a Buffer, the fast path for hot callers). */
function writeGuid(buf: Buffer, guid: string | Buffer, at: number): number {
  if (typeof guid === 'string') return buf.write(guid, at, GUID_BYTES, 'hex');
  return guid.copy(buf, at, 0, GUID_BYTES);
}

function headerKind(
  buf: Buffer,
): { type: 'item'; style: 'default' | 'immutable' } | { type: 'folder'; style?: undefined } | undefined {
  if (buf.length < 3) return undefined;
  if (matches(buf, HEADER_ITEM_DEFAULT)) return { type: 'item', style: 'default' };
  if (matches(buf, HEADER_ITEM_IMMUTABLE)) return { type: 'item', style: 'immutable' };
  if (matches(buf, HEADER_FOLDER)) return { type: 'folder' };
  return undefined;
}

function matches(buf: Buffer, header: number[]): boolean {
  return header.every((b, i) => buf[i] === b);
}

function writeHeader(buf: Buffer, header: number[]): number {
  header.forEach((b, i) => {
    buf[i] = b;
  });
  return header.length;
}

/** FNV-1a folded to 16 bits: enough to tell a typo from a real id. */
function checksum(buf: Buffer, end: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < end; i++) {
    h ^= buf[i] as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h ^ (h >>> 16)) & 0xffff;
}

/** URL-safe alphabet with `=` padding kept, as Graph shows ids. */
function toUrlSafeBase64(buf: Buffer): string {
  const pad = (3 - (buf.length % 3)) % 3;
  return pad === 0 ? buf.toString('base64url') : buf.toString('base64url') + '='.repeat(pad);
}
