import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import id from './locales/id.json';
import en from './locales/en.json';

type Catalog = Record<string, unknown>;

/**
 * Namespaced catalogs: `locales/<lang>/<namespace>.json` (`console`, `data`, ...). They are
 * discovered at build time, so a namespace added by another module needs no change here.
 */
const namespaced = import.meta.glob<Catalog>('./locales/*/*.json', {
  eager: true,
  import: 'default',
});

export const NAMESPACES = ['translation', 'console', 'data'] as const;

function resourcesFor(language: string, base: Catalog): Record<string, Catalog> {
  const out: Record<string, Catalog> = { translation: base };
  for (const [file, catalog] of Object.entries(namespaced)) {
    const match = /^\.\/locales\/([a-z]{2})\/([\w-]+)\.json$/.exec(file);
    if (match && match[1] === language && match[2]) out[match[2]] = catalog;
  }
  return out;
}

export const SUPPORTED_LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'id';
export const LANGUAGE_STORAGE_KEY = 'simpul.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** Narrows whatever i18next reports to one of our languages. */
export function toLanguage(value: unknown): Language {
  return isLanguage(value) ? value : DEFAULT_LANGUAGE;
}

/** BCP 47 locale used for Intl formatting of each UI language. */
export function intlLocale(language: Language): string {
  return language === 'id' ? 'id-ID' : 'en-GB';
}

function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    // Storage may be unavailable (private mode, disabled cookies); the default is fine.
    return null;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisting the choice is acceptable; the switch still works for this visit.
  }
}

function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
}

let initialised = false;

export function setupI18n(): typeof i18n {
  if (initialised) return i18n;
  initialised = true;

  const language = readStoredLanguage() ?? DEFAULT_LANGUAGE;

  void i18n.use(initReactI18next).init({
    resources: {
      id: resourcesFor('id', id),
      en: resourcesFor('en', en),
    },
    ns: [...NAMESPACES],
    defaultNS: 'translation',
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    nonExplicitSupportedLngs: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  applyDocumentLanguage(language);

  i18n.on('languageChanged', (next: string) => {
    const lang = toLanguage(next);
    applyDocumentLanguage(lang);
    storeLanguage(lang);
  });

  // Keep several open tabs in step when the language is changed in one of them.
  window.addEventListener('storage', (event) => {
    if (event.key === LANGUAGE_STORAGE_KEY && isLanguage(event.newValue)) {
      if (i18n.resolvedLanguage !== event.newValue) void i18n.changeLanguage(event.newValue);
    }
  });

  return i18n;
}
