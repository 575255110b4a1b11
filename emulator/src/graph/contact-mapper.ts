import { type ContactData, composeContactDisplayName, type Item, type PhysicalAddress } from '../store/index.ts';
import { graphErrors } from './errors.ts';
import type { Contact, GraphJson } from './graph-types.ts';
import {
  asString,
  asStringArray,
  outlookItemFields,
  parentFolderId,
  type RenderEnv,
  readBody,
  type SideWrites,
} from './outlook-item-mapper.ts';

/**
 * contact resource ↔ neutral ContactData (`api-reference/v1.0/resources/contact.md`). Unset strings are
 * null, unset collections are empty arrays and unset addresses are empty objects, as Graph returns them.
 */

const STRING_FIELDS = [
  'fileAs',
  'displayName',
  'givenName',
  'initials',
  'middleName',
  'nickName',
  'surname',
  'title',
  'yomiGivenName',
  'yomiSurname',
  'yomiCompanyName',
  'generation',
  'jobTitle',
  'companyName',
  'department',
  'officeLocation',
  'profession',
  'businessHomePage',
  'assistantName',
  'manager',
  'mobilePhone',
  'spouseName',
  'personalNotes',
] as const;

const ARRAY_FIELDS = ['imAddresses', 'homePhones', 'businessPhones', 'children', 'categories'] as const;
const ADDRESS_FIELDS = ['homeAddress', 'businessAddress', 'otherAddress'] as const;

const WRITABLE = new Set<string>([...STRING_FIELDS, ...ARRAY_FIELDS, ...ADDRESS_FIELDS, 'birthday', 'emailAddresses']);
const READ_ONLY = new Set(['id', 'changeKey', 'createdDateTime', 'lastModifiedDateTime', 'parentFolderId', 'photo']);

/** Exchange stores three email slots on a contact (EmailAddress1..3). */
const MAX_EMAILS = 3;

export function renderContact(item: Item, env: RenderEnv): Record<string, unknown> {
  const d = item.data as ContactData;
  const str = (k: (typeof STRING_FIELDS)[number]) => d[k] ?? null;
  const out: GraphJson<Contact> = {
    ...outlookItemFields(item, env),
    parentFolderId: parentFolderId(item, env),
    birthday: d.birthday ?? null,
    fileAs: d.fileAs ?? '',
    displayName: d.displayName ?? '',
    givenName: str('givenName'),
    initials: str('initials'),
    middleName: str('middleName'),
    nickName: str('nickName'),
    surname: str('surname'),
    title: str('title'),
    yomiGivenName: str('yomiGivenName'),
    yomiSurname: str('yomiSurname'),
    yomiCompanyName: str('yomiCompanyName'),
    generation: str('generation'),
    imAddresses: d.imAddresses ?? [],
    jobTitle: str('jobTitle'),
    companyName: str('companyName'),
    department: str('department'),
    officeLocation: str('officeLocation'),
    profession: str('profession'),
    businessHomePage: str('businessHomePage'),
    assistantName: str('assistantName'),
    manager: str('manager'),
    homePhones: d.homePhones ?? [],
    mobilePhone: str('mobilePhone'),
    businessPhones: d.businessPhones ?? [],
    spouseName: str('spouseName'),
    personalNotes: d.personalNotes ?? '',
    children: d.children ?? [],
    emailAddresses: (d.emailAddresses ?? []).map((e) => ({ name: e.name ?? e.address, address: e.address })),
    homeAddress: d.homeAddress ?? {},
    businessAddress: d.businessAddress ?? {},
    otherAddress: d.otherAddress ?? {},
  };
  return out as Record<string, unknown>;
}

/** Parses a contact create/update body. On create, a missing displayName is composed as Exchange does. */
export function readContactBody(
  body: unknown,
  mode: 'create' | 'update',
): { data: Partial<ContactData>; side: SideWrites } {
  const { fields, side } = readBody(body, WRITABLE, READ_ONLY, 'Microsoft.OutlookServices.Contact');
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if ((STRING_FIELDS as readonly string[]).includes(k)) data[k] = v === null ? null : asString(v, k);
    else if ((ARRAY_FIELDS as readonly string[]).includes(k)) data[k] = v === null ? [] : asStringArray(v, k);
    else if ((ADDRESS_FIELDS as readonly string[]).includes(k)) data[k] = parseAddress(v, k);
    else if (k === 'birthday') data.birthday = v === null ? null : normalizeBirthday(asString(v, k));
    else if (k === 'emailAddresses') data.emailAddresses = parseEmails(v);
  }
  if (mode === 'create' && !data.displayName) {
    const composed = composeContactDisplayName(data as ContactData);
    if (composed) data.displayName = composed;
  }
  return { data: data as Partial<ContactData>, side };
}

function parseEmails(v: unknown): { name?: string; address: string }[] {
  if (v === null) return [];
  if (!Array.isArray(v)) throw graphErrors.badRequest("Invalid value for property 'emailAddresses'.");
  if (v.length > MAX_EMAILS) throw graphErrors.invalidRequest('A contact can have at most 3 email addresses.');
  return v.map((e) => {
    const r = e as { name?: unknown; address?: unknown };
    if (typeof r?.address !== 'string') throw graphErrors.badRequest('An email address needs an address.');
    return typeof r.name === 'string' ? { name: r.name, address: r.address } : { address: r.address };
  });
}

function parseAddress(v: unknown, field: string): PhysicalAddress {
  if (v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw graphErrors.badRequest(`Invalid value for property '${field}'.`);
  const out: PhysicalAddress = {};
  for (const k of ['street', 'city', 'state', 'countryOrRegion', 'postalCode'] as const) {
    const val = (v as Record<string, unknown>)[k];
    if (typeof val === 'string') out[k] = val;
  }
  return out;
}

/** Graph types a birthday as DateTimeOffset; a bare date is taken as midnight UTC. */
function normalizeBirthday(v: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v}T00:00:00Z`;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw graphErrors.badRequest("Invalid value for property 'birthday'.");
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
