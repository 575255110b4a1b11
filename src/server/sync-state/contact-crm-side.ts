import type { ContactFields } from '../connectors/contact-fields.ts';
import { accountService } from '../crm/accounts/account.service.ts';
import { communicationProblem } from '../crm/common/channels.ts';
import { contactService } from '../crm/contacts/contact.service.ts';
import type { Contact, ContactInput } from '../crm/contacts/contact.types.ts';
import { contactSyncService, type ExportScope } from '../crm/contacts/contact-sync.service.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../http/access.ts';
import {
  type ContactPatch,
  type CrmContactView,
  fullNameOf,
  patchFor,
  projectContact,
} from '../sync/contacts/contact-projection.ts';
import type { CrmReader, CrmWriter } from '../sync/sync-ports.ts';
import type { CrmRecord } from '../sync/sync-types.ts';

/**
 * The CRM side of contact sync, acting as the mailbox's owner: reads and writes go through the contacts module's
 * services with the owner's rights (CT-2, CT-3), company names become accounts by CT-2's rule, and values the CRM
 * would refuse (a malformed phone number from Outlook) are left out instead of failing the whole contact.
 */

function recordOf(c: CrmContactView & Pick<Contact, 'id' | 'changeSeq' | 'modifiedAt'>): CrmRecord<ContactFields> {
  return { id: c.id, seq: c.changeSeq, fields: projectContact(c), name: c.fullName, modifiedAt: c.modifiedAt };
}

/** Company names resolved to accounts (CT-2), by lowercased name. */
type Accounts = Map<string, { id: string; name: string } | null>;

/** The CRM contact input of a patch; the company was resolved to an account beforehand. */
function inputOf(patch: ContactPatch, accounts: Accounts): ContactInput {
  const { companyName, communications, ...rest } = patch;
  const input: ContactInput = { ...rest };
  if (companyName !== undefined)
    input.accountId = companyName ? (accounts.get(companyName.trim().toLowerCase())?.id ?? null) : null;
  if (communications) input.communications = communications.filter((c) => !communicationProblem(c.kind, c.value));
  return input;
}

export function contactCrmReader(db: Db, actor: Actor, scope: ExportScope): CrmReader<ContactFields> {
  const read = async (ids: string[]) => {
    const contacts = await contactSyncService.readMany(db, actor, ids);
    return new Map(contacts.map((c) => [c.id, recordOf(c)]));
  };
  return {
    read,
    inScopeIds: (afterId, limit) => contactSyncService.inScopeIds(db, actor, scope, afterId, limit),
    changedIds: (seq, limit) => contactSyncService.changedIds(db, seq, limit),
    async findMatches(items, within) {
      const names = items.map((i) => fullNameOf(i.fields)).filter(Boolean);
      const emails = items.flatMap((i) => i.fields.emails);
      const candidates = await contactSyncService.byNamesAndEmails(db, actor, names, emails, within);
      const byName = new Map<string, typeof candidates>();
      for (const c of candidates) {
        const key = c.fullName.toLowerCase();
        const same = byName.get(key);
        if (same) same.push(c);
        else byName.set(key, [c]);
      }
      const linkTo = new Map<string, string>();
      for (const item of items) {
        const name = fullNameOf(item.fields).toLowerCase();
        const mine = new Set(item.fields.emails.map((e) => e.toLowerCase()));
        const same = (byName.get(name) ?? []).filter((c) => c.emails.some((e) => mine.has(e.toLowerCase())));
        // Only an unambiguous match links; two CRM contacts of that name and email are left for a person to merge.
        if (same.length === 1 && same[0]) linkTo.set(item.id, same[0].id);
      }
      // Without an email on either side, the name alone decides — only when exactly one CRM contact of that name has
      // no email either (a mailbox connected again after its sync state went with it: CT-6, no duplicates).
      const bare = items.filter((i) => i.fields.emails.length === 0 && fullNameOf(i.fields));
      if (bare.length > 0) {
        const nameless = await contactSyncService.byNamesWithoutEmail(
          db,
          actor,
          bare.map((i) => fullNameOf(i.fields)),
          within,
        );
        for (const item of bare) {
          const same = nameless.filter((c) => c.fullName.toLowerCase() === fullNameOf(item.fields).toLowerCase());
          if (same.length === 1 && same[0]) linkTo.set(item.id, same[0].id);
        }
      }
      return linkTo;
    },
    async changesSince(seq, limit) {
      const feed = await contactSyncService.feed(db, actor, seq, limit, scope);
      return feed.map((e) =>
        e.type === 'deleted'
          ? { type: 'deleted' as const, id: e.id, seq: e.seq }
          : { type: 'upsert' as const, record: recordOf(e.contact), inScope: e.inScope },
      );
    },
  };
}

/** Writes contacts inside the engine's transaction `trx`. */
export function contactCrmWriter(
  trx: Db,
  actor: Actor,
): CrmWriter<ContactFields> & {
  createMany(fields: ContactFields[]): Promise<CrmRecord<ContactFields>[]>;
} {
  const accountsFor = (names: (string | null | undefined)[]) =>
    accountService.resolveByNames(
      trx,
      actor,
      names.filter((n): n is string => Boolean(n)),
    );
  const readBack = async (ids: string[]) => {
    const byId = new Map((await contactSyncService.readMany(trx, actor, ids)).map((c) => [c.id, c]));
    return ids.map((id) => {
      const c = byId.get(id);
      if (!c) throw new AppError('TANDEM_ERR_NOT_FOUND', `Contact ${id} not found`);
      return recordOf(c);
    });
  };
  return {
    async create(fields) {
      const [record] = await this.createMany([fields]);
      return record as CrmRecord<ContactFields>;
    },
    async createMany(list) {
      const accounts = await accountsFor(list.map((f) => f.companyName));
      const names = new Map<string, string>();
      for (const a of accounts.values()) if (a) names.set(a.id, a.name);
      const created = await contactSyncService.createManyIn(
        trx,
        actor,
        list.map((f) => inputOf(patchFor(f, []), accounts)),
        names,
      );
      return created.map(recordOf);
    },
    async update(id, fields, keys) {
      const [current] = await contactSyncService.readMany(trx, actor, [id]);
      if (!current) throw new AppError('TANDEM_ERR_NOT_FOUND', `Contact ${id} not found`);
      const patch = patchFor(fields, keys, current);
      const accounts = await accountsFor([patch.companyName]);
      await contactService.updateIn(trx, actor, id, inputOf(patch, accounts));
      const [record] = await readBack([id]);
      return record as CrmRecord<ContactFields>;
    },
    async delete(id) {
      try {
        await contactService.deleteIn(trx, actor, id);
        return undefined;
      } catch (err) {
        // Not the owner's to delete (rights), or a user's own contact: the record stays, the journal says why.
        if (err instanceof AppError && err.code !== 'TANDEM_ERR_NOT_FOUND') return { refused: err.message };
        if (err instanceof AppError) return undefined;
        throw err;
      }
    },
  };
}
