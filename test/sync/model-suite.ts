import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadConfig } from '../../src/server/config.ts';
import { startSyncRuntime } from '../../src/server/jobs/sync-runtime.ts';
import { createVault, generateVaultKey } from '../../src/server/mail/vault/secret-vault.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import type { ApiContact, SyncHarness } from './sync-harness.ts';
import { syncHarness } from './sync-harness.ts';
import {
  contactLinks,
  linkProblems,
  type MailboxContact,
  type MailboxReader,
  mailboxReader,
  repeated,
} from './sync-observer.ts';

/**
 * CT-6, model-based and randomized (DESIGN §6 tier 4): fast-check draws sequences of operations on both sides — the
 * owner creates, edits and deletes contacts through the API; "the user in Outlook" creates, edits, deletes and moves
 * contacts between folders through the emulator's control API — with syncs in between and emulator faults switched
 * on and off (429 with Retry-After, 503, a Retry-After too long to wait out so the run's attempt fails and the job is
 * retried, delta replays, invalidated delta tokens). Settings: import all folders, export all, deletions both ways.
 *
 * The model holds only what the test did: which contacts it made (each carries a tag in `department`, a field the
 * test never edits, so a contact can be followed across both sides), which it deleted, and every value it wrote, on
 * which side, between which successful syncs. After the faults are switched off and two more syncs ran, both sides
 * must hold the same contacts one to one, nothing twice, nothing the test deleted, nothing it did not delete missing,
 * and for each field the value written last — unless both sides wrote it between the same two successful syncs (a
 * conflict), where either side's value may stand as long as both hold the same. Likewise a contact deleted on one side
 * and changed on the other between the same two syncs may end deleted or kept (a CRM edit wins over a deletion in the
 * mailbox), but the same on both sides. Every status row, and the correlation stamp on every mailbox item, must name
 * the one CRM contact it belongs to; and a second final sync must find nothing left to do.
 *
 * Replay a failure: the seed is printed; `TANDEM_MODEL_SEED=<seed> node scripts/test.mjs <the test file>`. fast-check's
 * own report names the failing run (`path`). Shrinking is off: every run builds a whole Tandem and emulator. The suite
 * runs from contacts-model.property.test.ts (SQLite) and contacts-model.postgres.property.test.ts. Not a test file.
 */

const SEED = Number(process.env.TANDEM_MODEL_SEED ?? 20_260_611);
/** Sequences per dialect (each on a fresh database, emulator and mailbox) and commands per sequence. */
const SEQUENCES = Number(process.env.TANDEM_MODEL_SEQUENCES ?? 4);
const COMMANDS = Number(process.env.TANDEM_MODEL_COMMANDS ?? 340);
/** Operations on either side (not syncs or fault switches) each dialect must have run. */
const MIN_OPERATIONS = 1000;

type Side = 'crm' | 'outlook';
type Field = 'givenName' | 'surname' | 'jobTitle' | 'emails' | 'phone' | 'notes';
type Value = string | string[] | null;
const FIELDS: Field[] = ['givenName', 'surname', 'jobTitle', 'emails', 'phone', 'notes'];

interface Written {
  side: Side;
  /** Successful syncs before the write. */
  window: number;
  field: Field;
  value: Value;
}

interface Entity {
  tag: string;
  crmId: string | undefined;
  outlookId: string | undefined;
  /** Deleted by the test on one side (in that window): the test leaves it alone from then on. */
  deleted: { side: Side; window: number } | null;
  writes: Written[];
}

interface Model {
  entities: Entity[];
  nextTag: number;
  /** Successful syncs so far (with no failed item): the barriers between "windows" of writes. */
  window: number;
  faultsOn: boolean;
  operations: number;
  syncs: { succeeded: number; failed: number };
}

interface Real {
  s: SyncHarness;
  database: TestDatabase;
  reader: MailboxReader;
  /** Where Outlook creates and moves contacts (ids): the default Contacts folder and two of the user's own. */
  folders: string[];
  /** CRM contacts that were there before the test began (the users' own contacts): exported, never touched. */
  foreign: Set<string>;
  /** The fault rule switched on per kind (one at a time, so probabilities do not pile up). */
  faults: Map<string, string>;
  /** What happened, for the failure report. */
  trail: string[];
  warnings: string[];
  /** Attempts of runs that failed (a fault) and were retried by the job queue. */
  retried: { count: number };
}

type Values = Record<Field, Value>;
type Command = fc.AsyncCommand<Model, Real>;

// ---------------------------------------------------------------------------------------------------------------
// Values: names in several scripts and with emoji, titles, up to three emails, a mobile phone, notes.

const GIVEN = ['Ольга', 'Иван', 'José', 'Zoë', 'Ли', 'Ahmed', 'Анна-Мария', 'Émile', '🦊 Лиса', 'Jürgen', 'Łucja'];
const SURNAMES = ['Смирнова', 'Petrov', 'García', 'Müller', 'O’Brien', 'Ковальчук', 'Rocket 🚀', 'Ng', 'Тест 😀'];
const TITLES = ['Директор', 'CTO 🚀', 'Менеджер по продажам', 'Engineer', 'Buchhalterin', 'Главный бухгалтер'];
const NOTES = ['Любит чай 🍵', 'Call after 11:00', '喜欢喝茶', 'Ne pas appeler le vendredi', 'VIP ⭐', 'Встреча в пн'];
const LOCALS = ['olga', 'ivan', 'jose', 'zoe', 'li', 'ahmed', 'anna', 'emile'];
const DOMAINS = ['example.ru', 'contoso.test', 'mail.test'];

const suffixed = (list: string[], max = 999) =>
  fc.tuple(fc.constantFrom(...list), fc.nat(max)).map(([v, n]) => `${v} ${n}`);
const arbitraryOf: Record<Field, fc.Arbitrary<Value>> = {
  givenName: fc.constantFrom(...GIVEN),
  // A wide range: two contacts with the same name and emails would be one person to the sync (it links them).
  surname: suffixed(SURNAMES, 999_999),
  jobTitle: fc.option(suffixed(TITLES), { nil: null, freq: 4 }),
  emails: fc.uniqueArray(
    fc.tuple(fc.constantFrom(...LOCALS), fc.nat(999), fc.constantFrom(...DOMAINS)).map(([l, n, d]) => `${l}.${n}@${d}`),
    { maxLength: 3 },
  ),
  phone: fc.option(
    fc.tuple(fc.integer({ min: 900, max: 999 }), fc.integer({ min: 0, max: 9_999_999 })).map(([code, n]) => {
      const d = String(n).padStart(7, '0');
      return `+7 ${code} ${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`;
    }),
    { nil: null, freq: 4 },
  ),
  notes: fc.option(suffixed(NOTES), { nil: null, freq: 4 }),
};
const valuesArb: fc.Arbitrary<Values> = fc.record(arbitraryOf);
const editArb = fc.oneof(...FIELDS.map((field) => arbitraryOf[field].map((value) => ({ field, value }))));

const composeName = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' ');

// ---------------------------------------------------------------------------------------------------------------
// The two sides as a person sees them.

function crmBody(v: Partial<Values>, current?: ApiContact) {
  const body: Record<string, unknown> = {};
  for (const k of ['givenName', 'surname', 'jobTitle', 'notes'] as const) if (k in v) body[k] = v[k];
  if ('emails' in v || 'phone' in v) {
    const comms = current?.communications ?? [];
    const emails =
      'emails' in v
        ? (v.emails as string[]).map((value) => ({ kind: 'email', type: 'work', value }))
        : comms.filter((c) => c.kind === 'email');
    const mobile =
      'phone' in v
        ? v.phone
          ? [{ kind: 'phone', type: 'mobile', value: v.phone as string }]
          : []
        : comms.filter((c) => c.kind === 'phone' && c.type === 'mobile');
    const rest = comms.filter((c) => c.kind !== 'email' && !(c.kind === 'phone' && c.type === 'mobile'));
    body.communications = [...emails, ...mobile, ...rest].map(({ kind, type, value }) => ({ kind, type, value }));
  }
  return body;
}

function outlookFields(v: Partial<Values>): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if ('givenName' in v) f.givenName = v.givenName;
  if ('surname' in v) f.surname = v.surname;
  if ('jobTitle' in v) f.jobTitle = v.jobTitle;
  if ('notes' in v) f.personalNotes = v.notes;
  if ('phone' in v) f.mobilePhone = v.phone;
  if ('emails' in v) f.emailAddresses = (v.emails as string[]).map((address) => ({ name: address, address }));
  return f;
}

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The fields the test writes, as the CRM shows them. */
function crmValues(c: ApiContact & { department?: string | null }): Values {
  return {
    givenName: text(c.givenName),
    surname: text(c.surname),
    jobTitle: text(c.jobTitle),
    emails: c.communications.filter((x) => x.kind === 'email').map((x) => x.value.toLowerCase()),
    phone: c.communications.find((x) => x.kind === 'phone' && x.type === 'mobile')?.value ?? null,
    notes: text(c.notes),
  };
}

/** The same fields as Outlook shows them. */
function outlookValues(c: MailboxContact): Values {
  return {
    givenName: text(c.givenName),
    surname: text(c.surname),
    jobTitle: text(c.jobTitle),
    emails: c.emailAddresses.map((e) => e.address.toLowerCase()),
    phone: text(c.mobilePhone),
    notes: text(c.personalNotes),
  };
}

/** The normalised name + emails key both sides are compared by. */
const keyOf = (name: string | null | undefined, emails: string[]) =>
  `${(name ?? '').normalize('NFC').trim().toLowerCase()}|${[...emails].map((e) => e.toLowerCase()).join(',')}`;

type CrmContact = ApiContact & { department: string | null };

async function sides(r: Real): Promise<{ crm: CrmContact[]; outlook: MailboxContact[] }> {
  const [crm, outlook] = await Promise.all([r.s.crmContacts() as Promise<CrmContact[]>, r.reader.contacts()]);
  return { crm, outlook };
}

/** Learns where each of the test's contacts is now on either side (after a sync created or deleted some). */
async function locate(m: Model, r: Real): Promise<void> {
  const { crm, outlook } = await sides(r);
  const crmByTag = new Map(crm.map((c) => [c.department, c.id]));
  const outlookByTag = new Map(outlook.map((c) => [c.department, c.id]));
  for (const e of m.entities) {
    if (e.deleted) continue;
    e.crmId = crmByTag.get(e.tag);
    e.outlookId = outlookByTag.get(e.tag);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Commands.

function wrote(m: Model, e: Entity, side: Side, v: Partial<Values>): void {
  for (const field of FIELDS) {
    if (field in v) e.writes.push({ side, window: m.window, field, value: v[field] as Value });
  }
}

const live = (m: Readonly<Model>, side: Side) =>
  m.entities.filter((e) => e.deleted === null && (side === 'crm' ? e.crmId : e.outlookId));
const pick = (m: Readonly<Model>, side: Side, n: number) => {
  const list = live(m, side);
  return list[n % list.length] as Entity;
};

function command(name: string, check: (m: Readonly<Model>) => boolean, run: (m: Model, r: Real) => Promise<void>) {
  const cmd: Command = {
    check,
    async run(m, r) {
      const started = Date.now();
      r.trail.push(name);
      await run(m, r);
      r.trail.push(`  (${Date.now() - started} ms)`);
    },
    toString: () => name,
  };
  return cmd;
}

const crmCreate = valuesArb.map((v) =>
  command(
    `crm.create(${JSON.stringify(v)})`,
    () => true,
    async (m, r) => {
      const tag = `T${m.nextTag++}`;
      const c = await r.s.owner.json<{ id: string }>('POST', '/api/contacts', { ...crmBody(v), department: tag }, 201);
      const e: Entity = { tag, crmId: c.id, outlookId: undefined, deleted: null, writes: [] };
      wrote(m, e, 'crm', v);
      m.entities.push(e);
      m.operations++;
      r.trail.push(`  → ${tag} = crm ${c.id}`);
    },
  ),
);

const crmEdit = fc.tuple(fc.nat(), editArb).map(([n, { field, value }]) =>
  command(
    `crm.edit(#${n}, ${field}=${JSON.stringify(value)})`,
    (m) => live(m, 'crm').length > 0,
    async (m, r) => {
      const e = pick(m, 'crm', n);
      const url = `/api/contacts/${e.crmId}`;
      const current = await r.s.owner.json<ApiContact>('GET', url, undefined, 200);
      await r.s.owner.json('PATCH', url, crmBody({ [field]: value }, current), 200);
      wrote(m, e, 'crm', { [field]: value });
      m.operations++;
      r.trail.push(`  → ${e.tag}`);
    },
  ),
);

const crmDelete = fc.nat().map((n) =>
  command(
    `crm.delete(#${n})`,
    (m) => live(m, 'crm').length > 0,
    async (m, r) => {
      const e = pick(m, 'crm', n);
      await r.s.owner.json('DELETE', `/api/contacts/${e.crmId}`, undefined, 204);
      e.deleted = { side: 'crm', window: m.window };
      m.operations++;
      r.trail.push(`  → ${e.tag}`);
    },
  ),
);

const outlookCreate = fc.tuple(fc.nat(2), valuesArb).map(([folder, v]) =>
  command(
    `outlook.create(folder ${folder}, ${JSON.stringify(v)})`,
    () => true,
    async (m, r) => {
      const tag = `T${m.nextTag++}`;
      const fields = {
        ...outlookFields(v),
        displayName: composeName(v.givenName as string, v.surname as string),
        department: tag,
      };
      const item = await r.s.outlook<{ id: string }>('POST', '/items', {
        kind: 'contact',
        folder: r.folders[folder],
        fields,
      });
      const e: Entity = { tag, crmId: undefined, outlookId: item.id, deleted: null, writes: [] };
      wrote(m, e, 'outlook', v);
      m.entities.push(e);
      m.operations++;
      r.trail.push(`  → ${tag} = outlook ${item.id}`);
    },
  ),
);

const outlookEdit = fc.tuple(fc.nat(), editArb).map(([n, { field, value }]) =>
  command(
    `outlook.edit(#${n}, ${field}=${JSON.stringify(value)})`,
    (m) => live(m, 'outlook').length > 0,
    async (m, r) => {
      const e = pick(m, 'outlook', n);
      const fields = outlookFields({ [field]: value });
      if (field === 'givenName' || field === 'surname') {
        // Outlook's contact form recomposes the display name ("Full name") when a name part changes.
        const c = await r.reader.contact(e.outlookId as string);
        const given = field === 'givenName' ? (value as string) : c.givenName;
        const surname = field === 'surname' ? (value as string) : c.surname;
        fields.displayName = composeName(given, c.middleName, surname);
      }
      await r.s.outlook('PATCH', `/items/${encodeURIComponent(e.outlookId as string)}`, { kind: 'contact', fields });
      wrote(m, e, 'outlook', { [field]: value });
      m.operations++;
      r.trail.push(`  → ${e.tag}`);
    },
  ),
);

const outlookDelete = fc.nat().map((n) =>
  command(
    `outlook.delete(#${n})`,
    (m) => live(m, 'outlook').length > 0,
    async (m, r) => {
      const e = pick(m, 'outlook', n);
      await r.s.outlook('DELETE', `/items/${encodeURIComponent(e.outlookId as string)}?kind=contact`);
      e.deleted = { side: 'outlook', window: m.window };
      m.operations++;
      r.trail.push(`  → ${e.tag}`);
    },
  ),
);

const outlookMove = fc.tuple(fc.nat(), fc.nat(1)).map(([n, to]) =>
  command(
    `outlook.move(#${n}, ${to})`,
    (m) => live(m, 'outlook').length > 0,
    async (m, r) => {
      const e = pick(m, 'outlook', n);
      const c = await r.reader.contact(e.outlookId as string);
      const others = r.folders.filter((f) => f !== c.parentFolderId);
      const target = others[to % others.length] as string;
      const moved = await r.s.outlook<{ id: string }>('POST', `/items/${encodeURIComponent(c.id)}/move`, {
        kind: 'contact',
        folder: target,
      });
      e.outlookId = moved.id;
      m.operations++;
      r.trail.push(`  → ${e.tag} to ${target}`);
    },
  ),
);

const sync = fc.constant(
  command(
    'sync',
    () => true,
    async (m, r) => {
      const before = await r.s.h.fx.control.stats();
      const run = await r.s.sync();
      const after = await r.s.h.fx.control.stats();
      const sum = (x: Record<string, number>) => Object.values(x).reduce((a, b) => a + b, 0);
      r.trail.push(
        `  → ${run.state} ${JSON.stringify(run.counts)} conflicts ${run.conflicts}${run.error ? ` ${run.error.code}` : ''}; ${sum(after.requests) - sum(before.requests)} requests, ${(after.counters.faultsFired ?? 0) - (before.counters.faultsFired ?? 0)} faults, ${(after.counters.served429 ?? 0) - (before.counters.served429 ?? 0)} × 429`,
      );
      if (run.state === 'succeeded') {
        m.syncs.succeeded++;
        // A run that left an item behind is no barrier: that item's change may not have gone across yet.
        if (run.counts.failed === 0) m.window++;
      } else {
        assert.equal(run.state, 'failed', `unexpected run state: ${JSON.stringify(run)}`);
        assert.ok(m.faultsOn, `a run failed with no fault switched on: ${JSON.stringify(run)}`);
        m.syncs.failed++;
      }
      await locate(m, r);
    },
  ),
);

const CONTACT_PATHS = '/v1.0/me/contact';
const faultOn = fc
  .oneof(
    fc.constant({ kind: 'throttle' as const }),
    fc.constant({ kind: 'unavailable' as const }),
    // Not PATCH: stamping imported items goes through $batch, which sleeps out an inner Retry-After (capped at 60 s)
    // instead of failing the attempt, so a stalled PATCH would only make the test a minute slower.
    fc.constantFrom('GET', 'POST', 'DELETE').map((method) => ({ kind: 'stall' as const, method })),
    fc.constant({ kind: 'replay' as const }),
    fc.constantFrom('410', 'syncStateNotFound').map((how) => ({ kind: 'invalidate' as const, how })),
  )
  .map((f) =>
    command(
      `faults.on(${JSON.stringify(f)})`,
      () => true,
      async (m, r) => {
        const { control } = r.s.h.fx;
        const rule = async (body: Record<string, unknown>) => {
          const previous = r.faults.get(f.kind);
          if (previous) await fetch(`${r.s.h.fx.url}/_emulator/faults/${previous}`, { method: 'DELETE' });
          r.faults.set(f.kind, (await control.addFault(body)).id);
        };
        switch (f.kind) {
          case 'throttle':
            await rule({
              match: { path: CONTACT_PATHS },
              respond: { status: 429, headers: { 'Retry-After': '1' } },
              probability: 0.03,
            });
            break;
          case 'unavailable':
            await rule({ match: { path: CONTACT_PATHS }, respond: { status: 503 }, probability: 0.03 });
            break;
          case 'stall':
            // Longer than the mailbox limiter waits out: this attempt of the run fails and the job is retried.
            await rule({
              match: { method: f.method, path: CONTACT_PATHS },
              respond: { status: 503, headers: { 'Retry-After': '600' } },
              count: 1,
            });
            break;
          case 'replay':
            await control.setConfig({ deltaReplayProbability: 0.5 });
            break;
          case 'invalidate':
            await rule({ match: { path: '/v1.0/me/contactFolders' }, invalidateDelta: f.how, probability: 0.25 });
            break;
        }
        m.faultsOn = true;
      },
    ),
  );

const faultsOff = fc.constant(
  command(
    'faults.off',
    () => true,
    async (m, r) => {
      await r.s.h.fx.control.clearFaults();
      await r.s.h.fx.control.setConfig({ deltaReplayProbability: 0 });
      r.faults.clear();
      m.faultsOn = false;
    },
  ),
);

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: crmCreate, weight: 10 },
  { arbitrary: crmEdit, weight: 18 },
  { arbitrary: crmDelete, weight: 4 },
  { arbitrary: outlookCreate, weight: 10 },
  { arbitrary: outlookEdit, weight: 18 },
  { arbitrary: outlookDelete, weight: 4 },
  { arbitrary: outlookMove, weight: 5 },
  { arbitrary: sync, weight: 8 },
  { arbitrary: faultOn, weight: 4 },
  { arbitrary: faultsOff, weight: 2 },
);

// ---------------------------------------------------------------------------------------------------------------
// The end state.

/** The values a field may hold at the end: the last write, or either side's last write when they conflicted. */
function expected(e: Entity, field: Field): Value[] {
  const last = (side: Side) => e.writes.filter((w) => w.field === field && w.side === side).at(-1);
  const crm = last('crm');
  const outlook = last('outlook');
  if (!crm || !outlook) return [(crm ?? outlook)?.value ?? null];
  if (crm.window !== outlook.window) return [(crm.window > outlook.window ? crm : outlook).value];
  return [crm.value, outlook.value];
}

const same = (a: Value, b: Value) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A deletion on one side of a contact the other side changed between the same two syncs: the engine may let the
 * deletion win or keep the edited version (a CRM edit is kept over a deletion in the mailbox); either is fine as
 * long as both sides agree.
 */
function deletionContested(e: Entity): boolean {
  const { deleted } = e;
  return deleted !== null && e.writes.some((w) => w.side !== deleted.side && w.window === deleted.window);
}

async function endStateProblems(m: Model, r: Real): Promise<string[]> {
  const all = await sides(r);
  const problems: string[] = [];
  // The users' own contacts were exported once each and are otherwise not the test's business.
  for (const id of r.foreign) {
    if (!all.crm.some((c) => c.id === id)) problems.push(`the user contact ${id} went missing in the CRM`);
    const copies = all.outlook.filter((o) => o.stamp === id).length;
    if (copies !== 1) problems.push(`the user contact ${id} is in Outlook ${copies} times`);
  }
  const crm = all.crm.filter((c) => !r.foreign.has(c.id));
  const outlook = all.outlook.filter((o) => !(o.stamp && r.foreign.has(o.stamp)));

  for (const [tag, n] of repeated(crm.map((c) => c.department))) {
    const which = crm.filter((c) => c.department === tag).map((c) => `${c.id} "${c.fullName}"`);
    problems.push(`the CRM holds ${n} contacts tagged ${tag}: ${which.join(', ')}`);
  }
  for (const [tag, n] of repeated(outlook.map((c) => c.department))) {
    const which = outlook.filter((c) => c.department === tag).map((c) => `${c.id} "${c.displayName}" ${c.stamp}`);
    problems.push(`Outlook holds ${n} contacts tagged ${tag}: ${which.join(', ')}`);
  }
  const crmByTag = new Map(crm.map((c) => [c.department ?? '', c]));
  const outlookByTag = new Map(outlook.map((c) => [c.department ?? '', c]));
  const byTag = new Map(m.entities.map((e) => [e.tag, e]));
  for (const tag of new Set([...crmByTag.keys(), ...outlookByTag.keys()])) {
    const e = byTag.get(tag);
    const where = [crmByTag.get(tag)?.id, outlookByTag.get(tag)?.id].filter(Boolean).join(', ');
    if (!e) problems.push(`a contact the test never made: "${tag}" ${where}`);
    else if (e.deleted && !deletionContested(e)) {
      problems.push(`${tag} was deleted in ${e.deleted.side} but is still there: ${where}`);
    }
  }
  for (const e of m.entities) {
    const c = crmByTag.get(e.tag);
    const o = outlookByTag.get(e.tag);
    const contested = deletionContested(e);
    if (e.deleted && !contested) continue;
    if (contested && !c && !o) continue;
    if (!c) problems.push(`${e.tag} is missing in the CRM (${o?.id})${contested ? ', but not in Outlook' : ''}`);
    if (!o) problems.push(`${e.tag} is missing in Outlook (${c?.id})${contested ? ', but not in the CRM' : ''}`);
    if (!c || !o) continue;
    const cv = crmValues(c);
    const ov = outlookValues(o);
    const crmKey = keyOf(c.fullName, cv.emails as string[]);
    const outlookKey = keyOf(o.displayName, ov.emails as string[]);
    if (crmKey !== outlookKey) problems.push(`${e.tag}: CRM "${crmKey}" ≠ Outlook "${outlookKey}" (${c.id}, ${o.id})`);
    for (const field of FIELDS) {
      if (!same(cv[field], ov[field])) {
        problems.push(
          `${e.tag}.${field}: CRM ${JSON.stringify(cv[field])} ≠ Outlook ${JSON.stringify(ov[field])} (${c.id}, ${o.id})`,
        );
        continue;
      }
      if (contested) continue;
      const allowed = expected(e, field);
      if (!allowed.some((v) => same(v, cv[field]))) {
        const writes = JSON.stringify(e.writes.filter((w) => w.field === field));
        problems.push(
          `${e.tag}.${field}: both hold ${JSON.stringify(cv[field])}, expected ${allowed.map((v) => JSON.stringify(v)).join(' or ')}; writes ${writes} (${c.id}, ${o.id})`,
        );
      }
    }
  }
  const crmKeys = all.crm.map((c) => keyOf(c.fullName, crmValues(c).emails as string[])).sort();
  const outlookKeys = all.outlook.map((c) => keyOf(c.displayName, outlookValues(c).emails as string[])).sort();
  if (!same(crmKeys, outlookKeys)) problems.push('the name+emails keys of the two sides are not the same');
  const links = await contactLinks(r.database.db, r.s.mailboxId);
  problems.push(
    ...linkProblems(
      links,
      all.crm.map((c) => c.id),
      all.outlook,
    ),
  );
  return problems;
}

/** The journal lines about the records and items a failure names, oldest first. */
async function printJournal(r: Real, message: string): Promise<void> {
  const ids = new Set(message.match(/[0-9a-f]{8}-[0-9a-f-]{27}|AAkA[\w-]+/g) ?? []);
  if (ids.size === 0) return;
  const page = await r.s.owner.json<{ items: Record<string, unknown>[] }>(
    'GET',
    `/api/mailboxes/${r.s.mailboxId}/journal?limit=500`,
    undefined,
    200,
  );
  const lines = page.items.filter((j) => ids.has(String(j.crmId)) || ids.has(String(j.remoteId))).reverse();
  console.log(`# journal:\n${lines.map((j) => JSON.stringify(j)).join('\n')}`);
}

// ---------------------------------------------------------------------------------------------------------------

async function setUp(
  open: () => Promise<TestDatabase>,
  sequence: number,
): Promise<{ real: Real; close(): Promise<void> }> {
  const database = await open();
  const vault = createVault(generateVaultKey());
  const warnings: string[] = [];
  const retried = { count: 0 };
  const note = (obj: object, msg: string) => {
    if (msg === 'sync run failed') retried.count++;
    warnings.push(`${msg} ${JSON.stringify(obj)}`);
  };
  const runtime = startSyncRuntime({
    db: database.db,
    vault,
    config: loadConfig({ LOG_LEVEL: 'silent', OAUTH_ALLOW_INSECURE_LOOPBACK: 'true' }),
    logger: { info: () => undefined, warn: note, error: note },
    scheduler: false,
    // A failed attempt is retried soon: the test waits for every run to end.
    attempts: 6,
    backoffMs: 100,
  });
  const s = await syncHarness(database, 'anna', 'Anna Petrova', { vault, sync: runtime });
  await s.settings({
    contacts: { import: true, importFolders: 'all', export: true, exportScope: 'all' },
    deletions: { toCrm: true, toExchange: true },
  });
  await s.h.fx.control.setConfig({ faultSeed: SEED + sequence });
  const alpha = await s.outlook<{ id: string }>('POST', '/folders', {
    kind: 'contact',
    parent: 'contacts',
    displayName: 'Альфа',
  });
  const beta = await s.outlook<{ id: string }>('POST', '/folders', {
    kind: 'contact',
    parent: 'contacts',
    displayName: 'Beta',
  });
  // The default Contacts folder's id, from where a contact created there lands.
  const probe = await s.outlook<{ id: string; folderId: string }>('POST', '/items', {
    kind: 'contact',
    folder: 'contacts',
    fields: { givenName: 'probe' },
  });
  await s.outlook('DELETE', `/items/${encodeURIComponent(probe.id)}?kind=contact`);
  const folderId = probe.folderId;
  const real: Real = {
    s,
    database,
    reader: mailboxReader(s),
    folders: [folderId, alpha.id, beta.id],
    foreign: new Set((await s.crmContacts()).map((c) => c.id)),
    faults: new Map(),
    trail: [],
    warnings,
    retried,
  };
  return {
    real,
    async close() {
      await runtime.close();
      await s.close();
      await database.drop();
    },
  };
}

/**
 * Declares the model-based suite on one database (one test file each, so that each ends within the runner's five
 * minutes per file).
 */
export async function modelSuite(name: 'sqlite' | 'postgres'): Promise<void> {
  const dialect = (await dialects()).find((d) => d.name === name);
  const skip = dialect ? false : `${name} unavailable`;
  describe(`contact sync, model-based (${name})`, { skip }, () => {
    if (!dialect) return;
    it(`converges with no duplicates and no lost edits over random operations (seed ${SEED})`, {
      timeout: 20 * 60_000,
    }, async () => {
      console.log(`# contacts-model (${dialect.name}): seed ${SEED}, ${SEQUENCES} sequences × ${COMMANDS} commands`);
      const totals = { operations: 0, syncs: 0, failedRuns: 0, retried: 0 };
      let sequence = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(commandArb, { minLength: COMMANDS, maxLength: COMMANDS }), async (commands) => {
          sequence++;
          const started = Date.now();
          const model: Model = {
            entities: [],
            nextTag: 1,
            window: 0,
            faultsOn: false,
            operations: 0,
            syncs: { succeeded: 0, failed: 0 },
          };
          const { real, close } = await setUp(dialect.open, sequence);
          try {
            await fc.asyncModelRun(() => ({ model, real }), commands);
            // The end: faults off, then two syncs that must both succeed; the second finds nothing left to do.
            await real.s.h.fx.control.clearFaults();
            await real.s.h.fx.control.setConfig({ deltaReplayProbability: 0 });
            const first = await real.s.sync();
            real.trail.push(`final sync 1 → ${first.state} ${JSON.stringify(first.counts)}`);
            assert.equal(first.state, 'succeeded', JSON.stringify(first));
            assert.equal(first.counts.failed, 0, JSON.stringify(first));
            const second = await real.s.sync();
            real.trail.push(`final sync 2 → ${second.state} ${JSON.stringify(second.counts)}`);
            assert.equal(second.state, 'succeeded', JSON.stringify(second));
            const { created, updated, deleted, failed } = second.counts;
            assert.deepEqual(
              { created, updated, deleted, failed },
              { created: 0, updated: 0, deleted: 0, failed: 0 },
              `the second sync still changed things: ${JSON.stringify(second)}`,
            );
            const problems = await endStateProblems(model, real);
            assert.deepEqual(problems, []);
          } catch (err) {
            const trailFile = join(tmpdir(), `contacts-model-${dialect.name}-${SEED}-${sequence}.log`);
            writeFileSync(trailFile, real.trail.join('\n'));
            console.log(`# sequence ${sequence} failed (every step: ${trailFile}); last steps:`);
            console.log(real.trail.slice(-60).join('\n'));
            const message = err instanceof Error ? err.message : String(err);
            console.log(`# ${message}`);
            await printJournal(real, message);
            if (real.warnings.length) console.log(`# worker warnings:\n${real.warnings.slice(-30).join('\n')}`);
            throw err;
          } finally {
            await close();
          }
          totals.operations += model.operations;
          totals.syncs += model.syncs.succeeded + model.syncs.failed;
          totals.failedRuns += model.syncs.failed;
          totals.retried += real.retried.count;
          console.log(
            `# sequence ${sequence}: ${model.operations} operations, ${model.syncs.succeeded} syncs succeeded, ${model.syncs.failed} failed under faults, ${real.retried.count} failed attempts retried, ${model.entities.filter((e) => !e.deleted).length} of the test's contacts at the end, ${Math.round((Date.now() - started) / 1000)} s`,
          );
        }),
        { seed: SEED, numRuns: SEQUENCES, endOnFailure: true },
      );
      console.log(
        `# contacts-model (${dialect.name}): ${totals.operations} operations, ${totals.syncs} syncs (${totals.failedRuns} failed under faults, ${totals.retried} failed attempts retried)`,
      );
      assert.ok(totals.operations >= MIN_OPERATIONS, `only ${totals.operations} operations ran`);
    });
  });
}
