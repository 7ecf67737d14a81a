import type { Locale } from '../i18n/messages';

/** A moment as the user's clock shows it: the time today, the date and time otherwise. */
export function formatTime(iso: string | Date, locale: Locale, now = new Date()): string {
  const date = new Date(iso);
  const today = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(locale, today ? { timeStyle: 'medium' } : { dateStyle: 'short', timeStyle: 'short' }).format(date);
}
