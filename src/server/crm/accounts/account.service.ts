import { randomUUID } from 'node:crypto';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { searchCondition } from '../../db/search.ts';
import { valueIn } from '../../db/value-in.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { auditOnCreate, auditOnUpdate, recordTombstone } from '../common/audit.ts';
import { deleteChannels, replaceChannels, validateCommunications } from '../common/channels.ts';
import { type ListParams, resolveSort, searchText } from '../common/list-query.ts';
import { assertLookup, assertUserExists } from '../common/references.ts';
import { cleanText } from '../common/validators.ts';
import { accessCondition, can, loadDefaults } from '../rights/access-rule.ts';
import { rightsService } from '../rights/rights.service.ts';
import { ACCOUNT_SORT, accountStore } from './account.store.ts';
import type { Account, AccountInput } from './account.types.ts';

export interface AccountFilters extends ListParams {
  type?: string | undefined;
  ownerId?: string | undefined;
}

async function readCondition(db: Db, actor: Actor): Promise<Expression<SqlBool>[]> {
  const cond = accessCondition(actor, 'account', 'read', await loadDefaults(db, 'account'));
  return cond ? [cond] : [];
}

/** Account rules: validation, rights, change tracking. */
export const accountService = {
  /**
   * CT-2: the account each company name links to for this user, by name (trimmed, case-insensitive). One account of
   * that name links when the user may read it; several link only when the user may read exactly one of them;
   * otherwise the name maps to null (the contact is imported without an account). Names are looked up in one query.
   */
  async resolveByNames(
    db: Db,
    actor: Actor,
    names: string[],
  ): Promise<Map<string, { id: string; name: string } | null>> {
    const keys = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
    const out = new Map<string, { id: string; name: string } | null>(keys.map((k) => [k, null]));
    const cond = accessCondition(actor, 'account', 'read', await loadDefaults(db, 'account'));
    const readable = cond ?? sql<SqlBool>`1 = 1`;
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await db
        .selectFrom('accounts')
        .select(['accounts.id', 'accounts.name', sql<string>`lower(accounts.name)`.as('key')])
        .select(sql<number>`case when ${readable} then 1 else 0 end`.as('readable'))
        .where(valueIn(db, sql`lower(accounts.name)`, keys.slice(i, i + 500)))
        .orderBy('accounts.id')
        .execute();
      const mine = new Map<string, { id: string; name: string }[]>();
      for (const r of rows) {
        if (Number(r.readable) !== 1) continue;
        const same = mine.get(r.key);
        if (same) same.push({ id: r.id, name: r.name });
        else mine.set(r.key, [{ id: r.id, name: r.name }]);
      }
      for (const [key, same] of mine) if (same.length === 1) out.set(key, same[0] ?? null);
    }
    return out;
  },

  async list(db: Db, actor: Actor, f: AccountFilters): Promise<{ items: Account[]; total: number }> {
    const conditions = await readCondition(db, actor);
    if (f.q?.trim()) conditions.push(searchCondition(db, 'accounts', f.q.trim()));
    if (f.type) conditions.push(sql<SqlBool>`accounts.type_id = ${f.type}`);
    if (f.ownerId) conditions.push(sql<SqlBool>`accounts.owner_id = ${f.ownerId}`);
    return accountStore.list(db, conditions, resolveSort(f.sort, ACCOUNT_SORT, 'name'), f.limit ?? 50, f.offset ?? 0);
  },

  async get(db: Db, actor: Actor, id: string): Promise<Account> {
    const account = await accountStore.findById(db, id, await readCondition(db, actor));
    if (!account) throw notFound('Account', id);
    account.permissions = {
      edit: await can(db, actor, 'account', 'edit', id),
      delete: await can(db, actor, 'account', 'delete', id),
    };
    return account;
  },

  async create(db: Db, actor: Actor, input: AccountInput): Promise<Account> {
    const name = cleanText(input.name);
    if (!name) throw invalid('name', 'is required', 'required');
    const id = randomUUID();
    await db.transaction().execute(async (trx) => {
      if (input.type) await assertLookup(trx, 'account_types', 'type', input.type);
      if (input.ownerId) await assertUserExists(trx, 'ownerId', input.ownerId);
      const communications = validateCommunications(input.communications ?? []);
      await accountStore.insert(trx, {
        id,
        name,
        type_id: input.type ?? null,
        owner_id: input.ownerId ?? actor.id,
        notes: input.notes ?? null,
        search_text: searchText([name, ...communications.map((c) => c.value)]),
        ...(await auditOnCreate(trx, actor.id)),
      });
      await replaceChannels(trx, 'account', id, communications, input.addresses ?? []);
    });
    return accountService.get(db, actor, id);
  },

  async update(db: Db, actor: Actor, id: string, input: AccountInput): Promise<Account> {
    await db.transaction().execute(async (trx) => {
      const current = await accountStore.rawById(trx, id);
      if (!current || !(await can(trx, actor, 'account', 'read', id))) throw notFound('Account', id);
      if (!(await can(trx, actor, 'account', 'edit', id))) {
        throw new AppError('TANDEM_ERR_FORBIDDEN', 'You may read this account but not edit it');
      }
      const name = input.name !== undefined ? cleanText(input.name) : current.name;
      if (!name) throw invalid('name', 'is required', 'required');
      if (input.type) await assertLookup(trx, 'account_types', 'type', input.type);
      if (input.ownerId) await assertUserExists(trx, 'ownerId', input.ownerId);
      const communications = input.communications ? validateCommunications(input.communications) : undefined;
      const values =
        communications ??
        (await trx.selectFrom('communications').select('value').where('record_id', '=', id).execute());
      await accountStore.update(trx, id, {
        name,
        ...(input.type !== undefined && { type_id: input.type }),
        ...(input.ownerId !== undefined && { owner_id: input.ownerId }),
        ...(input.notes !== undefined && { notes: input.notes }),
        search_text: searchText([name, ...values.map((c) => c.value)]),
        ...(await auditOnUpdate(trx, actor.id)),
      });
      await replaceChannels(trx, 'account', id, communications, input.addresses);
    });
    return accountService.get(db, actor, id);
  },

  /** Deletes an account; its contacts stay and lose the link (the column is set to null). */
  async delete(db: Db, actor: Actor, id: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      if (!(await can(trx, actor, 'account', 'read', id))) throw notFound('Account', id);
      if (!(await can(trx, actor, 'account', 'delete', id))) {
        throw new AppError('TANDEM_ERR_FORBIDDEN', 'You may read this account but not delete it');
      }
      await deleteChannels(trx, id);
      await rightsService.forgetRecord(trx, 'account', id);
      await accountStore.delete(trx, id);
      await recordTombstone(trx, actor.id, 'account', id);
    });
  },
};
