import { modelSuite } from './model-suite.ts';

/**
 * CT-6, model-based and randomized with fast-check, on SQLite: ≥ 1,000 random operations on both sides with syncs and
 * emulator faults in between must end with both sides equal, nothing twice and no edit lost; see model-suite.ts. The
 * PostgreSQL run is contacts-model.postgres.property.test.ts (one file per database, for the runner's five minutes).
 */
await modelSuite('sqlite');
