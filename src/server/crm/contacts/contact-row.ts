import type { AuditColumns, ContactsTable } from '../../db/schema.ts';
import { invalid } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { searchText } from '../common/list-query.ts';
import { assertDate, cleanText } from '../common/validators.ts';
import type { ContactInput } from './contact.types.ts';

/** "Given Middle Surname", the vendor's default full-name order. */
export function composeFullName(given: string | null, middle: string | null, surname: string | null): string {
  return [given, middle, surname].filter(Boolean).join(' ');
}

/** The search text of a contact: name, job, department and every communication value. */
export function contactSearchText(
  fullName: string,
  jobTitle: string | null,
  department: string | null,
  comms: { value: string }[],
) {
  return searchText([fullName, jobTitle, department, ...comms.map((c) => c.value)]);
}

/**
 * The row of a new contact from an input whose references were checked (single create, or a page of a sync import):
 * names trimmed, the full name composed when not given (and required), the birthday a real date.
 */
export function newContactRow(id: string, actor: Actor, input: ContactInput, audit: AuditColumns): ContactsTable {
  const given = cleanText(input.givenName);
  const middle = cleanText(input.middleName);
  const surname = cleanText(input.surname);
  const fullName = cleanText(input.fullName) ?? composeFullName(given, middle, surname);
  if (!fullName) throw invalid('fullName', 'is required (or give givenName, middleName or surname)', 'required');
  if (input.birthday) assertDate('birthday', input.birthday);
  const jobTitle = cleanText(input.jobTitle);
  const department = cleanText(input.department);
  return {
    id,
    given_name: given,
    middle_name: middle,
    surname,
    full_name: fullName,
    job_title: jobTitle,
    department,
    birthday: input.birthday ?? null,
    type_id: input.type ?? null,
    account_id: input.accountId ?? null,
    owner_id: input.ownerId ?? actor.id,
    notes: input.notes ?? null,
    search_text: contactSearchText(fullName, jobTitle, department, input.communications ?? []),
    ...audit,
  };
}
