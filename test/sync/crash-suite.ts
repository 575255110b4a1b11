import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/server/config.ts';
import { createJobQueue } from '../../src/server/jobs/create-job-queue.ts';
import type { JobQueue } from '../../src/server/jobs/job-queue.port.ts';
import { type SyncRuntime, startSyncRuntime } from '../../src/server/jobs/sync-runtime.ts';
import { createVault, generateVaultKey } from '../../src/server/mail/vault/secret-vault.ts';
import { freshPostgres, freshSqlite, postgresAvailable, type TestDatabase } from '../helpers/databases.ts';
import { deletePrefix, redisUnreachable, TEST_REDIS_URL } from '../jobs/redis-tier.ts';
import type { RunView, SyncHarness } from './sync-harness.ts';
import { syncHarness } from './sync-harness.ts';
import { eventually, markedProblems, markerIn, sleep } from './sync-observer.ts';

/**
 * CT-6 "no duplicate is ever created, also after a crash", with a real `tandem worker` PROCESS killed (SIGKILL) at
 * random points: the test process holds Tandem's API (a sync runtime that queues runs but works none) and the
 * Microsoft 365 emulator; `node --import tsx src/server/main.ts worker` works the runs on the same database (and, in
 * one variant, the same BullMQ queue on Redis). First an initial import of 5,000 contacts, killed several times and
 * restarted each time; then an incremental run with changes on both sides, killed the same way — also while the
 * contacts the CRM created are being written to the mailbox. After each: the run succeeded, nothing is missing,
 * nothing is there twice, and the status rows are one per contact. Kill points come from a seeded generator (printed;
 * `TANDEM_CRASH_SEED=<n>` replays the choices). One test file per variant (`contacts-crash*.test.ts`): the runner
 * gives each file five minutes. Not a test file itself.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEED = Number(process.env.TANDEM_CRASH_SEED ?? 5_000_611);
const SEEDED = 5000;
/** Lease of the worker process: a killed worker's run is taken over after about 1.5 × this. */
const LEASE_SECONDS = 2;

/** mulberry32: the kill points of a variant, replayable from the seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

const marker = (i: number) => `seed-${String(i).padStart(5, '0')}@crash.test`;
const markerOf = (emails: string[]) => markerIn(emails, 'crash.test');

/** Worker processes alive now: killed with this process too, so a timed-out test leaves none behind. */
const alive = new Set<ChildProcess>();
let reaperInstalled = false;
function installReaper(): void {
  if (reaperInstalled) return;
  reaperInstalled = true;
  const reap = () => {
    for (const child of alive) child.kill('SIGKILL');
  };
  process.once('exit', reap);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => {
      reap();
      process.exit(1);
    });
  }
}

/** A `tandem worker` process; its output goes to one log file for the whole test, printed when the test fails. */
class WorkerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  starts = 0;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly logFile: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    assert.equal(this.child, undefined, 'a worker is already running');
    const fd = openSync(this.logFile, 'a');
    writeSync(fd, `\n==== worker start #${++this.starts} at ${new Date().toISOString()} ====\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'worker'], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    installReaper();
    alive.add(child);
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        alive.delete(child);
        resolve();
      }),
    );
  }

  /** SIGKILL: no shutdown hook, no lease released, transactions cut wherever they were. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGKILL');
    await this.exited;
    this.child = undefined;
  }

  /** SIGTERM, as an operator stops it; SIGKILL when it does not stop within 30 s. */
  async stop(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([this.exited?.then(() => true), sleep(30_000).then(() => false)]);
    if (!stopped) this.child.kill('SIGKILL');
    await this.exited;
    this.child = undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null;
  }

  tail(lines = 150): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no worker log)';
    }
  }
}

export interface CrashVariant {
  name: 'sqlite' | 'postgres' | 'postgres + BullMQ';
  /** Kills during the initial import and during the incremental run. */
  kills: { import: [number, number]; incremental: [number, number] };
}

/**
 * A Redis database of its own for the BullMQ variant: `tandem worker` uses the default key prefix (`tandem`) and has
 * no setting for another, so isolation comes from the database number in REDIS_URL. A database is claimed with a key
 * set only if absent, and only an empty one is taken.
 */
async function claimRedisDatabase(): Promise<{ url: string; release(): Promise<void> }> {
  const base = new URL(TEST_REDIS_URL);
  const start = Math.floor(Math.random() * 15);
  for (let k = 0; k < 15; k++) {
    const db = 1 + ((start + k) % 15);
    base.pathname = `/${db}`;
    const url = base.toString();
    const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await client.connect();
      const claimed = await client.set('tandem-crash-test:claim', String(process.pid), 'EX', 3600, 'NX');
      if (claimed && (await client.dbsize()) === 1) {
        return {
          url,
          async release() {
            await deletePrefix('tandem', url);
            const c = new Redis(url, { maxRetriesPerRequest: 1 });
            await c.del('tandem-crash-test:claim');
            c.disconnect();
          },
        };
      }
      if (claimed) await client.del('tandem-crash-test:claim');
    } finally {
      client.disconnect();
    }
  }
  throw new Error(`no free Redis database (1–15) at ${TEST_REDIS_URL}`);
}

/** Declares the crash suite of one variant (one test file each: every file must end within the runner's 5 minutes). */
export async function crashSuite(variant: CrashVariant): Promise<void> {
  const redisUsed = variant.name === 'postgres + BullMQ';
  let skip: string | false = false;
  if (variant.name !== 'sqlite' && !(await postgresAvailable())) skip = 'PostgreSQL unreachable';
  const redisProblem = redisUsed ? await redisUnreachable() : undefined;
  if (redisProblem) {
    const line = `Redis at ${TEST_REDIS_URL} unreachable (${redisProblem})`;
    if (process.env.CI === 'true') throw new Error(`Redis tier required in CI: ${line}`);
    console.log(`\n!!! SKIPPED the crash test on BullMQ: ${line} !!!\n`);
    skip = line;
  }
  const open = variant.name === 'sqlite' ? freshSqlite : freshPostgres;
  describe(`contact sync survives a killed worker process (${variant.name})`, { skip }, () => {
    const rng = random(SEED + ['sqlite', 'postgres', 'postgres + BullMQ'].indexOf(variant.name));
    let database: TestDatabase;
    let runtime: SyncRuntime;
    let queue: JobQueue | undefined;
    let redis: Awaited<ReturnType<typeof claimRedisDatabase>> | undefined;
    let s: SyncHarness;
    let worker: WorkerProcess;
    let logDir: string;
    /** Outlook ids of the seeded contacts, by index. */
    const seededIds: string[] = [];

    before(async () => {
      console.log(`# contacts-crash (${variant.name}): seed ${SEED}`);
      database = await open();
      assert.ok(database.processEnv, 'the test database must be reachable from another process');
      const key = generateVaultKey();
      const vault = createVault(key);
      if (redisUsed) {
        redis = await claimRedisDatabase();
        queue = createJobQueue({ redisUrl: redis.url, prefix: 'tandem' });
      }
      const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
      // This process queues runs (the API) and works none; the worker process does.
      runtime = startSyncRuntime({
        db: database.db,
        vault,
        config: loadConfig({ LOG_LEVEL: 'silent', OAUTH_ALLOW_INSECURE_LOOPBACK: 'true' }),
        logger: log,
        ...(queue ? { queue } : {}),
        worker: false,
        scheduler: false,
      });
      s = await syncHarness(database, 'anna', 'Anna Petrova', { vault, sync: runtime });
      await s.settings({
        contacts: { import: true, importFolders: 'all', export: true, exportScope: 'all' },
        deletions: { toCrm: true, toExchange: true },
      });
      logDir = mkdtempSync(join(tmpdir(), 'tandem-crash-'));
      const env: NodeJS.ProcessEnv = { ...process.env };
      for (const k of ['DATABASE_URL', 'DATA_DIR', 'REDIS_URL', 'TANDEM_ADMIN_PASSWORD', 'PORT']) delete env[k];
      worker = new WorkerProcess(
        {
          ...env,
          NODE_ENV: 'test',
          ...database.processEnv,
          TANDEM_SECRET_KEY: key.toString('base64'),
          SYNC_LEASE_SECONDS: String(LEASE_SECONDS),
          OAUTH_ALLOW_INSECURE_LOOPBACK: 'true',
          LOG_LEVEL: 'info',
          ...(redis ? { REDIS_URL: redis.url } : {}),
        },
        join(logDir, 'worker.log'),
      );

      // 5,000 contacts, each with a unique email to find it by; a fifth in a subfolder.
      const clients = await s.outlook<{ id: string }>('POST', '/folders', {
        kind: 'contact',
        parent: 'contacts',
        displayName: 'Клиенты',
      });
      for (let i = 0; i < SEEDED; i += 50) {
        const batch = Array.from({ length: Math.min(50, SEEDED - i) }, (_, k) => i + k);
        const refs = await Promise.all(
          batch.map((n) =>
            s.outlookContact(
              {
                givenName: n % 3 === 0 ? 'Ольга' : 'Seed',
                surname: `Контакт ${n}`,
                jobTitle: `Seed title ${n}`,
                emailAddresses: [{ name: marker(n), address: marker(n) }],
              },
              n % 5 === 0 ? clients.id : 'contacts',
            ),
          ),
        );
        refs.forEach((ref, k) => {
          seededIds[i + k] = ref.id;
        });
      }
    });

    after(async () => {
      await worker?.stop();
      await runtime?.close();
      await queue?.close();
      await s?.close();
      await database?.drop();
      await redis?.release();
      if (logDir) rmSync(logDir, { recursive: true, force: true });
    });

    const run = (runId: string) =>
      s.owner.json<RunView & { stage: string | null }>(
        'GET',
        `/api/mailboxes/${s.mailboxId}/sync-runs/${runId}`,
        undefined,
        200,
      );
    const rawRun = (runId: string) =>
      database.db.selectFrom('sync_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
    const ended = (state: string) => !['queued', 'running'].includes(state);
    const creates = async () => {
      const { requests } = await s.h.fx.control.stats();
      return Object.entries(requests)
        .filter(([route]) => route.startsWith('POST ') && /contactFolders\/[^/]+\/contacts$/i.test(route))
        .reduce((sum, [, n]) => sum + n, 0);
    };

    /**
     * Starts the worker, lets it work on the run, kills it at a random point; `times` over. Kill points: a random
     * 200–1500 ms after it took the run, once the run's counts grew by a random amount, or (`creates`) once the
     * mailbox received a random number of the contacts the CRM created. Returns what happened, for the report.
     */
    async function killRepeatedly(runId: string, times: number, modes: ('delay' | 'progress' | 'creates')[]) {
      const story: string[] = [];
      /** The run's counts at each kill that cut it while it was going. */
      const cuts: RunView['counts'][] = [];
      for (let k = 1; k <= times; k++) {
        worker.start();
        const pid = worker.pid as number;
        // The run is this worker's once it holds it (runs record `host:pid:…` as their worker).
        const taken = await eventually(`worker ${pid} to take run ${runId}`, 150_000, async () => {
          const r = await rawRun(runId);
          if (ended(r.state)) return r;
          return r.state === 'running' && r.worker?.split(':')[1] === String(pid) ? r : undefined;
        });
        if (ended(taken.state)) {
          story.push(`kill ${k}: the run had already ended (${taken.state})`);
          break;
        }
        // The first kill uses the first mode (the one sure to land mid-run), later ones any.
        const mode = (k === 1 ? modes[0] : modes[rng.int(0, modes.length - 1)]) as (typeof modes)[number];
        let point: string;
        if (mode === 'delay') {
          const ms = rng.int(200, 1500);
          await sleep(ms);
          point = `${ms} ms after it took the run`;
        } else if (mode === 'progress') {
          const start = await run(runId);
          const target = start.counts.created + start.counts.updated + rng.int(1, 1500);
          const reached = await until(30_000, async () => {
            const r = await run(runId);
            return ended(r.state) || r.counts.created + r.counts.updated >= target;
          });
          point = reached
            ? `when created+updated reached ${target}`
            : `30 s after it took the run (${target} not reached)`;
        } else {
          const base = await creates();
          const target = base + rng.int(1, 40);
          const reached = await until(
            30_000,
            async () => ended((await rawRun(runId)).state) || (await creates()) >= target,
          );
          point = reached
            ? `after ${target - base} contacts were created in the mailbox`
            : `30 s after it took the run (${target - base} creates not reached)`;
        }
        const at = await run(runId);
        if (ended(at.state)) {
          story.push(`kill ${k}: the run ended (${at.state}) before the kill point (${point})`);
          break;
        }
        await worker.kill();
        cuts.push(at.counts);
        story.push(`kill ${k}: ${point}; stage ${at.stage}, counts ${JSON.stringify(at.counts)}`);
        // A restarted worker takes a dead worker's run once its heartbeat is 1.5 leases old (the stale reaper).
        await sleep(rng.int(600, 2500));
      }
      return { story, cuts };
    }

    /** Polls until `probe` holds (true) or `ms` pass (false). */
    async function until(ms: number, probe: () => Promise<boolean>): Promise<boolean> {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        if (await probe()) return true;
        await sleep(10);
      }
      return false;
    }

    async function finish(runId: string): Promise<RunView> {
      if (!worker.running) worker.start();
      return eventually(
        `run ${runId} to end`,
        300_000,
        async () => {
          const r = await run(runId);
          return ended(r.state) ? r : undefined;
        },
        200,
      );
    }

    async function request(): Promise<string> {
      const { runId } = await s.owner.json<{ runId: string }>(
        'POST',
        `/api/mailboxes/${s.mailboxId}/sync`,
        { kind: 'contacts' },
        202,
      );
      // With the in-process queue the job lives in this process, which works none: the worker finds the run through
      // its stale-run reaper once the run has waited 1.5 leases.
      if (!redisUsed) await sleep(LEASE_SECONDS * 1500 + 300);
      return runId;
    }

    const check = (expected: Map<string, string>) => markedProblems(s, database.db, 'crash.test', expected);

    const expected = new Map<string, string>();
    const onFailure = async (fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (err) {
        console.log(`# worker log (${worker.logFile}), last lines:\n${worker.tail()}`);
        throw err;
      }
    };

    it(
      `an initial import of ${SEEDED} contacts, its worker killed at random points, ends with each contact once`,
      { timeout: 15 * 60_000 },
      () =>
        onFailure(async () => {
          const runId = await request();
          const { story, cuts } = await killRepeatedly(runId, rng.int(...variant.kills.import), ['progress', 'delay']);
          const done = await finish(runId);
          console.log(
            `# import (${variant.name}): ${story.join('; ')}; then ${done.state} ${JSON.stringify(done.counts)}, ${worker.starts} worker starts`,
          );
          assert.equal(done.state, 'succeeded', JSON.stringify(done));
          assert.ok(
            cuts.some((c) => c.created > 0 && c.created < SEEDED),
            `no kill landed in the middle of the import: ${story.join('; ')}`,
          );
          for (let i = 0; i < SEEDED; i++) expected.set(marker(i), `Seed title ${i}`);
          assert.deepEqual(await check(expected), []);
          const crm = await s.crmContacts();
          assert.equal(crm.filter((c) => c.communications.some((x) => x.value.endsWith('@crash.test'))).length, SEEDED);
          await worker.stop();
        }),
    );

    it(
      'an incremental run with changes on both sides, its worker killed at random points, ends with both sides equal',
      { timeout: 15 * 60_000 },
      () =>
        onFailure(async () => {
          assert.equal(expected.size, SEEDED, 'the import test ran first');
          const crmByMarker = new Map(
            (await s.crmContacts()).flatMap((c) => {
              const m = markerOf(c.communications.map((x) => x.value));
              return m ? [[m, c.id] as const] : [];
            }),
          );
          const crmId = (i: number) => crmByMarker.get(marker(i)) as string;
          const parallel = async (from: number, to: number, fn: (i: number) => Promise<unknown>) => {
            for (let i = from; i < to; i += 25) {
              await Promise.all(Array.from({ length: Math.min(25, to - i) }, (_, k) => fn(i + k)));
            }
          };
          // 300 edits in Outlook, 300 in the CRM, 20 deletions on each side (under the mass-deletion guard), 50 new
          // contacts on each side.
          await parallel(0, 300, async (i) => {
            await s.outlook('PATCH', `/items/${encodeURIComponent(seededIds[i] as string)}`, {
              kind: 'contact',
              fields: { jobTitle: `OL edit ${i}` },
            });
            expected.set(marker(i), `OL edit ${i}`);
          });
          await parallel(300, 600, async (i) => {
            await s.owner.json('PATCH', `/api/contacts/${crmId(i)}`, { jobTitle: `CRM edit ${i}` }, 200);
            expected.set(marker(i), `CRM edit ${i}`);
          });
          await parallel(600, 620, async (i) => {
            await s.outlook('DELETE', `/items/${encodeURIComponent(seededIds[i] as string)}?kind=contact`);
            expected.delete(marker(i));
          });
          await parallel(620, 640, async (i) => {
            await s.owner.json('DELETE', `/api/contacts/${crmId(i)}`, undefined, 204);
            expected.delete(marker(i));
          });
          await parallel(SEEDED, SEEDED + 50, async (i) => {
            await s.outlookContact({
              givenName: 'Outlook',
              surname: `Новый ${i}`,
              jobTitle: `New ${i}`,
              emailAddresses: [{ name: marker(i), address: marker(i) }],
            });
            expected.set(marker(i), `New ${i}`);
          });
          await parallel(SEEDED + 50, SEEDED + 100, async (i) => {
            await s.owner.json(
              'POST',
              '/api/contacts',
              {
                givenName: 'Crm',
                surname: `Новый ${i}`,
                jobTitle: `New ${i}`,
                communications: [{ kind: 'email', type: 'work', value: marker(i) }],
              },
              201,
            );
            expected.set(marker(i), `New ${i}`);
          });

          const runId = await request();
          const { story, cuts } = await killRepeatedly(runId, rng.int(...variant.kills.incremental), [
            'creates',
            'progress',
            'delay',
          ]);
          const done = await finish(runId);
          console.log(
            `# incremental (${variant.name}): ${story.join('; ')}; then ${done.state} ${JSON.stringify(done.counts)}`,
          );
          assert.equal(done.state, 'succeeded', JSON.stringify(done));
          assert.ok(cuts.length > 0, `no kill landed while the run was going: ${story.join('; ')}`);
          assert.equal(expected.size, SEEDED - 40 + 100);
          assert.deepEqual(await check(expected), []);
          // And a run after it finds the two sides equal: nothing to create, update or delete.
          await worker.stop();
          const again = await request();
          const quiet = await finish(again);
          assert.equal(quiet.state, 'succeeded', JSON.stringify(quiet));
          assert.deepEqual(
            { created: quiet.counts.created, updated: quiet.counts.updated, deleted: quiet.counts.deleted },
            { created: 0, updated: 0, deleted: 0 },
            JSON.stringify(quiet),
          );
        }),
    );
  });
}
