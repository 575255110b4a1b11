import {
  type ContactFields,
  MAX_CONTACT_EMAILS,
  type PostalAddress,
  postalAddress,
  text,
  textList,
} from '../../connectors/contact-fields.ts';

/**
 * CRM contact ↔ the fields both sides share (CT-2, CT-6). The CRM holds more than a mailbox contact (any number of
 * emails, phones of other types, several addresses per type): the projection takes what the mailbox can hold, and a
 * patch from the mailbox replaces only that part, so nothing the mailbox cannot see is ever lost. Pure.
 */

/** The CRM contact as the sync reads it (a subset of the API's contact). */
export interface CrmContactView {
  givenName: string | null;
  middleName: string | null;
  surname: string | null;
  fullName: string;
  jobTitle: string | null;
  department: string | null;
  birthday: string | null;
  accountName: string | null;
  communications: { kind: 'email' | 'phone' | 'web'; type: string; value: string }[];
  addresses: ({ type: string } & PostalAddress)[];
  notes: string | null;
}

/** The CRM's address type for each of the mailbox's three addresses. */
const ADDRESS_SLOTS = [
  ['businessAddress', 'work'],
  ['homeAddress', 'home'],
  ['otherAddress', 'other'],
] as const;

/** The fields a CRM contact shows the mailbox. */
export function projectContact(c: CrmContactView): ContactFields {
  const comms = (kind: string, type?: string) =>
    c.communications.filter((x) => x.kind === kind && (type === undefined || x.type === type)).map((x) => x.value);
  const address = (type: string) => postalAddress(c.addresses.find((a) => (a.type || 'work') === type));
  return {
    givenName: text(c.givenName),
    middleName: text(c.middleName),
    surname: text(c.surname),
    displayName: text(c.fullName),
    jobTitle: text(c.jobTitle),
    department: text(c.department),
    companyName: text(c.accountName),
    birthday: text(c.birthday),
    emails: textList(comms('email')).slice(0, MAX_CONTACT_EMAILS),
    businessPhones: textList(comms('phone', 'work')),
    homePhones: textList(comms('phone', 'home')),
    mobilePhone: textList(comms('phone', 'mobile'))[0] ?? null,
    businessAddress: address('work'),
    homeAddress: address('home'),
    otherAddress: address('other'),
    webPage: textList(comms('web'))[0] ?? null,
    notes: text(c.notes),
  };
}

type Communication = CrmContactView['communications'][number];
type Address = CrmContactView['addresses'][number];

/** What a patch from the mailbox writes into a CRM contact; `companyName` is resolved to an account by the caller. */
export interface ContactPatch {
  givenName?: string | null;
  middleName?: string | null;
  surname?: string | null;
  fullName?: string;
  jobTitle?: string | null;
  department?: string | null;
  birthday?: string | null;
  notes?: string | null;
  companyName?: string | null;
  communications?: Communication[];
  addresses?: Address[];
}

/** The CRM's full name for mailbox fields: the display name, else the name parts (CT-7 guarantees one exists). */
export function fullNameOf(f: ContactFields): string {
  return f.displayName ?? [f.givenName, f.middleName, f.surname].filter(Boolean).join(' ');
}

/**
 * The CRM-side patch for the changed `keys` of mailbox fields `f`, over the contact as it is (`current`, absent for a
 * new contact). Communications and addresses keep every entry the mailbox does not hold.
 */
export function patchFor(f: ContactFields, keys: readonly string[], current?: CrmContactView): ContactPatch {
  const has = (k: keyof ContactFields) => !current || keys.includes(k);
  const patch: ContactPatch = {};
  if (has('givenName')) patch.givenName = f.givenName;
  if (has('middleName')) patch.middleName = f.middleName;
  if (has('surname')) patch.surname = f.surname;
  if (has('displayName') || ((has('givenName') || has('surname')) && !f.displayName)) patch.fullName = fullNameOf(f);
  if (has('jobTitle')) patch.jobTitle = f.jobTitle;
  if (has('department')) patch.department = f.department;
  if (has('birthday')) patch.birthday = f.birthday;
  if (has('notes')) patch.notes = f.notes;
  if (has('companyName')) patch.companyName = f.companyName;

  const comms = current?.communications ?? [];
  if (['emails', 'businessPhones', 'homePhones', 'mobilePhone', 'webPage'].some((k) => has(k as keyof ContactFields))) {
    patch.communications = mergeCommunications(f, keys, comms, !current);
  }
  if (ADDRESS_SLOTS.some(([k]) => has(k))) {
    // The mailbox's address of a type replaces the CRM's first address of that type; further ones stay.
    const addresses = current?.addresses ?? [];
    patch.addresses = ADDRESS_SLOTS.flatMap(([k, type]) => {
      const ofType = addresses.filter((a) => (a.type || 'work') === type);
      if (!has(k)) return ofType;
      const mine = f[k];
      return [...(mine ? [{ type, ...mine }] : []), ...ofType.slice(1)];
    });
  }
  return patch;
}

/** The contact's communications with the mailbox's part (first three emails, phones by type, web page) replaced. */
function mergeCommunications(f: ContactFields, keys: readonly string[], current: Communication[], all: boolean) {
  const has = (k: string) => all || keys.includes(k);
  const out: Communication[] = [];
  // Emails: the first three are the mailbox's EmailAddress1..3; any further CRM emails stay after them.
  const emails = current.filter((c) => c.kind === 'email');
  if (has('emails')) {
    const existing = new Map(emails.map((e) => [e.value.toLowerCase(), e.type]));
    out.push(
      ...f.emails.map((value) => ({
        kind: 'email' as const,
        type: existing.get(value.toLowerCase()) ?? 'work',
        value,
      })),
    );
    out.push(
      ...emails
        .slice(MAX_CONTACT_EMAILS)
        .filter((e) => !f.emails.some((v) => v.toLowerCase() === e.value.toLowerCase())),
    );
  } else {
    out.push(...emails);
  }
  const phones = current.filter((c) => c.kind === 'phone');
  const phoneSlot = (type: string, key: string, values: string[], max?: number) => {
    const ofType = phones.filter((p) => p.type === type);
    if (!has(key)) return ofType;
    const mine = values.map((value) => ({ kind: 'phone' as const, type, value }));
    // mobilePhone is one value: further CRM mobile numbers stay.
    return max === undefined ? mine : [...mine, ...ofType.slice(max).filter((p) => !values.includes(p.value))];
  };
  out.push(...phoneSlot('work', 'businessPhones', f.businessPhones));
  out.push(...phoneSlot('home', 'homePhones', f.homePhones));
  out.push(...phoneSlot('mobile', 'mobilePhone', f.mobilePhone ? [f.mobilePhone] : [], 1));
  out.push(...phones.filter((p) => !['work', 'home', 'mobile'].includes(p.type)));
  const webs = current.filter((c) => c.kind === 'web');
  if (has('webPage')) {
    if (f.webPage) out.push({ kind: 'web', type: webs[0]?.type ?? 'work', value: f.webPage });
    out.push(...webs.slice(1));
  } else {
    out.push(...webs);
  }
  return out;
}

/** CT-7: a mailbox contact with no name at all (given, middle, surname and display name empty). */
export function isNameless(f: ContactFields): boolean {
  return !f.givenName && !f.middleName && !f.surname && !f.displayName;
}
