import { modelSuite } from './model-suite.ts';

/** CT-6, model-based and randomized with fast-check, on PostgreSQL: see contacts-model.property.test.ts. */
await modelSuite('postgres');
