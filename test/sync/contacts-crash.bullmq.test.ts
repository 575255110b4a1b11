import { crashSuite } from './crash-suite.ts';

/**
 * CT-6 after a crash, on PostgreSQL with the worker on BullMQ (REDIS_URL): see contacts-crash.test.ts and
 * crash-suite.ts. One kill per run here: BullMQ hands a killed worker's job to another worker only after its
 * stalled-job check (a 30 s lock, checked every 30 s; a second stall of the same job fails it and the stale-run reaper
 * queues the run again), so each kill costs about a minute of the five the runner gives a file.
 */
await crashSuite({ name: 'postgres + BullMQ', kills: { import: [1, 1], incremental: [1, 1] } });
