import { LOCALES, type Locale } from './messages';

const isLocale = (value: string | null | undefined): value is Locale => LOCALES.includes(value as Locale);

/**
 * The page's language: the one the user picked last time, else the first of the browser's languages
 * the page speaks (so Russian for a Russian browser), else English.
 */
export function pickLocale(saved: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  for (const language of browserLanguages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}
