import { insertRows } from '../../db/bulk-insert.ts';
import type { Db } from '../../db/database.ts';
import { orderedId } from '../../db/ordered-id.ts';
import type { RecordKind } from '../../db/schema.ts';
import { invalid } from '../../errors.ts';

/** Communication options and addresses shared by contacts and accounts. */
export interface Communication {
  kind: 'email' | 'phone' | 'web';
  type: string;
  value: string;
}
export interface Address {
  type: string;
  street: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  zip: string | null;
}

export const COMMUNICATION_TYPES = ['work', 'home', 'mobile', 'other'] as const;
export const ADDRESS_TYPES = ['work', 'home', 'other'] as const;
const MAX_ITEMS = 50;

const text = (max: number) => ({ anyOf: [{ type: 'string', maxLength: max }, { type: 'null' }] });

export const communicationsSchema = {
  type: 'array',
  maxItems: MAX_ITEMS,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'value'],
    properties: {
      kind: { type: 'string', enum: ['email', 'phone', 'web'] },
      type: { type: 'string', enum: [...COMMUNICATION_TYPES], default: 'work' },
      value: { type: 'string', minLength: 1, maxLength: 320 },
    },
  },
} as const;

export const addressesSchema = {
  type: 'array',
  maxItems: MAX_ITEMS,
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      type: { type: 'string', enum: [...ADDRESS_TYPES], default: 'work' },
      street: text(500),
      city: text(200),
      region: text(200),
      country: text(200),
      zip: text(40),
    },
  },
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+\d][\d\s().\-/]*(\s*(ext\.?|x|доб\.?)\s*\d+)?$/i;

/** Why a value is not valid for its kind (the validation rule), or undefined when it is. */
export function communicationProblem(kind: Communication['kind'], raw: string): 'email' | 'phone' | 'web' | undefined {
  const value = raw.trim();
  if (kind === 'email' && !EMAIL.test(value)) return 'email';
  if (kind === 'phone' && (!PHONE.test(value) || value.replace(/\D/g, '').length < 3)) return 'phone';
  if (kind === 'web' && (!value || /\s/.test(value))) return 'web';
  return undefined;
}

const PROBLEM_TEXT = { email: 'an email address', phone: 'a phone number', web: 'a web address' } as const;

/** Checks values by kind; the error names the item (`communications.1.value`). */
export function validateCommunications(items: Communication[]): Communication[] {
  return items.map((c, i) => {
    const value = c.value.trim();
    const problem = communicationProblem(c.kind, value);
    if (problem) throw invalid(`communications.${i}.value`, `"${value}" is not ${PROBLEM_TEXT[problem]}`, problem);
    return { kind: c.kind, type: c.type || 'work', value };
  });
}

/** An address as it is stored and read back: type `work` when none is given, missing parts null. */
export function storedAddress(a: Partial<Address>): Address {
  return {
    type: a.type || 'work',
    street: a.street ?? null,
    city: a.city ?? null,
    region: a.region ?? null,
    country: a.country ?? null,
    zip: a.zip ?? null,
  };
}

function communicationRows(kind: RecordKind, recordId: string, communications: Communication[]) {
  return communications.map((c, position) => ({
    id: orderedId(),
    record_kind: kind,
    record_id: recordId,
    kind: c.kind,
    type: c.type,
    value: c.value,
    value_lower: c.value.toLowerCase(),
    position,
  }));
}

function addressRows(kind: RecordKind, recordId: string, addresses: Address[]) {
  return addresses.map((a, position) => ({
    id: orderedId(),
    record_kind: kind,
    record_id: recordId,
    ...storedAddress(a),
    position,
  }));
}

/** Replaces a record's communications and addresses (inside the caller's transaction). */
export async function replaceChannels(
  trx: Db,
  kind: RecordKind,
  recordId: string,
  communications: Communication[] | undefined,
  addresses: Address[] | undefined,
): Promise<void> {
  if (communications) {
    await trx.deleteFrom('communications').where('record_id', '=', recordId).execute();
    if (communications.length > 0)
      await trx
        .insertInto('communications')
        .values(communicationRows(kind, recordId, communications))
        .execute();
  }
  if (addresses) {
    await trx.deleteFrom('addresses').where('record_id', '=', recordId).execute();
    if (addresses.length > 0)
      await trx
        .insertInto('addresses')
        .values(addressRows(kind, recordId, addresses))
        .execute();
  }
}

/** Inserts the channels of many new records at once (bulk imports). */
export async function insertChannelsMany(
  trx: Db,
  kind: RecordKind,
  records: { recordId: string; communications: Communication[]; addresses: Address[] }[],
): Promise<void> {
  await insertRows(
    trx,
    'communications',
    records.flatMap((r) => communicationRows(kind, r.recordId, r.communications)),
  );
  await insertRows(
    trx,
    'addresses',
    records.flatMap((r) => addressRows(kind, r.recordId, r.addresses)),
  );
}

/** Loads communications and addresses for many records in two queries. */
export async function loadChannels(
  db: Db,
  recordIds: string[],
): Promise<Map<string, { communications: Communication[]; addresses: Address[] }>> {
  const out = new Map<string, { communications: Communication[]; addresses: Address[] }>();
  for (const id of recordIds) out.set(id, { communications: [], addresses: [] });
  if (recordIds.length === 0) return out;
  const comms = await db
    .selectFrom('communications')
    .select(['record_id', 'kind', 'type', 'value'])
    .where('record_id', 'in', recordIds)
    .orderBy('record_id')
    .orderBy('position')
    .execute();
  for (const c of comms) out.get(c.record_id)?.communications.push({ kind: c.kind, type: c.type, value: c.value });
  const addrs = await db
    .selectFrom('addresses')
    .select(['record_id', 'type', 'street', 'city', 'region', 'country', 'zip'])
    .where('record_id', 'in', recordIds)
    .orderBy('record_id')
    .orderBy('position')
    .execute();
  for (const { record_id, ...a } of addrs) out.get(record_id)?.addresses.push(a);
  return out;
}

/** Deletes a record's channels (the tables have no foreign key: they serve two record kinds). */
export async function deleteChannels(trx: Db, recordId: string): Promise<void> {
  await trx.deleteFrom('communications').where('record_id', '=', recordId).execute();
  await trx.deleteFrom('addresses').where('record_id', '=', recordId).execute();
}
