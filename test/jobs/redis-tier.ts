import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** Where the BullMQ tier runs; REDIS_URL overrides (README configuration table). */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own per test run, so parallel runs and real data never meet. */
export function testPrefix(): string {
  return `tandem_test_${randomBytes(6).toString('hex')}`;
}

/** Why Redis cannot be used, or undefined when it answers PING. */
export async function redisUnreachable(url = TEST_REDIS_URL): Promise<string | undefined> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The socket's own error (ECONNREFUSED, ENOTFOUND…) says more than connect()'s "Connection is closed".
  let socketError: Error | undefined;
  client.on('error', (err: Error) => {
    socketError = err;
  });
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (err) {
    return (socketError ?? (err as Error)).message || String(err);
  } finally {
    client.disconnect();
  }
}

/** Deletes every key under `prefix:` (SCAN + DEL, never KEYS, which blocks a shared server). */
export async function deletePrefix(prefix: string, url = TEST_REDIS_URL): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return deleted;
}
