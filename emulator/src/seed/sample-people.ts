import type { Address, PhysicalAddress } from '../store/index.ts';
import type { Locale, LocaleData } from './people-locale.types.ts';
import { LATIN_LOCALES } from './people-locales-latin.ts';
import { NON_LATIN_LOCALES } from './people-locales-non-latin.ts';
import { digits, type Rng } from './prng.ts';

export type { Locale } from './people-locale.types.ts';

/**
 * Invented people and companies in several scripts (Cyrillic, Chinese, Arabic, accented Latin, plain
 * Latin), so sync code meets real-world Unicode: names with patronymics, surname-first CJK names,
 * right-to-left text, diacritics, several emails and phones. Every name here is made up.
 */

export interface Person {
  locale: Locale;
  givenName: string;
  surname: string;
  middleName?: string;
  displayName: string;
  emails: Address[];
  businessPhones: string[];
  mobilePhone?: string;
  companyName: string;
  jobTitle: string;
  department?: string;
  address: PhysicalAddress;
}

const DATA: Record<Locale, LocaleData> = { ...NON_LATIN_LOCALES, ...LATIN_LOCALES };

/** Locale mix: mostly Russian and English, as a CRM in Tandem's market would see, with every script present. */
const LOCALE_WEIGHTS: [Locale, number][] = [
  ['ru', 30],
  ['en', 25],
  ['zh', 8],
  ['ar', 8],
  ['fr', 6],
  ['de', 6],
  ['es', 5],
  ['pl', 4],
  ['cs', 4],
  ['tr', 4],
];

export function pickLocale(rng: Rng): Locale {
  const total = LOCALE_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [locale, w] of LOCALE_WEIGHTS) {
    r -= w;
    if (r < 0) return locale;
  }
  return 'en';
}

export function makePerson(rng: Rng, locale: Locale = pickLocale(rng)): Person {
  const d = DATA[locale];
  const female = rng.chance(0.5);
  const [given, givenLatin] = rng.pick(female ? d.female : d.male);
  const [baseSurname, surnameLatin] = rng.pick(d.surnames);
  const surname = female && d.feminize ? d.feminize(baseSurname) : baseSurname;
  const middleName =
    d.patronymics && rng.chance(0.7) ? rng.pick(female ? d.patronymics.female : d.patronymics.male) : undefined;
  const displayName = d.surnameFirst ? `${surname}${given}` : [given, middleName, surname].filter(Boolean).join(' ');
  const domain = rng.pick(d.domains);
  const local = `${givenLatin}.${surnameLatin}`.replace(/[^a-z.]/g, '');
  const emails: Address[] = [{ name: displayName, address: `${local}@${domain}` }];
  if (rng.chance(0.35))
    emails.push({
      name: displayName,
      address: `${givenLatin[0]}${surnameLatin}${rng.int(1, 99)}@${rng.pick(d.domains)}`,
    });
  if (rng.chance(0.1)) emails.push({ name: displayName, address: `${surnameLatin}.${givenLatin}@example.net` });
  const place = rng.pick(d.cities);
  return {
    locale,
    givenName: given,
    surname,
    ...(middleName ? { middleName } : {}),
    displayName,
    emails,
    businessPhones: rng.chance(0.3) ? [d.phone(rng), d.phone(rng)] : [d.phone(rng)],
    ...(rng.chance(0.7) ? { mobilePhone: d.phone(rng) } : {}),
    companyName: rng.pick(d.companies),
    jobTitle: rng.pick(d.titles),
    ...(rng.chance(0.6) ? { department: rng.pick(d.departments) } : {}),
    address: {
      street: `${rng.pick(place.street)}, ${rng.int(1, 120)}`,
      city: place.city,
      countryOrRegion: place.country,
      postalCode: `${place.zip()}${digits(rng, 5 - Math.min(place.zip().length, 4))}`.trim(),
    },
  };
}
