export { createOutlook, type MailboxRef, type Outlook, type OutlookFields, type OutlookItemRef } from './outlook.ts';
export { createRng, type Rng } from './prng.ts';
export { type SeedOptions, type SeedSummary, seedMailbox } from './seed-mailbox.ts';
