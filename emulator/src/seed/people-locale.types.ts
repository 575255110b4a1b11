import type { Rng } from './prng.ts';

/** Locales the sample-people generator draws from; each has its own name, company and address tables. */
export type Locale = 'ru' | 'zh' | 'ar' | 'fr' | 'de' | 'es' | 'pl' | 'cs' | 'tr' | 'en';

export interface LocaleData {
  /** [native, latin] pairs; latin is used for email local parts. */
  male: [string, string][];
  female: [string, string][];
  surnames: [string, string][];
  /** Female surname form where the language inflects it (Russian, Polish, Czech). */
  feminize?: (surname: string) => string;
  patronymics?: { male: string[]; female: string[] };
  surnameFirst?: boolean;
  companies: string[];
  titles: string[];
  departments: string[];
  cities: { city: string; country: string; zip: () => string; street: string[] }[];
  phone: (rng: Rng) => string;
  domains: string[];
}
