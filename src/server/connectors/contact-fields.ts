/**
 * A contact's fields as both sides of the sync hold them (CT-2, CT-6 mapping), protocol-neutral. Adapters map
 * their wire shape to this and back; the sync maps CRM contacts to it. Every value is normalised so that equal
 * contacts compare equal: trimmed strings, null for empty, no empty addresses, dates as YYYY-MM-DD.
 */
export interface PostalAddress {
  street: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  zip: string | null;
}

export interface ContactFields {
  givenName: string | null;
  middleName: string | null;
  surname: string | null;
  /** Graph displayName / the CRM full name. */
  displayName: string | null;
  jobTitle: string | null;
  department: string | null;
  /** The company's name; the CRM links it to an account (CT-2). */
  companyName: string | null;
  /** YYYY-MM-DD. */
  birthday: string | null;
  /** At most three, in order (Exchange has EmailAddress1..3). */
  emails: string[];
  businessPhones: string[];
  homePhones: string[];
  mobilePhone: string | null;
  businessAddress: PostalAddress | null;
  homeAddress: PostalAddress | null;
  otherAddress: PostalAddress | null;
  webPage: string | null;
  notes: string | null;
}

/** The most email addresses an Exchange contact holds. */
export const MAX_CONTACT_EMAILS = 3;

export const CONTACT_FIELD_NAMES: readonly (keyof ContactFields)[] = [
  'givenName',
  'middleName',
  'surname',
  'displayName',
  'jobTitle',
  'department',
  'companyName',
  'birthday',
  'emails',
  'businessPhones',
  'homePhones',
  'mobilePhone',
  'businessAddress',
  'homeAddress',
  'otherAddress',
  'webPage',
  'notes',
];

/** Trimmed text, or null when nothing is left. */
export function text(value: string | null | undefined): string | null {
  const t = value?.trim();
  return t ? t : null;
}

/** An address with every part normalised, or null when it has no part at all. */
export function postalAddress(a: Partial<Record<keyof PostalAddress, string | null | undefined>> | null | undefined) {
  if (!a) return null;
  const out: PostalAddress = {
    street: text(a.street),
    city: text(a.city),
    region: text(a.region),
    country: text(a.country),
    zip: text(a.zip),
  };
  return Object.values(out).some((v) => v !== null) ? out : null;
}

/** Non-empty trimmed strings, in order, without repeats. */
export function textList(values: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const t = text(v);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** A contact with every field empty; adapters and mappers start from it. */
export function emptyContactFields(): ContactFields {
  return {
    givenName: null,
    middleName: null,
    surname: null,
    displayName: null,
    jobTitle: null,
    department: null,
    companyName: null,
    birthday: null,
    emails: [],
    businessPhones: [],
    homePhones: [],
    mobilePhone: null,
    businessAddress: null,
    homeAddress: null,
    otherAddress: null,
    webPage: null,
    notes: null,
  };
}
