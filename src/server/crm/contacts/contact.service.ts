import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { orderedId } from '../../db/ordered-id.ts';
import type { ContactsTable } from '../../db/schema.ts';
import { searchCondition } from '../../db/search.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { auditOnCreate, auditOnUpdate, recordTombstone } from '../common/audit.ts';
import { deleteChannels, replaceChannels, validateCommunications } from '../common/channels.ts';
import { type ListParams, resolveSort } from '../common/list-query.ts';
import { assertLookup, assertUserExists } from '../common/references.ts';
import { assertDate, cleanText } from '../common/validators.ts';
import { groupService } from '../groups/group.service.ts';
import { accessCondition, can, loadDefaults } from '../rights/access-rule.ts';
import { rightsService } from '../rights/rights.service.ts';
import { CONTACT_SORT, contactStore } from './contact.store.ts';
import type { Contact, ContactInput } from './contact.types.ts';
import { composeFullName, contactSearchText, newContactRow } from './contact-row.ts';

export interface ContactFilters extends ListParams {
  type?: string | undefined;
  ownerId?: string | undefined;
  accountId?: string | undefined;
  groupId?: string | undefined;
}

async function readCondition(db: Db, actor: Actor): Promise<Expression<SqlBool>[]> {
  const cond = accessCondition(actor, 'contact', 'read', await loadDefaults(db, 'contact'));
  return cond ? [cond] : [];
}

/** Validates references and derived fields of an input merged over the stored row. */
async function prepare(db: Db, actor: Actor, input: ContactInput, current?: ContactsTable) {
  const given = input.givenName !== undefined ? cleanText(input.givenName) : (current?.given_name ?? null);
  const middle = input.middleName !== undefined ? cleanText(input.middleName) : (current?.middle_name ?? null);
  const surname = input.surname !== undefined ? cleanText(input.surname) : (current?.surname ?? null);
  const namePartsTouched =
    input.givenName !== undefined || input.middleName !== undefined || input.surname !== undefined;
  let fullName = cleanText(input.fullName);
  if (!fullName) fullName = namePartsTouched || !current ? composeFullName(given, middle, surname) : current.full_name;
  if (!fullName) throw invalid('fullName', 'is required (or give givenName, middleName or surname)', 'required');
  if (input.birthday) assertDate('birthday', input.birthday);
  if (input.type) await assertLookup(db, 'contact_types', 'type', input.type);
  if (input.ownerId) await assertUserExists(db, 'ownerId', input.ownerId);
  if (input.accountId && !(await can(db, actor, 'account', 'read', input.accountId))) {
    throw invalid('accountId', `no account with id ${input.accountId}`, 'notFound');
  }
  const communications = input.communications ? validateCommunications(input.communications) : undefined;
  return { given, middle, surname, fullName, communications };
}

/** Contact rules: validation, rights, change tracking. Every write runs in one transaction. */
export const contactService = {
  async list(db: Db, actor: Actor, f: ContactFilters): Promise<{ items: Contact[]; total: number }> {
    const conditions = await readCondition(db, actor);
    if (f.q?.trim()) conditions.push(searchCondition(db, 'contacts', f.q.trim()));
    if (f.type) conditions.push(sql<SqlBool>`contacts.type_id = ${f.type}`);
    if (f.ownerId) conditions.push(sql<SqlBool>`contacts.owner_id = ${f.ownerId}`);
    if (f.accountId) conditions.push(sql<SqlBool>`contacts.account_id = ${f.accountId}`);
    if (f.groupId) conditions.push(await groupService.membershipCondition(db, actor, 'contact', f.groupId));
    const sort = resolveSort(f.sort, CONTACT_SORT, 'fullName');
    return contactStore.list(db, conditions, sort, f.limit ?? 50, f.offset ?? 0);
  },

  async get(db: Db, actor: Actor, id: string): Promise<Contact> {
    const contact = await contactStore.findById(db, id, await readCondition(db, actor));
    if (!contact) throw notFound('Contact', id);
    contact.permissions = {
      edit: await can(db, actor, 'contact', 'edit', id),
      delete: await can(db, actor, 'contact', 'delete', id),
    };
    return contact;
  },

  /** Creates a contact; `trx` may be an outer transaction (e.g. creating a user's own contact). */
  async create(db: Db, actor: Actor, input: ContactInput): Promise<Contact> {
    const id = orderedId();
    await db.transaction().execute(async (trx) => contactService.createIn(trx, actor, input, id));
    return contactService.get(db, actor, id);
  },

  async createIn(trx: Db, actor: Actor, input: ContactInput, id: string = orderedId()): Promise<string> {
    const p = await prepare(trx, actor, input);
    const prepared = { ...input, givenName: p.given, middleName: p.middle, surname: p.surname, fullName: p.fullName };
    if (p.communications) prepared.communications = p.communications;
    await contactStore.insert(trx, newContactRow(id, actor, prepared, await auditOnCreate(trx, actor.id)));
    await replaceChannels(trx, 'contact', id, p.communications ?? [], input.addresses ?? []);
    return id;
  },

  async update(db: Db, actor: Actor, id: string, input: ContactInput): Promise<Contact> {
    await db.transaction().execute((trx) => contactService.updateIn(trx, actor, id, input));
    return contactService.get(db, actor, id);
  },

  /** Updates a contact inside the caller's transaction (the sync writes many in one); returns its new change_seq. */
  async updateIn(trx: Db, actor: Actor, id: string, input: ContactInput): Promise<number> {
    const current = await contactStore.rawById(trx, id);
    if (!current || !(await can(trx, actor, 'contact', 'read', id))) throw notFound('Contact', id);
    if (!(await can(trx, actor, 'contact', 'edit', id))) {
      throw new AppError('TANDEM_ERR_FORBIDDEN', 'You may read this contact but not edit it');
    }
    const p = await prepare(trx, actor, input, current);
    const jobTitle = input.jobTitle !== undefined ? cleanText(input.jobTitle) : current.job_title;
    const department = input.department !== undefined ? cleanText(input.department) : current.department;
    const comms =
      p.communications ??
      (await trx.selectFrom('communications').select('value').where('record_id', '=', id).execute());
    const audit = await auditOnUpdate(trx, actor.id);
    await contactStore.update(trx, id, {
      given_name: p.given,
      middle_name: p.middle,
      surname: p.surname,
      full_name: p.fullName,
      job_title: jobTitle,
      department,
      ...(input.birthday !== undefined && { birthday: input.birthday }),
      ...(input.type !== undefined && { type_id: input.type }),
      ...(input.accountId !== undefined && { account_id: input.accountId }),
      ...(input.ownerId !== undefined && input.ownerId !== null && { owner_id: input.ownerId }),
      ...(input.notes !== undefined && { notes: input.notes }),
      search_text: contactSearchText(p.fullName, jobTitle, department, comms),
      ...audit,
    });
    await replaceChannels(trx, 'contact', id, p.communications, input.addresses);
    return audit.change_seq;
  },

  async delete(db: Db, actor: Actor, id: string): Promise<void> {
    await db.transaction().execute((trx) => contactService.deleteIn(trx, actor, id));
  },

  /** Deletes a contact inside the caller's transaction, leaving a tombstone for exports. */
  async deleteIn(trx: Db, actor: Actor, id: string): Promise<void> {
    if (!(await can(trx, actor, 'contact', 'read', id))) throw notFound('Contact', id);
    if (!(await can(trx, actor, 'contact', 'delete', id))) {
      throw new AppError('TANDEM_ERR_FORBIDDEN', 'You may read this contact but not delete it');
    }
    const linkedUser = await trx.selectFrom('users').select('login').where('contact_id', '=', id).executeTakeFirst();
    if (linkedUser) {
      throw new AppError('TANDEM_ERR_IN_USE', `This contact belongs to user ${linkedUser.login}; it cannot be deleted`);
    }
    await deleteChannels(trx, id);
    await groupService.forgetRecord(trx, id);
    await rightsService.forgetRecord(trx, 'contact', id);
    await contactStore.delete(trx, id);
    await recordTombstone(trx, actor.id, 'contact', id);
  },
};
