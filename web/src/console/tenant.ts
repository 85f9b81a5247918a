import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { publicSiteQuery } from '../api';
import { formatDate, formatDateTime } from '../format';
import { toLanguage, type Language } from '../i18n';

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

/** The tenant as the public site describes it (name, logo, time zone); shared with the landing page. */
export function useTenant() {
  const { i18n } = useTranslation();
  const language = toLanguage(i18n.resolvedLanguage);
  const site = useQuery(publicSiteQuery(language));
  return {
    tenant: site.data?.tenant ?? null,
    timeZone: site.data?.tenant.timeZone ?? DEFAULT_TIME_ZONE,
    language,
  };
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Date formatters bound to the UI language and the tenant's time zone. */
export function useDates() {
  const { timeZone, language } = useTenant();
  return {
    timeZone,
    language: language satisfies Language,
    dateTime: (value: string | Date | null | undefined, empty = '—') => {
      const d = toDate(value);
      return d ? formatDateTime(d, language, timeZone) : empty;
    },
    date: (value: string | Date | null | undefined, empty = '—') => {
      const d = toDate(value);
      return d ? formatDate(d, language, timeZone) : empty;
    },
  };
}
