import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createGraphClient } from '../../src/server/connectors/graph/graph-client.ts';
import { createGraphMailbox } from '../../src/server/connectors/graph/graph-mailbox.ts';
import { createMailboxLimiter, GRAPH_LIMITS, LimiterRegistry } from '../../src/server/connectors/mailbox-limiter.ts';
import { isConnectorError } from '../../src/server/connectors/port.ts';
import { type EmulatorFixture, startEmulator } from './emulator-fixture.ts';

/**
 * Quotas (DESIGN §3; protocols.md §3.7): Outlook allows 4 concurrent requests per app and mailbox and answers 429
 * with Retry-After beyond that. The emulator enforces the same limit and reports the peak it saw per mailbox.
 */
describe('Graph connector: per-mailbox limiter against the emulator', () => {
  let fx: EmulatorFixture;
  let user: { id: string; email: string };
  let token: string;

  before(async () => {
    fx = await startEmulator();
    user = await fx.addUser('boris');
    token = (await fx.tokensFor(user.email)).access_token;
  });
  after(() => fx.close());
  beforeEach(async () => {
    await fx.control.clearFaults();
    await fetch(`${fx.url}/_emulator/stats`, { method: 'DELETE' });
  });

  const peakFor = async (mailboxId: string) => {
    const stats = await fx.control.stats();
    return {
      peak: Math.max(0, ...stats.peakConcurrency.filter((p) => p.mailbox === mailboxId).map((p) => p.peak)),
      served429: stats.counters.served429 ?? 0,
      faultsFired: stats.counters.faultsFired ?? 0,
    };
  };

  it('20 concurrent folder reads of one mailbox never have more than 4 in flight', async () => {
    // Each read stays in flight 40 ms, so without a limiter they would pile up far beyond 4.
    await fx.control.addFault({ match: { method: 'GET', path: '/v1.0/me/mailFolders' }, delayMs: 40 });
    const registry = new LimiterRegistry();
    // Separate adapter instances (as separate jobs would create) share the mailbox's limiter through the registry.
    const reads = Array.from({ length: 20 }, () =>
      createGraphClient({
        graphUrl: fx.url,
        getAccessToken: async () => token,
        limiter: registry.for('mailbox-boris'),
        allowInsecureLoopback: true,
      }).request<{ id: string }>('me/mailFolders/inbox'),
    );
    const results = await Promise.all(reads);
    assert.equal(new Set(results.map((r) => r.id)).size, 1);
    const { peak, served429 } = await peakFor(user.id);
    assert.ok(peak >= 2 && peak <= 4, `peak concurrency ${peak}`);
    assert.equal(served429, 0, 'the limiter kept every request within the budget');
  });

  it('without the limit the emulator does refuse the excess (the measurement is real)', async () => {
    await fx.control.addFault({ match: { method: 'GET', path: '/v1.0/me/mailFolders' }, delayMs: 40 });
    const loose = createMailboxLimiter({ ...GRAPH_LIMITS, maxInFlight: 20, maxAttempts: 1 });
    const client = createGraphClient({
      graphUrl: fx.url,
      getAccessToken: async () => token,
      limiter: loose,
      allowInsecureLoopback: true,
    });
    const settled = await Promise.allSettled(Array.from({ length: 20 }, () => client.request('me/mailFolders/inbox')));
    const throttled = settled.filter((s) => s.status === 'rejected' && isConnectorError(s.reason, 'THROTTLED'));
    assert.ok(throttled.length > 0, 'some requests were throttled');
    assert.ok((await peakFor(user.id)).served429 > 0);
  });

  it('injected 429s with Retry-After are waited out and the read succeeds', async () => {
    await fx.control.addFault({
      match: { method: 'GET', path: '/v1.0/me/calendars' },
      respond: { status: 429, headers: { 'Retry-After': '1' } },
      count: 2,
    });
    const mailbox = createGraphMailbox({
      graphUrl: fx.url,
      getAccessToken: async () => token,
      limiter: createMailboxLimiter(GRAPH_LIMITS),
      allowInsecureLoopback: true,
    });
    const started = Date.now();
    const calendars = await mailbox.listFolders('calendar');
    const elapsed = Date.now() - started;
    assert.ok(calendars.some((c) => c.wellKnown === 'calendar'));
    assert.ok(elapsed >= 1900, `waited ${elapsed} ms for two Retry-After: 1`);
    assert.equal((await peakFor(user.id)).faultsFired, 2);
  });

  it('503 with Retry-After is retried too', async () => {
    await fx.control.addFault({
      match: { method: 'GET', path: '/v1.0/me/todo/lists' },
      respond: { status: 503, headers: { 'Retry-After': '1' } },
      count: 1,
    });
    const mailbox = createGraphMailbox({
      graphUrl: fx.url,
      getAccessToken: async () => token,
      limiter: createMailboxLimiter(GRAPH_LIMITS),
      allowInsecureLoopback: true,
    });
    const lists = await mailbox.listFolders('tasks');
    assert.ok(lists.some((l) => l.wellKnown === 'tasks'));
  });
});
