import { defineErrors } from '../../platform/http/errors.js';

/** Errors of the registry records and their review workflow. */
export const CatalogErrors = defineErrors({
  'catalog.record_not_found': {
    status: 404,
    message: { id: 'Data arsitektur tidak ditemukan.', en: 'Registry record not found.' },
  },
  'catalog.version_conflict': {
    status: 409,
    message: {
      id: 'Data ini telah diubah orang lain (versi sekarang {current}); muat ulang lalu ulangi perubahan Anda.',
      en: 'Someone else changed this record (it is now at version {current}); reload it and make your change again.',
    },
  },
  'catalog.record_in_use': {
    status: 409,
    message: {
      id: 'Data ini masih dirujuk oleh {count} data lain ({field}); ubah data tersebut dahulu.',
      en: 'This record is still referred to by {count} other record(s) ({field}); change those first.',
    },
  },
  'catalog.change_not_found': {
    status: 404,
    message: { id: 'Usulan perubahan tidak ditemukan.', en: 'Change request not found.' },
  },
  'catalog.change_stale': {
    status: 409,
    message: {
      id: 'Usulan ini dibuat atas versi {base}, tetapi data sudah berada di versi {current}; tolak usulan ini dan minta usulan baru.',
      en: 'This proposal was made against version {base}, but the record is now at version {current}; reject it and ask for a new one.',
    },
  },
  'catalog.change_decided': {
    status: 409,
    message: {
      id: 'Usulan perubahan ini sudah diputuskan ({state}).',
      en: 'This change request has already been decided ({state}).',
    },
  },
  'catalog.change_pending': {
    status: 409,
    message: {
      id: 'Masih ada usulan perubahan yang menunggu persetujuan untuk data ini; tarik usulan itu atau tunggu keputusannya.',
      en: 'A change to this record is still waiting for review; withdraw it or wait for the decision.',
    },
  },
  'catalog.comment_required': {
    status: 400,
    message: {
      id: 'Penolakan harus disertai alasan.',
      en: 'A rejection needs a comment saying why.',
    },
  },
  'catalog.agency_unknown': {
    status: 400,
    message: {
      id: 'Perangkat Daerah pada kolom {field} tidak dikenal.',
      en: 'The agency in field {field} is unknown.',
    },
  },
  'catalog.field_required': {
    status: 400,
    message: {
      id: 'Kolom {field} wajib diisi: {reason}.',
      en: 'Field {field} is required: {reason}.',
    },
  },
  'catalog.field_invalid': {
    status: 400,
    message: {
      id: 'Kolom {field} tidak valid: {reason}.',
      en: 'Field {field} is not valid: {reason}.',
    },
  },
  'catalog.duplicate_target_invalid': {
    status: 400,
    message: {
      id: 'Kolom duplicatesId harus menunjuk aplikasi umum (shared) lain yang terdaftar, dan hanya aplikasi khusus yang dapat menjadi duplikatnya.',
      en: 'duplicatesId must point to another registered shared application, and only a specific application can duplicate one.',
    },
  },
  'catalog.parent_invalid': {
    status: 400,
    message: {
      id: 'Induk infrastruktur tidak sesuai: {reason}.',
      en: 'The infrastructure parent is not valid: {reason}.',
    },
  },
});

/** Why a field is required or invalid (the {reason} of catalog.field_required / field_invalid). */
export const FIELD_REASONS = {
  name: { id: 'setiap data harus bernama', en: 'every record needs a name' },
  vendor_contract: {
    id: 'aplikasi yang dibangun penyedia harus mencantumkan referensi kontrak',
    en: 'an application built by a vendor must cite its contract',
  },
  licence_name: {
    id: 'sebutkan nama lisensi aplikasi (mis. GPL-3.0, proprietary)',
    en: "name the application's licence (e.g. GPL-3.0, proprietary)",
  },
  assessment_pair: {
    id: 'tanggal dan hasil penilaian diisi bersama',
    en: 'the assessment date and result go together',
  },
  url: {
    id: 'harus alamat http:// atau https:// yang lengkap',
    en: 'must be a complete http:// or https:// address',
  },
  country: {
    id: 'harus kode negara ISO 3166-1 alpha-2 huruf besar (mis. ID)',
    en: 'must be an upper-case ISO 3166-1 alpha-2 country code (e.g. ID)',
  },
  ip_address: { id: 'bukan alamat IPv4 atau IPv6', en: 'is not an IPv4 or IPv6 address' },
  employee_unknown: {
    id: 'pegawai tidak terdaftar',
    en: 'no such employee is registered',
  },
  ran_before_shared: {
    id: 'hanya berlaku untuk aplikasi yang menduplikasi aplikasi umum',
    en: 'only applies to an application that duplicates a shared application',
  },
} as const;
export type FieldReason = keyof typeof FIELD_REASONS;

/** Why an infrastructure parent is refused (the {reason} of catalog.parent_invalid). */
export const PARENT_REASONS = {
  not_found: { id: 'induk tidak ditemukan', en: 'the parent does not exist' },
  self: { id: 'tidak dapat menjadi induk dirinya sendiri', en: 'it cannot be its own parent' },
  kind: {
    id: '{kind} harus berada di dalam {allowed}',
    en: 'a {kind} must sit in a {allowed}',
  },
  none: { id: '{kind} tidak memiliki induk', en: 'a {kind} has no parent' },
  children: {
    id: 'isi di dalamnya ({children}) tidak dapat berada di dalam {kind}',
    en: 'what it holds ({children}) cannot sit in a {kind}',
  },
} as const;
