/**
 * Contact sync benchmark (issue "contact sync: initial import and incremental performance"), on SQLite and on
 * PostgreSQL, against the Microsoft 365 emulator running in a child process (so this process's RSS is Tandem's and
 * the bench driver's only, and the emulator does not share Tandem's event loop — like a remote server):
 *
 * - import: 10,000 seeded contacts (Cyrillic, CJK, Arabic and Latin names, several emails and phones, addresses,
 *   companies — every other company name is a CRM account) through a real sync run: requested through the API,
 *   polled until it succeeds; the run's time from being queued to finishing as Tandem records it (the API's
 *   queuedAt/finishedAt; `seenSeconds` is the time until a poll saw it end, up to one poll interval later), items/s,
 *   peak RSS (sampled every 20 ms), Graph requests per item. The mailbox has the defaults of a new one (import on,
 *   export off).
 * - floor: in the same run, the same delta pages fetched and parsed through the same Graph connector (same page size,
 *   `$select` and `$expand`), each page's rows bulk-inserted in one transaction, with no sync logic. Goal: import
 *   time ≤ 1.5 × floor time.
 * - incremental: export turned on and one first two-way run (it walks the 10,000 CRM contacts once and sends nothing),
 *   then 100 contacts changed in Outlook (control API) and 100 others in the CRM (API), and one run: time until
 *   both sides hold every change (checked afterwards), Graph requests per changed item; a further run must find
 *   nothing to do.
 *
 * Each repetition uses fresh databases and a fresh emulator user; the median of the repetitions is reported. Prints
 * one JSON line per repetition and per dialect, then a table.
 *
 *   npm run bench -- contact-sync
 *   BENCH_SYNC_DB=sqlite BENCH_SYNC_REPS=1 node --import tsx bench/contact-sync.bench.ts
 *
 * `BENCH_SYNC_PROFILE=<dir>` also writes a V8 CPU profile of each import and floor (this process only) to
 * `<dir>/{import,floor}-<db>-<rep>.cpuprofile`, for Chrome DevTools or `node bench/profile-summary.ts <file>`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { userService } from '../src/server/crm/users/user.service.ts';
import { dialects, type TestDatabase } from '../test/helpers/databases.ts';
import {
  type EmulatorProcess,
  floorImport,
  graphMailbox,
  graphRequests,
  median,
  readAllRemote,
  rssSampler,
  seedCompanies,
  startEmulatorProcess,
  startTandem,
  type Tandem,
} from './contact-sync-setup.ts';

const CONTACTS = Number(process.env.BENCH_SYNC_CONTACTS ?? 10_000);
const REPS = Number(process.env.BENCH_SYNC_REPS ?? 3);
const CHANGES = Number(process.env.BENCH_SYNC_CHANGES ?? 100);
const ONLY_DB = process.env.BENCH_SYNC_DB;
const WARM_UP = process.env.BENCH_SYNC_WARMUP !== '0';
const PROFILE_DIR = process.env.BENCH_SYNC_PROFILE;
const GOAL = 1.5;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

interface Phase {
  seconds: number;
  itemsPerSec: number;
  peakRssMb: number;
  startRssMb: number;
  cpuSeconds: number;
  graphRequests: number;
  requestsPerItem: number;
}

function phase(
  items: number,
  seconds: number,
  mem: { peakRssMb: number; startRssMb: number; cpuSeconds: number },
  requests: number,
) {
  return {
    seconds: round(seconds),
    itemsPerSec: Math.round(items / seconds),
    ...mem,
    graphRequests: requests,
    requestsPerItem: round(requests / items, 4),
  };
}

type Dialect = Awaited<ReturnType<typeof dialects>>[number];

async function measureFloor(emulator: EmulatorProcess, dialect: Dialect, email: string, rep: number): Promise<Phase> {
  const database = await dialect.open();
  try {
    await userService.ensureAdministrator(database.db, 'admin-password-1');
    const admin = await userService.findForLogin(database.db, 'admin');
    if (!admin) throw new Error('no administrator');
    const remote = graphMailbox(emulator, await emulator.token(email));
    await emulator.resetStats();
    const rss = rssSampler();
    const started = performance.now();
    const { items } = await profiled(`floor-${dialect.name}-${rep}`, () => floorImport(database.db, remote, admin.id));
    const seconds = (performance.now() - started) / 1000;
    const mem = rss.stop();
    const { graph } = graphRequests(await emulator.stats());
    if (items !== CONTACTS) throw new Error(`floor: ${items} contacts, expected ${CONTACTS}`);
    return phase(items, seconds, mem, graph);
  } finally {
    await database.drop();
  }
}

/** Runs `fn` under the V8 CPU profiler when BENCH_SYNC_PROFILE names a folder, and writes the profile there. */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(PROFILE_DIR, { recursive: true });
    await writeFile(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
  }
}

async function measureImport(emulator: EmulatorProcess, t: Tandem, db: TestDatabase['db'], name: string) {
  await emulator.resetStats();
  const rss = rssSampler();
  const { run, seconds: seenSeconds, runSeconds } = await profiled(name, () => t.sync());
  const mem = rss.stop();
  const { graph, served429, byRoute } = graphRequests(await emulator.stats());
  if (run.state !== 'succeeded' || run.counts.created !== CONTACTS) {
    throw new Error(`import: ${JSON.stringify(run)}`);
  }
  const linked = await db
    .selectFrom('sync_links')
    .innerJoin('contacts', 'contacts.id', 'sync_links.crm_id')
    .select([sql<number>`count(*)`.as('n'), sql<number>`count(contacts.account_id)`.as('withAccount')])
    .where('sync_links.mailbox_id', '=', t.mailboxId)
    .executeTakeFirstOrThrow();
  if (Number(linked.n) !== CONTACTS) throw new Error(`import: ${linked.n} linked CRM contacts, expected ${CONTACTS}`);
  return {
    // The run's own time: polling adds up to POLL_MS to the wall time the bench sees, which is not Tandem's cost and
    // is not in the floor's (timed in-process to the millisecond).
    ...phase(CONTACTS, runSeconds, mem, graph),
    seenSeconds: round(seenSeconds),
    served429,
    requestsByRoute: byRoute,
    withAccount: Number(linked.withAccount),
  };
}

/** 100 changes on each side, one run, then both sides are read back to see that every change crossed over. */
async function measureIncremental(emulator: EmulatorProcess, t: Tandem, db: TestDatabase['db'], email: string) {
  // The contacts to change: imported ones (read before export adds status rows for CRM contacts the owner may only
  // read, such as other users' own contacts).
  const links = await db
    .selectFrom('sync_links')
    .select(['crm_id', 'remote_id'])
    .where('mailbox_id', '=', t.mailboxId)
    .orderBy('crm_id')
    .limit(2 * CHANGES)
    .execute();
  await t.owner.json('PUT', `/api/mailboxes/${t.mailboxId}/sync-settings`, { contacts: { export: true } }, 200);
  // The first run with export on starts at export position 0: it walks every CRM contact once (all of them its own
  // imports, nothing to send). Measured apart, so that the incremental run below is only the incremental work.
  await emulator.resetStats();
  const first = await t.sync();
  const firstRequests = graphRequests(await emulator.stats()).graph;
  if (first.run.state !== 'succeeded') throw new Error(`first two-way run: ${JSON.stringify(first.run)}`);

  const inOutlook = links.slice(0, CHANGES);
  const inCrm = links.slice(CHANGES, 2 * CHANGES);
  const tag = Date.now().toString(36);
  for (const [i, l] of inOutlook.entries()) {
    const res = await fetch(`${emulator.url}/_emulator/users/${encodeURIComponent(email)}/items/${l.remote_id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'contact',
        fields: { jobTitle: `Outlook ${tag} ${i}`, personalNotes: `Изменено в Outlook ${i}` },
      }),
    });
    if (!res.ok) throw new Error(`Outlook edit: ${res.status} ${await res.text()}`);
  }
  for (const [i, l] of inCrm.entries()) {
    await t.owner.json('PATCH', `/api/contacts/${l.crm_id}`, { jobTitle: `CRM ${tag} ${i}`, notes: `CRM ${i}` }, 200);
  }

  await emulator.resetStats();
  const rss = rssSampler();
  const { run, seconds, runSeconds } = await t.sync();
  const mem = rss.stop();
  const requests = graphRequests(await emulator.stats());
  if (run.state !== 'succeeded') throw new Error(`incremental: ${JSON.stringify(run)}`);

  // Both sides equal in what changed: the CRM holds Outlook's edits, Outlook holds the CRM's.
  const crmRows = await db
    .selectFrom('contacts')
    .select(['id', 'job_title', 'notes'])
    .where(
      'id',
      'in',
      inOutlook.map((l) => l.crm_id),
    )
    .execute();
  const crmById = new Map(crmRows.map((r) => [r.id, r]));
  const remote = await readAllRemote(graphMailbox(emulator, await emulator.token(email)));
  const missing = [
    ...inOutlook.filter((l, i) => crmById.get(l.crm_id)?.job_title !== `Outlook ${tag} ${i}`),
    ...inCrm.filter((l, i) => remote.get(l.remote_id ?? '')?.jobTitle !== `CRM ${tag} ${i}`),
  ];
  const again = await t.sync();
  const c = again.run.counts;
  const quiet = again.run.state === 'succeeded' && c.created + c.updated + c.deleted + c.failed === 0;
  return {
    firstTwoWayRun: { seconds: round(first.seconds), graphRequests: firstRequests },
    incremental: {
      changes: 2 * CHANGES,
      seconds: round(seconds),
      runSeconds: round(runSeconds),
      ...mem,
      counts: run.counts,
      conflicts: run.conflicts,
      graphRequests: requests.graph,
      served429: requests.served429,
      requestsPerItem: round(requests.graph / (2 * CHANGES), 3),
      requestsByRoute: requests.byRoute,
      converged: missing.length === 0,
      notCrossed: missing.length,
      nextRunQuiet: quiet,
    },
  };
}

const emulator = await startEmulatorProcess();
const companies = seedCompanies();
const accounts = companies.filter((_, i) => i % 2 === 0);
const summaries: Record<string, unknown>[] = [];
let userNo = 0;
try {
  for (const dialect of (await dialects()).filter((d) => !ONLY_DB || d.name === ONLY_DB)) {
    const reps: {
      import: Phase & { seenSeconds: number };
      floor: Phase;
      ratio: number;
      firstTwoWayRun: { seconds: number };
      incremental: { seconds: number; cpuSeconds: number; requestsPerItem: number; converged: boolean };
    }[] = [];
    // Repetition 0 warms the process up (the JIT, the driver, the emulator) and is not reported: otherwise the first
    // repetition's import pays for compiling every code path it shares with the floor that follows it.
    for (let rep = WARM_UP ? 0 : 1; rep <= REPS; rep++) {
      // Two mailboxes seeded alike (same seed: the same 10,000 contacts): one for the sync, one for the floor, since
      // the sync's mailbox changes (incremental edits, exported CRM contacts).
      const email = await emulator.addUser(++userNo, CONTACTS);
      const floorEmail = await emulator.addUser(++userNo, CONTACTS);
      // Alternate which goes first, so neither always meets a colder process.
      const floorFirst = rep % 2 === 0 ? await measureFloor(emulator, dialect, floorEmail, rep) : undefined;
      const database = await dialect.open();
      let measured: Awaited<ReturnType<typeof measureImport>> & Awaited<ReturnType<typeof measureIncremental>>;
      try {
        const t = await startTandem(database, emulator, email, accounts);
        try {
          const imported = await measureImport(emulator, t, database.db, `import-${dialect.name}-${rep}`);
          measured = { ...imported, ...(await measureIncremental(emulator, t, database.db, email)) };
        } finally {
          await t.close();
        }
      } finally {
        await database.drop();
      }
      const floor = floorFirst ?? (await measureFloor(emulator, dialect, floorEmail, rep));
      const { firstTwoWayRun, incremental, ...imported } = measured;
      const line = {
        bench: 'contact-sync',
        db: dialect.name,
        rep,
        contacts: CONTACTS,
        import: imported,
        floor,
        ratio: round(imported.seconds / floor.seconds),
        firstTwoWayRun,
        incremental,
      };
      if (rep === 0) {
        console.log(JSON.stringify({ ...line, warmUp: true }));
        continue;
      }
      console.log(JSON.stringify(line));
      reps.push(line);
    }
    const med = (f: (r: (typeof reps)[number]) => number) => median(reps.map(f));
    const all = (f: (r: (typeof reps)[number]) => number) => reps.map(f);
    const summary = {
      bench: 'contact-sync',
      db: dialect.name,
      contacts: CONTACTS,
      repetitions: REPS,
      importSeconds: med((r) => r.import.seconds),
      importSeenSeconds: med((r) => r.import.seenSeconds),
      importItemsPerSec: med((r) => r.import.itemsPerSec),
      importCpuSeconds: med((r) => r.import.cpuSeconds),
      importPeakRssMb: med((r) => r.import.peakRssMb),
      importRequestsPerItem: med((r) => r.import.requestsPerItem),
      floorSeconds: med((r) => r.floor.seconds),
      floorItemsPerSec: med((r) => r.floor.itemsPerSec),
      floorCpuSeconds: med((r) => r.floor.cpuSeconds),
      floorPeakRssMb: med((r) => r.floor.peakRssMb),
      /** Median of the repetitions' import/floor time ratios (each repetition's pair ran back to back). */
      ratio: med((r) => r.ratio),
      firstTwoWaySeconds: med((r) => r.firstTwoWayRun.seconds),
      incrementalSeconds: med((r) => r.incremental.seconds),
      incrementalCpuSeconds: med((r) => r.incremental.cpuSeconds),
      incrementalRequestsPerItem: med((r) => r.incremental.requestsPerItem),
      converged: reps.every((r) => r.incremental.converged),
      all: {
        importSeconds: all((r) => r.import.seconds),
        importSeenSeconds: all((r) => r.import.seenSeconds),
        floorSeconds: all((r) => r.floor.seconds),
        ratio: all((r) => r.ratio),
        incrementalSeconds: all((r) => r.incremental.seconds),
      },
      goal: `import <= ${GOAL} x floor`,
      met: med((r) => r.ratio) <= GOAL,
    };
    console.log(JSON.stringify(summary));
    summaries.push(summary);
  }
} finally {
  await emulator.close();
}

const rows = summaries.map((s) => ({
  db: s.db,
  'import s': s.importSeconds,
  'import seen s': s.importSeenSeconds,
  'import items/s': s.importItemsPerSec,
  'import CPU s': s.importCpuSeconds,
  'import peak RSS MB': s.importPeakRssMb,
  'floor s': s.floorSeconds,
  'floor items/s': s.floorItemsPerSec,
  'floor CPU s': s.floorCpuSeconds,
  'import/floor': s.ratio,
  'import req/item': s.importRequestsPerItem,
  'incremental s': s.incrementalSeconds,
  'incremental req/item': s.incrementalRequestsPerItem,
}));
console.table(rows);
