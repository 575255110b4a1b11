import dayjs from 'dayjs';
import 'dayjs/locale/ru';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../api/api-types.ts';
import { en } from './en.ts';
import { ru } from './ru.ts';

/** Where the sign-in page remembers the language chosen before anyone is signed in. */
const STORAGE_KEY = 'tandem.language';

export const LANGUAGES: readonly Language[] = ['en', 'ru'];

function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'ru';
}

/** Language before sign-in: the last choice on this browser, else the browser's preference. */
export function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  return globalThis.navigator?.language?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

const language = initialLanguage();
dayjs.locale(language);
if (typeof document !== 'undefined') document.documentElement.lang = language;

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru } },
  lng: language,
  fallbackLng: 'en',
  // React escapes text itself; double escaping would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the UI language (i18next, dayjs for date pickers, <html lang>) and remembers it. */
export function applyLanguage(next: Language): void {
  if (i18next.language !== next) void i18next.changeLanguage(next);
  dayjs.locale(next);
  document.documentElement.lang = next;
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
}

export { i18next };
