/**
 * Shapes of the sync API (DESIGN §3–4): runs (CT-5), the journal and conflicts (MB-5) and the deletions held back by
 * the mass-deletion guard.
 */

export type SyncKind = 'contacts';
export type RunState = 'queued' | 'running' | 'succeeded' | 'failed' | 'needsConfirmation';

export interface RunCounts {
  created: number;
  updated: number;
  deleted: number;
  skipped: number;
  failed: number;
}

export interface SyncRun {
  id: string;
  mailboxId: string;
  kind: SyncKind;
  state: RunState;
  trigger: 'manual' | 'schedule' | 'confirm';
  /** Grow while the run goes: they are its progress. */
  counts: RunCounts;
  conflicts: number;
  stage: 'import' | 'export' | 'deletions' | 'needsConfirmation' | null;
  attempt: number;
  /** Also set on a queued run that failed once and waits for its retry. */
  error: { code: string; message: string } | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const JOURNAL_ACTIONS = [
  'create',
  'update',
  'delete',
  'link',
  'unlink',
  'skip',
  'conflict',
  'resync',
  'guard',
  'error',
] as const;
export type JournalAction = (typeof JOURNAL_ACTIONS)[number];
export const JOURNAL_RESULTS = ['ok', 'skipped', 'failed'] as const;
export type JournalResult = (typeof JOURNAL_RESULTS)[number];
/** Where the action happened: in the CRM or in the mailbox. */
export type SyncSide = 'crm' | 'remote';

export interface JournalLine {
  id: string;
  at: string;
  kind: string;
  runId: string | null;
  action: JournalAction;
  side: SyncSide | null;
  result: JournalResult;
  rule: string | null;
  crmId: string | null;
  remoteId: string | null;
  itemName: string | null;
  message: string | null;
  /** What the message says (sync.messages.<code>), for lines the UI words itself; null: only the sentence. */
  messageCode: string | null;
  messageArgs: Record<string, string | number> | null;
}

export interface JournalFilter {
  runId?: string;
  action?: JournalAction;
  result?: JournalResult;
  rule?: string;
}

export interface JournalPage {
  items: JournalLine[];
  total: number;
  /** Rule ids present in this mailbox's journal (the rule filter's choices). */
  rules: string[];
}

export interface PostalAddress {
  street?: string | null;
  city?: string | null;
  region?: string | null;
  country?: string | null;
  zip?: string | null;
}

/** One side's contact fields as the sync compares them. */
export type FieldValues = Record<string, unknown>;

export interface ConflictRecord {
  id: string;
  at: string;
  kind: string;
  runId: string | null;
  crmId: string | null;
  remoteId: string | null;
  itemName: string | null;
  policy: 'lastWriterWins' | 'crmWins' | 'exchangeWins';
  /** Which side's value stood for fields both changed; "merged" when they changed different fields. */
  resolution: 'crm' | 'remote' | 'merged';
  fields: string[];
  base: FieldValues | null;
  crmVersion: FieldValues | null;
  remoteVersion: FieldValues | null;
  result: FieldValues | null;
}

export interface PendingDeletion {
  /** The side the item would be deleted on. */
  side: SyncSide;
  crmId: string;
  remoteId: string | null;
  itemName: string | null;
  runId: string | null;
  createdAt: string;
}
