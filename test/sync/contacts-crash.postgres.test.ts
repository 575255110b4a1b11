import { crashSuite } from './crash-suite.ts';

/** CT-6 after a crash, on PostgreSQL (in-process queue in the worker): see contacts-crash.test.ts and crash-suite.ts. */
await crashSuite({ name: 'postgres', kills: { import: [3, 5], incremental: [2, 3] } });
