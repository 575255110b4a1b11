import {
  type ContactFields,
  MAX_CONTACT_EMAILS,
  type PostalAddress,
  postalAddress,
  text,
  textList,
} from '../contact-fields.ts';

/**
 * Graph `contact` JSON ↔ the neutral ContactFields (CT-2, CT-6 mapping), per `api-reference/v1.0/resources/contact.md`.
 * Reading normalises with contact-fields.ts so that equal contacts compare equal whatever Graph sent (null, '', {}
 * or [] for "unset"). Writing always sends every mapped property, with null / [] / nulled address parts to clear,
 * so a field emptied in the CRM is emptied in Outlook too; properties Tandem does not map are never sent.
 */

/** A Graph physicalAddress (`resources/physicaladdress.md`). */
export interface GraphPhysicalAddress {
  street?: string | null;
  city?: string | null;
  state?: string | null;
  countryOrRegion?: string | null;
  postalCode?: string | null;
}

/** The mapped subset of a Graph contact, as read. */
export interface GraphContact {
  id: string;
  changeKey?: string | null;
  '@odata.etag'?: string;
  parentFolderId?: string | null;
  lastModifiedDateTime?: string | null;
  givenName?: string | null;
  middleName?: string | null;
  surname?: string | null;
  displayName?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  companyName?: string | null;
  birthday?: string | null;
  emailAddresses?: { name?: string | null; address?: string | null }[] | null;
  businessPhones?: (string | null)[] | null;
  homePhones?: (string | null)[] | null;
  mobilePhone?: string | null;
  businessAddress?: GraphPhysicalAddress | null;
  homeAddress?: GraphPhysicalAddress | null;
  otherAddress?: GraphPhysicalAddress | null;
  businessHomePage?: string | null;
  personalNotes?: string | null;
  singleValueExtendedProperties?: { id: string; value: string | null }[];
}

/** The body of a contact POST or PATCH: every mapped property, present even when empty. */
export interface GraphContactBody {
  givenName: string | null;
  middleName: string | null;
  surname: string | null;
  displayName: string | null;
  jobTitle: string | null;
  department: string | null;
  companyName: string | null;
  birthday: string | null;
  emailAddresses: { name: string; address: string }[];
  businessPhones: string[];
  homePhones: string[];
  mobilePhone: string | null;
  businessAddress: Required<GraphPhysicalAddress>;
  homeAddress: Required<GraphPhysicalAddress>;
  otherAddress: Required<GraphPhysicalAddress>;
  businessHomePage: string | null;
  personalNotes: string | null;
}

/** The contact properties Tandem maps, for `$select` (Graph returns `id` regardless). */
export const CONTACT_SELECT: readonly string[] = [
  'givenName',
  'middleName',
  'surname',
  'displayName',
  'jobTitle',
  'department',
  'companyName',
  'birthday',
  'emailAddresses',
  'businessPhones',
  'homePhones',
  'mobilePhone',
  'businessAddress',
  'homeAddress',
  'otherAddress',
  'businessHomePage',
  'personalNotes',
];

const HALF_DAY_MS = 12 * 60 * 60 * 1000;

/**
 * The calendar date of a Graph birthday. Graph types it as a UTC DateTimeOffset, but what lies in it depends on the
 * writer: midnight UTC (Graph's documented form, what Tandem writes), 11:59 UTC (Exchange ActiveSync: "the time
 * portion … might be 11:59 and SHOULD be ignored", MS-ASCNTC Birthday), or the client's local midnight converted to
 * UTC (Outlook desktop's PR_BIRTHDAY, e.g. 21:00Z the day before in UTC+3). Rounding to the nearest UTC midnight
 * gives the intended date for all three, for zones from UTC−11:59 to UTC+12.
 */
export function birthdayDate(value: string | null | undefined): string | null {
  const v = text(value);
  if (!v) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return new Date(at + HALF_DAY_MS).toISOString().slice(0, 10);
}

function readAddress(a: GraphPhysicalAddress | null | undefined): PostalAddress | null {
  if (!a) return null;
  return postalAddress({
    street: a.street,
    city: a.city,
    region: a.state,
    country: a.countryOrRegion,
    zip: a.postalCode,
  });
}

/**
 * Every part named, null where empty: PATCH of a complex property may merge rather than replace (OData 4.01
 * §11.4.3), so only explicit nulls are sure to clear a part that the CRM emptied.
 */
function writeAddress(a: PostalAddress | null): Required<GraphPhysicalAddress> {
  return {
    street: a?.street ?? null,
    city: a?.city ?? null,
    state: a?.region ?? null,
    countryOrRegion: a?.country ?? null,
    postalCode: a?.zip ?? null,
  };
}

/** ContactFields of a Graph contact, normalised. */
export function readContact(c: GraphContact): ContactFields {
  return {
    givenName: text(c.givenName),
    middleName: text(c.middleName),
    surname: text(c.surname),
    displayName: text(c.displayName),
    jobTitle: text(c.jobTitle),
    department: text(c.department),
    companyName: text(c.companyName),
    birthday: birthdayDate(c.birthday),
    // Exchange holds three (EmailAddress1..3); anything beyond is not part of the synced contact.
    emails: textList((c.emailAddresses ?? []).map((e) => e?.address)).slice(0, MAX_CONTACT_EMAILS),
    businessPhones: textList(c.businessPhones ?? []),
    homePhones: textList(c.homePhones ?? []),
    mobilePhone: text(c.mobilePhone),
    businessAddress: readAddress(c.businessAddress),
    homeAddress: readAddress(c.homeAddress),
    otherAddress: readAddress(c.otherAddress),
    webPage: text(c.businessHomePage),
    notes: text(c.personalNotes),
  };
}

/**
 * The Graph body for ContactFields. The birthday goes out as midnight UTC, the form Graph documents for its
 * Timestamp type ("midnight UTC on Jan 1, 2014 is 2014-01-01T00:00:00Z"), which birthdayDate reads back as the same
 * date. An email's display name is the address itself, as Outlook shows an address typed without a name.
 */
export function writeContact(f: ContactFields): GraphContactBody {
  const birthday = birthdayDate(f.birthday);
  return {
    givenName: text(f.givenName),
    middleName: text(f.middleName),
    surname: text(f.surname),
    displayName: text(f.displayName),
    jobTitle: text(f.jobTitle),
    department: text(f.department),
    companyName: text(f.companyName),
    birthday: birthday ? `${birthday}T00:00:00Z` : null,
    // Exchange holds only three (EmailAddress1..3) and more are refused (the emulator answers 400); the CRM may
    // hold more, and the first three are the synced ones.
    emailAddresses: textList(f.emails)
      .slice(0, MAX_CONTACT_EMAILS)
      .map((address) => ({ name: address, address })),
    businessPhones: textList(f.businessPhones),
    homePhones: textList(f.homePhones),
    mobilePhone: text(f.mobilePhone),
    businessAddress: writeAddress(postalAddress(f.businessAddress)),
    homeAddress: writeAddress(postalAddress(f.homeAddress)),
    otherAddress: writeAddress(postalAddress(f.otherAddress)),
    businessHomePage: text(f.webPage),
    personalNotes: text(f.notes),
  };
}
