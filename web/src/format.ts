import { intlLocale, type Language } from './i18n';

const FALLBACK_TIME_ZONE = 'Asia/Jakarta';

function formatter(language: Language, timeZone: string, options: Intl.DateTimeFormatOptions) {
  try {
    return new Intl.DateTimeFormat(intlLocale(language), { ...options, timeZone });
  } catch {
    // An unknown IANA zone throws a RangeError; fall back to WIB rather than breaking the page.
    return new Intl.DateTimeFormat(intlLocale(language), {
      ...options,
      timeZone: FALLBACK_TIME_ZONE,
    });
  }
}

/** e.g. "Sabtu, 22 November 2025" (id) or "Saturday 22 November 2025" (en), in the tenant's zone. */
export function formatLongDate(date: Date, language: Language, timeZone: string): string {
  return formatter(language, timeZone, { dateStyle: 'full' }).format(date);
}

/** Machine-readable calendar date (YYYY-MM-DD) in the tenant's zone, for <time dateTime>. */
export function isoDateIn(date: Date, timeZone: string): string {
  const parts = formatter('en', timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Calendar year in the tenant's zone (matters around midnight on 31 December). */
export function yearIn(date: Date, timeZone: string): string {
  return formatter('en', timeZone, { year: 'numeric' }).format(date);
}

/** Date and time, e.g. "22 Nov 2025 14.05" (id) or "22 Nov 2025, 14:05" (en), in the tenant's zone. */
export function formatDateTime(date: Date, language: Language, timeZone: string): string {
  return formatter(language, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Calendar date only, e.g. "22 Nov 2025", in the tenant's zone. */
export function formatDate(date: Date, language: Language, timeZone: string): string {
  return formatter(language, timeZone, { dateStyle: 'medium' }).format(date);
}
