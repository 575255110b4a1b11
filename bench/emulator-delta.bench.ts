/**
 * Emulator delta throughput: seeds 50,000 messages and 10,000 contacts in-process, then runs one full
 * initial delta round over every mail folder and every contact folder through `app.inject` with
 * `Prefer: odata.maxpagesize=1000`, as a sync engine's first sync would: messages, contacts, and messages with
 * `$select` (small items). Prints one JSON line per round.
 *
 *   node --import tsx bench/emulator-delta.bench.ts [messages] [contacts]
 */
import { buildGraphTestApp } from '../emulator/src/graph/testing/graph-test-app.ts';
import { seedMailbox } from '../emulator/src/seed/index.ts';

const messages = Number(process.argv[2] ?? 50_000);
const contacts = Number(process.argv[3] ?? 10_000);

const t = await buildGraphTestApp();
const user = t.directory.users[0];
if (!user) throw new Error('no test user');

const seedStart = performance.now();
seedMailbox(t.store, user, { seed: 1, messages, contacts });
const seedSeconds = (performance.now() - seedStart) / 1000;

const headers = { ...t.delegated(user, ['Mail.Read', 'Contacts.Read']), prefer: 'odata.maxpagesize=1000' };
const mailbox = t.store.mailbox(user.id);
const folders = [...mailbox.folders.values()].filter((f) => f.parentNum !== null);
const deltaUrls = (kind: 'mail' | 'contacts', query = '') =>
  folders
    .filter((f) => f.kind === kind)
    .map((f) =>
      kind === 'mail'
        ? `/v1.0/me/mailFolders/${f.id}/messages/delta${query}`
        : `/v1.0/me/contactFolders/${f.id}/contacts/delta${query}`,
    );

/** One full initial delta round over the given folders, as a sync engine's first sync would run it. */
async function round(name: string, urls: string[]) {
  let items = 0;
  let pages = 0;
  let bytes = 0;
  let serverMs = 0;
  const started = performance.now();
  for (const url of urls) {
    let next: string | undefined = url;
    while (next) {
      const t0 = performance.now();
      const res = await t.app.inject({ url: next.replace(/^https?:\/\/[^/]+/, ''), headers });
      serverMs += performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body.slice(0, 200)}`);
      const page = JSON.parse(res.body) as { value: unknown[]; '@odata.nextLink'?: string };
      pages++;
      bytes += res.body.length;
      items += page.value.length;
      next = page['@odata.nextLink'];
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      bench: 'emulator-delta',
      round: name,
      folders: urls.length,
      items,
      pages,
      megabytes: Math.round(bytes / 1e5) / 10,
      seconds: Math.round(seconds * 1000) / 1000,
      /** End to end: inject round trip plus the client's JSON.parse of every page. */
      itemsPerSec: Math.round(items / seconds),
      /** Inject round trip only (routing, delta fold, rendering, serialization, payload copy). */
      serverItemsPerSec: Math.round(items / (serverMs / 1000)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

console.log(
  JSON.stringify({ bench: 'emulator-seed', messages, contacts, seconds: Math.round(seedSeconds * 1000) / 1000 }),
);
await round(`${messages} messages, full payloads`, deltaUrls('mail'));
await round(`${contacts} contacts, full payloads`, deltaUrls('contacts'));
// Small items: what a sync engine asks for when it only needs to know what changed.
await round(`${messages} messages, $select=subject,isRead`, deltaUrls('mail', '?$select=subject,isRead'));
await t.app.close();
