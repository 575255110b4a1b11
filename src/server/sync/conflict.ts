import { changedKeys, overlay } from './field-diff.ts';
import type { ConflictPolicy, ConflictRecord, FieldMap, Link } from './sync-types.ts';

/**
 * Both sides changed one item since the last sync (DESIGN §3). Fields changed on one side only are merged field by
 * field; fields changed on both are decided by the mailbox's policy: the later write (lastWriterWins, the default),
 * the CRM (crmWins) or Exchange (exchangeWins). Pure.
 */
export interface Resolution<F extends FieldMap> {
  /** Fields to write into the CRM record (values from `result`). */
  toCrm: (keyof F & string)[];
  /** The remote item's fields after the resolution, or null when the remote side keeps what it has. */
  toRemote: F | null;
  conflict: ConflictRecord<F>;
}

/** Which side's value stands for fields changed on both sides. */
export function winnerOf(policy: ConflictPolicy, crmModifiedAt: string, remoteModifiedAt: string | null | undefined) {
  if (policy === 'crmWins') return 'crm';
  if (policy === 'exchangeWins') return 'remote';
  // Last writer wins; a server that does not say when it changed the item loses to a CRM write we can date.
  if (!remoteModifiedAt) return 'crm';
  // Exchange dates changes in whole seconds (lastModifiedDateTime has no fraction), so the CRM's time is cut to the
  // second too; within one second nobody can tell, and the mailbox's change — the one a person just made in
  // Outlook — is taken as the later one.
  const crmSecond = Math.floor(Date.parse(crmModifiedAt) / 1000);
  const remoteSecond = Math.floor(Date.parse(remoteModifiedAt) / 1000);
  return crmSecond > remoteSecond ? 'crm' : 'remote';
}

/** Resolves a conflict between the CRM record `crm` and the remote item `remote` of one link. */
export function resolveConflict<F extends FieldMap>(
  link: Link<F>,
  crm: { fields: F; modifiedAt: string },
  remote: { fields: F; modifiedAt?: string | null | undefined },
  policy: ConflictPolicy,
): Resolution<F> {
  const remoteChanged = changedKeys(link.base, remote.fields);
  const crmChanged = changedKeys(link.crmBase, crm.fields);
  const both = crmChanged.filter((k) => remoteChanged.includes(k));
  const winner = both.length === 0 ? null : winnerOf(policy, crm.modifiedAt, remote.modifiedAt);
  // Remote-only changes, and shared ones the remote side won, go to the CRM; the rest of the CRM's go out.
  const toCrm = remoteChanged.filter((k) => !both.includes(k) || winner === 'remote');
  const fromCrm = crmChanged.filter((k) => !both.includes(k) || winner === 'crm');
  const result = overlay(overlay(remote.fields, crm.fields, fromCrm), remote.fields, toCrm);
  return {
    toCrm,
    toRemote: fromCrm.length > 0 ? result : null,
    conflict: {
      fields: both.length > 0 ? both : [...new Set([...crmChanged, ...remoteChanged])],
      policy,
      resolution: winner ?? 'merged',
      base: link.base,
      crm: crm.fields,
      remote: remote.fields,
      result,
    },
  };
}
