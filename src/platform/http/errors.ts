import type { Locale, Localized } from '../i18n/i18n.js';
import { interpolate } from '../i18n/i18n.js';

export interface ErrorDefinition {
  status: number;
  message: Localized;
}

const registry = new Map<string, ErrorDefinition>();

/**
 * Declares error codes once. Codes are `module.reason`; each has an HTTP status and messages in
 * Indonesian and English. docs/errors.md is generated from this registry.
 */
export function defineErrors<const T extends Record<string, ErrorDefinition>>(
  defs: T,
): {
  [K in keyof T]: K;
} {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, def] of Object.entries(defs)) {
    const existing = registry.get(code);
    if (existing && existing !== def) throw new Error(`error code defined twice: ${code}`);
    registry.set(code, def);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export function errorDefinitions(): ReadonlyMap<string, ErrorDefinition> {
  return registry;
}

/** A domain error with a stable code. Services throw these, never HTTP errors. */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly params: Record<string, unknown> = {},
    /** Field-level problems, e.g. from validation or an import report. */
    public readonly details?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
    if (!registry.has(code)) throw new Error(`unknown error code: ${code}`);
  }

  get status(): number {
    return registry.get(this.code)?.status ?? 500;
  }

  localizedMessage(locale: Locale): string {
    const def = registry.get(this.code);
    return def ? interpolate(def.message[locale], this.params) : this.code;
  }
}

export const PlatformErrors = defineErrors({
  'platform.validation_failed': {
    status: 400,
    message: {
      id: 'Permintaan tidak valid: {summary}',
      en: 'The request is not valid: {summary}',
    },
  },
  'platform.malformed_body': {
    status: 400,
    message: {
      id: 'Isi permintaan tidak dapat dibaca (JSON rusak atau tipe konten salah).',
      en: 'The request body cannot be read (malformed JSON or wrong content type).',
    },
  },
  'platform.payload_too_large': {
    status: 413,
    message: { id: 'Isi permintaan terlalu besar.', en: 'The request body is too large.' },
  },
  'platform.unsupported_media_type': {
    status: 415,
    message: { id: 'Tipe konten tidak didukung.', en: 'The content type is not supported.' },
  },
  'platform.not_found': {
    status: 404,
    message: { id: 'Alamat tidak ditemukan.', en: 'Not found.' },
  },
  'platform.method_not_allowed': {
    status: 405,
    message: { id: 'Metode tidak diizinkan.', en: 'Method not allowed.' },
  },
  'platform.rate_limited': {
    status: 429,
    message: {
      id: 'Terlalu banyak permintaan. Coba lagi dalam {retryAfter} detik.',
      en: 'Too many requests. Try again in {retryAfter} seconds.',
    },
  },
  'platform.unauthenticated': {
    status: 401,
    message: { id: 'Anda harus masuk terlebih dahulu.', en: 'You must sign in first.' },
  },
  'platform.mfa_enrolment_required': {
    status: 403,
    message: {
      id: 'Kebijakan instansi mewajibkan verifikasi dua langkah. Daftarkan aplikasi autentikator atau passkey terlebih dahulu.',
      en: 'Your organisation requires two-step verification. Enrol an authenticator app or a passkey first.',
    },
  },
  'platform.csrf_failed': {
    status: 403,
    message: {
      id: 'Permintaan ditolak karena token keamanan formulir tidak cocok. Muat ulang halaman lalu coba lagi.',
      en: 'The request was refused because its form security token did not match. Reload the page and try again.',
    },
  },
  'platform.forbidden': {
    status: 403,
    message: {
      id: 'Anda tidak memiliki izin untuk tindakan ini.',
      en: 'You do not have permission for this action.',
    },
  },
  'platform.tenant_unknown': {
    status: 404,
    message: {
      id: 'Pemerintah daerah untuk alamat ini tidak dikenal.',
      en: 'No regional government is configured for this host name.',
    },
  },
  'platform.conflict': {
    status: 409,
    message: {
      id: 'Data bertentangan dengan data yang sudah ada.',
      en: 'The data conflicts with existing data.',
    },
  },
  'platform.unavailable': {
    status: 503,
    message: {
      id: 'Layanan sedang tidak tersedia. Coba lagi nanti.',
      en: 'The service is unavailable. Try again later.',
    },
  },
  'platform.internal': {
    status: 500,
    message: {
      id: 'Terjadi kesalahan internal. Kode permintaan: {requestId}.',
      en: 'An internal error occurred. Request id: {requestId}.',
    },
  },
  'files.too_large': {
    status: 413,
    message: {
      id: 'Berkas melebihi batas ukuran {limit} bita.',
      en: 'The file exceeds the size limit of {limit} bytes.',
    },
  },
  'files.type_not_allowed': {
    status: 415,
    message: {
      id: 'Jenis berkas {type} tidak diizinkan di sini.',
      en: 'File type {type} is not allowed here.',
    },
  },
  'files.not_found': {
    status: 404,
    message: { id: 'Berkas tidak ditemukan.', en: 'File not found.' },
  },
});

/**
 * A refusal whose traces must be kept: a service returns it (instead of throwing) when what it
 * wrote on the way (a failure count, an audit event) must commit. The runner commits the
 * transaction, then throws the error.
 */
export class Refusal {
  constructor(public readonly error: AppError) {}
}
