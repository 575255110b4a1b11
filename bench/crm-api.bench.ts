/**
 * CRM API benchmark (issue "Foundation"): list contacts (page of 50, with and without search) over
 * 100,000 contacts — median and p99 latency through `inject` — and creating 10,000 contacts through
 * the API (records/s), on SQLite and on PostgreSQL. Prints one JSON line per dialect.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { userService } from '../src/server/crm/users/user.service.ts';
import type { CommunicationsTable, ContactsTable } from '../src/server/db/schema.ts';
import { createVault, generateVaultKey } from '../src/server/mail/vault/secret-vault.ts';
import { signIn } from '../test/helpers/app.ts';
import { dialects } from '../test/helpers/databases.ts';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const CREATES = Number(process.env.BENCH_CREATES ?? 10_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);

const GIVEN = ['Анна', 'Иван', 'Мария', 'Olga', 'John', 'Jane', 'Li', 'Ahmed', 'Sofía', 'Pierre'];
const SURNAMES = ['Иванова', 'Петров', 'Smith', 'Müller', 'Wang', 'García', 'Kowalski', 'Rossi', 'Сидоров', 'Nguyen'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timeRequests(fn: (i: number) => Promise<void>, n: number) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { medianMs: +percentile(times, 50).toFixed(2), p99Ms: +percentile(times, 99).toFixed(2) };
}

for (const dialect of await dialects()) {
  const database = await dialect.open();
  try {
    await userService.ensureAdministrator(database.db, 'admin-password-1');
    const admin = await userService.findForLogin(database.db, 'admin');
    // Seed directly in bulk: the benchmark measures listing, not seeding.
    const seedStart = performance.now();
    const now = new Date().toISOString();
    for (let base = 0; base < CONTACTS; base += 1000) {
      const rows: ContactsTable[] = [];
      const comms: CommunicationsTable[] = [];
      for (let i = base; i < Math.min(CONTACTS, base + 1000); i++) {
        const id = randomUUID();
        const name = `${GIVEN[i % 10]} ${SURNAMES[(i * 7) % 10]} ${i}`;
        const email = `person${i}@example${i % 50}.com`;
        rows.push({
          id,
          given_name: GIVEN[i % 10] ?? null,
          middle_name: null,
          surname: SURNAMES[(i * 7) % 10] ?? null,
          full_name: name,
          job_title: i % 3 ? 'Engineer' : 'Manager',
          department: null,
          birthday: null,
          type_id: 'customer',
          account_id: null,
          owner_id: admin?.id ?? null,
          notes: null,
          search_text: `${name} ${email}`.toLowerCase(),
          change_seq: i + 1,
          created_by: null,
          created_at: now,
          modified_by: null,
          modified_at: now,
        });
        comms.push({
          id: randomUUID(),
          record_kind: 'contact' as const,
          record_id: id,
          kind: 'email' as const,
          type: 'work',
          value: email,
          value_lower: email,
          position: 0,
        });
      }
      await database.db.transaction().execute(async (trx) => {
        await trx.insertInto('contacts').values(rows).execute();
        await trx.insertInto('communications').values(comms).execute();
      });
    }
    // Fresh statistics, as autovacuum would gather them on a live system.
    if (dialect.name === 'postgres') await sql`vacuum analyze`.execute(database.db);
    await database.db.updateTable('counters').set({ value: CONTACTS }).where('name', '=', 'change_seq').execute();
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const app = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      database,
      version: 'bench',
      logger: false,
      vault: createVault(generateVaultKey()),
    });
    const client = await signIn(app, 'admin', 'admin-password-1');
    const pages = Math.floor(CONTACTS / 50);
    const list = await timeRequests(async (i) => {
      const r = await client.request('GET', `/api/contacts?offset=${((i * 37) % pages) * 50}`);
      if (r.statusCode !== 200) throw new Error(r.body);
    }, SAMPLES);
    const firstPage = await timeRequests(async () => {
      const r = await client.request('GET', '/api/contacts');
      if (r.statusCode !== 200) throw new Error(r.body);
    }, SAMPLES);
    const terms = ['петров', 'smith', 'person4242', 'example7.com', 'müller 9'];
    const search = await timeRequests(async (i) => {
      const r = await client.request('GET', `/api/contacts?q=${encodeURIComponent(terms[i % terms.length] ?? '')}`);
      if (r.statusCode !== 200) throw new Error(r.body);
    }, SAMPLES);

    const createStart = performance.now();
    for (let i = 0; i < CREATES; i++) {
      const r = await client.request('POST', '/api/contacts', {
        givenName: GIVEN[i % 10],
        surname: SURNAMES[i % 10],
        jobTitle: 'Buyer',
        communications: [
          { kind: 'email', type: 'work', value: `new${i}@example.org` },
          { kind: 'phone', type: 'mobile', value: `+7 900 ${String(i).padStart(7, '0')}` },
        ],
      });
      if (r.statusCode !== 201) throw new Error(r.body);
    }
    const createPerSecond = Math.round(CREATES / ((performance.now() - createStart) / 1000));
    await app.close();
    console.log(
      JSON.stringify({
        bench: 'crm-api',
        db: dialect.name,
        contacts: CONTACTS,
        seedSeconds: +seedSeconds.toFixed(1),
        listPageOf50Deep: list,
        listFirstPage: firstPage,
        listWithSearch: search,
        createContactsPerSecond: createPerSecond,
        goal: 'p99 <= 50 ms for the list',
      }),
    );
  } finally {
    await database.drop();
  }
}
