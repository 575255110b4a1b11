import type { Db } from '../db/database.ts';
import { type JournalFilter, syncJournalStore } from './sync-journal.store.ts';

/** The journal and conflicts as the API shows them (DESIGN §3), and their retention. */

export interface JournalLine {
  id: string;
  at: string;
  kind: string;
  runId: string | null;
  action: string;
  side: 'crm' | 'remote' | null;
  result: 'ok' | 'skipped' | 'failed';
  rule: string | null;
  crmId: string | null;
  remoteId: string | null;
  itemName: string | null;
  message: string | null;
  /** What the message says, for the UI to word in the user's language (null: only the sentence). */
  messageCode: string | null;
  messageArgs: Record<string, string | number> | null;
}

const parse = (text: string | null) => (text ? (JSON.parse(text) as unknown) : null);

export const syncJournalService = {
  async list(db: Db, mailboxId: string, filter: JournalFilter, limit: number, offset: number) {
    const { items, total } = await syncJournalStore.list(db, mailboxId, filter, limit, offset);
    const lines: JournalLine[] = items.map((r) => ({
      id: r.id,
      at: r.at,
      kind: r.kind,
      runId: r.run_id,
      action: r.action,
      side: r.side,
      result: r.result,
      rule: r.rule,
      crmId: r.crm_id,
      remoteId: r.remote_id,
      itemName: r.item_name,
      message: r.message,
      messageCode: r.message_code,
      messageArgs: parse(r.message_args) as Record<string, string | number> | null,
    }));
    return { items: lines, total, rules: await syncJournalStore.rules(db, mailboxId) };
  },

  async conflicts(db: Db, mailboxId: string, kind: string | undefined, limit: number, offset: number) {
    const { items, total } = await syncJournalStore.conflicts(db, mailboxId, kind, limit, offset);
    return {
      total,
      items: items.map((r) => ({
        id: r.id,
        at: r.at,
        kind: r.kind,
        runId: r.run_id,
        crmId: r.crm_id,
        remoteId: r.remote_id,
        itemName: r.item_name,
        policy: r.policy,
        resolution: r.resolution,
        fields: parse(r.fields) as string[],
        base: parse(r.base),
        crmVersion: parse(r.crm_version),
        remoteVersion: parse(r.remote_version),
        result: parse(r.result),
      })),
    };
  },

  prune: (db: Db, before: string) => syncJournalStore.prune(db, before),
};
