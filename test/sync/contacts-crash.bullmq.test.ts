import { crashSuite } from './crash-suite.ts';

/**
 * CT-6 after a crash, on PostgreSQL with the worker on BullMQ (REDIS_URL): see contacts-crash.test.ts and
 * crash-suite.ts. Fewer kills than the other variants: BullMQ hands a killed worker's job to another only after its
 * stalled-job check (a 30 s lock, checked every 30 s), so each kill costs about half a minute of the file's five.
 */
await crashSuite({ name: 'postgres + BullMQ', kills: { import: [2, 2], incremental: [1, 1] } });
