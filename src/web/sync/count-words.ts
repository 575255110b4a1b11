import type { TFunction } from 'i18next';

/**
 * "{{count}} контакт / контакта / контактов": the plural form CLDR picks for the language (Intl.PluralRules).
 * Every form is a key of its own under `key` in both languages (one, few, many, other), so the en/ru key parity
 * holds; English simply never picks few or many.
 */
export function countWords(t: TFunction, language: string, key: string, count: number): string {
  const form = new Intl.PluralRules(language).select(count);
  const known = ['one', 'few', 'many', 'other'].includes(form) ? form : 'other';
  return t(`${key}.${known}`, { count });
}
