import { crashSuite } from './crash-suite.ts';

/**
 * CT-6 after a crash, on SQLite: a real `tandem worker` process killed (SIGKILL) 3–5 times during an initial import of
 * 5,000 contacts and 2–3 times during an incremental run with changes on both sides; see crash-suite.ts. The same
 * suite runs on PostgreSQL (contacts-crash.postgres.test.ts) and on PostgreSQL with BullMQ on Redis
 * (contacts-crash.bullmq.test.ts), one file each so that each ends within the runner's five minutes per file.
 */
await crashSuite({ name: 'sqlite', kills: { import: [3, 5], incremental: [2, 3] } });
