import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/server/config.ts';
import { createJobQueue } from '../../src/server/jobs/create-job-queue.ts';
import type { JobQueue } from '../../src/server/jobs/job-queue.port.ts';
import { SYNC_JOB } from '../../src/server/jobs/sync-run.job.ts';
import { type SyncRuntime, startSyncRuntime } from '../../src/server/jobs/sync-runtime.ts';
import { createVault, generateVaultKey } from '../../src/server/mail/vault/secret-vault.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { deletePrefix, redisUnreachable, TEST_REDIS_URL, testPrefix } from '../jobs/redis-tier.ts';
import type { SyncHarness } from './sync-harness.ts';
import { syncHarness } from './sync-harness.ts';
import { eventually, markedProblems, sleep } from './sync-observer.ts';

/**
 * CT-5/CT-6 with the BullMQ queue on Redis and two worker runtimes on it (two "processes" in one test, each with its
 * own lease holder): an import + export round trip while ten run requests for the same mailbox arrive in a burst,
 * half through the API and half through the other runtime, and every run's job is also delivered a second time (as
 * BullMQ does when a worker loses a job's lock). Never are two runs of one mailbox and kind worked at once — the run
 * rows' [started, finished] intervals do not overlap and each run was started once — and both sides end equal with
 * nothing twice. Without Redis: skipped with a loud line locally, a failure under CI=true.
 */

const DOMAIN = 'bullmq.test';
const marker = (i: number) => `b-${i}@${DOMAIN}`;
const SEED = Number(process.env.TANDEM_BULLMQ_SEED ?? 1_061_161);

const unreachable = await redisUnreachable();
if (unreachable) {
  const line = `Redis not reachable at ${TEST_REDIS_URL} (${unreachable})`;
  if (process.env.CI === 'true') throw new Error(`BullMQ tier required in CI: ${line}`);
  console.log(`\n!!! SKIPPED contact sync on BullMQ: ${line} !!!\n`);
}

for (const dialect of await dialects()) {
  describe(`contact sync on BullMQ with two worker runtimes (${dialect.name})`, { skip: unreachable ?? false }, () => {
    const prefix = testPrefix();
    let database: TestDatabase;
    let queues: JobQueue[] = [];
    let runtimes: SyncRuntime[] = [];
    let s: SyncHarness;
    const warnings: string[] = [];

    before(async () => {
      database = await dialect.open();
      const vault = createVault(generateVaultKey());
      const config = loadConfig({ LOG_LEVEL: 'silent', OAUTH_ALLOW_INSECURE_LOOPBACK: 'true' });
      const note = (obj: object, msg: string) => warnings.push(`${msg} ${JSON.stringify(obj)}`);
      queues = [0, 1].map(() =>
        createJobQueue({ redisUrl: TEST_REDIS_URL, prefix, logger: { warn: note, error: note } }),
      );
      runtimes = queues.map((queue) =>
        startSyncRuntime({
          db: database.db,
          vault,
          config,
          logger: { info: () => undefined, warn: note, error: note },
          queue,
          scheduler: false,
          leaseMs: 5000,
          backoffMs: 200,
        }),
      );
      s = await syncHarness(database, 'anna', 'Anna Petrova', { vault, sync: runtimes[0] });
      await s.settings({
        contacts: { import: true, importFolders: 'all', export: true, exportScope: 'all' },
        deletions: { toCrm: true, toExchange: true },
      });
    });
    after(async () => {
      for (const runtime of runtimes) await runtime.close();
      for (const queue of queues) await queue.close();
      await s?.close();
      await database?.drop();
      await deletePrefix(prefix);
    });

    it('a burst of ten run requests never runs the mailbox twice at once, and the round trip is right', async () => {
      let state = SEED >>> 0;
      const rnd = (n: number) => {
        state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
        return state % n;
      };
      const expected = new Map<string, string | null>();
      const outlookIds: string[] = [];
      for (let i = 0; i < 30; i++) {
        const { id } = await s.outlookContact({
          givenName: 'Очередь',
          surname: `Outlook ${i}`,
          jobTitle: `outlook ${i}`,
          emailAddresses: [{ name: marker(i), address: marker(i) }],
        });
        outlookIds.push(id);
        expected.set(marker(i), `outlook ${i}`);
      }
      const crmIds: string[] = [];
      for (let i = 100; i < 130; i++) {
        const c = await s.owner.json<{ id: string }>(
          'POST',
          '/api/contacts',
          {
            givenName: 'Queue',
            surname: `CRM ${i}`,
            jobTitle: `crm ${i}`,
            communications: [{ kind: 'email', type: 'work', value: marker(i) }],
          },
          201,
        );
        crmIds.push(c.id);
        expected.set(marker(i), `crm ${i}`);
      }
      // Slower delta pages, so that requests arrive while a run is going.
      await s.h.fx.control.addFault({ match: { method: 'GET', path: '/v1.0/me/contactFolders' }, delayMs: 150 });

      const requested: { runId: string; created: boolean; via: string }[] = [];
      const quiet = { warn: () => undefined, error: () => undefined };
      const extra = createJobQueue({ redisUrl: TEST_REDIS_URL, prefix, logger: quiet });
      try {
        const burst = Array.from({ length: 10 }, async (_, k) => {
          // Spread over a few runs' time, so some requests find a run going and others start a new one.
          await sleep(rnd(8000));
          let r: { runId: string; created: boolean };
          if (k % 2 === 0) {
            r = await s.owner.json('POST', `/api/mailboxes/${s.mailboxId}/sync`, { kind: 'contacts' }, 202);
          } else {
            const { run, created } = await (runtimes[1] as SyncRuntime).request(s.mailboxId, 'contacts', 'manual');
            r = { runId: run.id, created };
          }
          requested.push({ ...r, via: k % 2 === 0 ? 'api' : 'second runtime' });
          // The same run's job delivered again (other job ids), as after a lost BullMQ lock: at once, and once the run
          // is going; whichever runtime takes them, the lease must keep them from working the run a second time (with
          // one delivery only, both jobs often went to different runtimes and a per-process lease passed unnoticed).
          if (r.created) {
            for (const [again, delayMs] of [
              ['again', 0],
              ['later', 400],
            ] as const) {
              await extra.add(
                SYNC_JOB,
                { runId: r.runId },
                { jobId: `${r.runId}-${again}`, delayMs, attempts: 5, backoffMs: 200 },
              );
            }
          }
          // Changes on both sides between the requests.
          const i = rnd(30);
          await s.outlook('PATCH', `/items/${encodeURIComponent(outlookIds[i] as string)}`, {
            kind: 'contact',
            fields: { jobTitle: `outlook edit ${k}` },
          });
          expected.set(marker(i), `outlook edit ${k}`);
          const j = rnd(30);
          await s.owner.json('PATCH', `/api/contacts/${crmIds[j]}`, { jobTitle: `crm edit ${k}` }, 200);
          expected.set(marker(100 + j), `crm edit ${k}`);
        });
        await Promise.all(burst);
        const activeNone = async () => {
          const active = await database.db
            .selectFrom('sync_runs')
            .select('id')
            .where('mailbox_id', '=', s.mailboxId)
            .where('active_key', 'is not', null)
            .execute();
          return active.length === 0 ? true : undefined;
        };
        await eventually('every run to end', 180_000, activeNone, 100);
      } finally {
        await extra.close();
      }
      await s.h.fx.control.clearFaults();
      // One more run takes the changes the last burst run may have come too early for.
      const last = await s.sync();
      assert.equal(last.state, 'succeeded', JSON.stringify(last));

      const runs = await database.db
        .selectFrom('sync_runs')
        .selectAll()
        .where('mailbox_id', '=', s.mailboxId)
        .orderBy('started_at')
        .execute();
      const holders = new Map<string, number>();
      // `host:pid:runtime:try`: the runtime part tells the two apart.
      for (const r of runs) {
        const runtime = String(r.worker).split(':').slice(0, 3).join(':');
        holders.set(runtime, (holders.get(runtime) ?? 0) + 1);
      }
      console.log(
        `# ${dialect.name}: ${requested.length} requests → ${new Set(requested.map((r) => r.runId)).size} runs (+1 after), worked by ${[...holders.values()].join(' and ')} runs per worker`,
      );
      for (const r of runs) {
        assert.equal(r.state, 'succeeded', `run ${r.id}: ${r.state} ${r.error_code} ${r.error_message}`);
        assert.equal(Number(r.attempt), 1, `run ${r.id} was started ${r.attempt} times`);
      }
      for (let i = 1; i < runs.length; i++) {
        const prev = runs[i - 1];
        const next = runs[i];
        assert.ok(
          String(prev?.finished_at) <= String(next?.started_at),
          `runs ${prev?.id} (${prev?.started_at}–${prev?.finished_at}) and ${next?.id} (${next?.started_at}–${next?.finished_at}) overlap`,
        );
      }
      // Every request while a run was queued or running got that run back.
      for (const r of requested)
        assert.ok(
          runs.some((x) => x.id === r.runId),
          `run ${r.runId} is missing`,
        );
      assert.deepEqual(await markedProblems(s, database.db, DOMAIN, expected), [], warnings.slice(-20).join('\n'));
    });
  });
}
