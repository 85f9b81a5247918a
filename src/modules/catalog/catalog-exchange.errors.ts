import { defineErrors } from '../../platform/http/errors.js';
import type { Localized } from '../../platform/i18n/i18n.js';

/** Errors of the reference code sets, the CSV/XLSX import and the exports of the registry. */
export const CatalogExchangeErrors = defineErrors({
  'catalog.code_invalid': {
    status: 400,
    message: {
      id: 'Kode referensi {code} tidak valid: harus berformat {prefix}.NN[.NN…] (dua angka per tingkat).',
      en: 'Reference code {code} is not valid: it must look like {prefix}.NN[.NN…] (two digits per level).',
    },
  },
  'catalog.code_unknown': {
    status: 400,
    message: {
      id: 'Kode referensi {code} tidak ada dalam set kode {prefix} yang berlaku, dan tidak ada kode induknya.',
      en: 'Reference code {code} is not in the current {prefix} code set, and neither is any parent of it.',
    },
  },
  'catalog.code_set_invalid': {
    status: 422,
    message: {
      id: 'Set kode memiliki {count} masalah; tidak ada yang disimpan.',
      en: 'The code set has {count} problems; nothing was saved.',
    },
  },
  'catalog.code_set_version_exists': {
    status: 409,
    message: {
      id: 'Versi {version} dari set kode {prefix} sudah ada.',
      en: 'Version {version} of the {prefix} code set already exists.',
    },
  },
  'catalog.code_set_not_found': {
    status: 404,
    message: { id: 'Set kode tidak ditemukan.', en: 'Code set not found.' },
  },
  'catalog.import_unreadable': {
    status: 400,
    message: {
      id: 'Berkas tidak dapat dibaca: {reason}',
      en: 'The file cannot be read: {reason}',
    },
  },
  'catalog.import_invalid': {
    status: 422,
    message: {
      id: 'Berkas impor memiliki {count} masalah; tidak ada yang disimpan.',
      en: 'The import file has {count} problems; nothing was saved.',
    },
  },
  'catalog.import_too_many_rows': {
    status: 413,
    message: {
      id: 'Berkas impor melebihi batas {limit} baris.',
      en: 'The import file exceeds the limit of {limit} rows.',
    },
  },
  'catalog.export_kind_required': {
    status: 400,
    message: {
      id: 'Ekspor CSV memerlukan satu jenis rekaman (parameter kind).',
      en: 'A CSV export needs one record kind (the kind parameter).',
    },
  },
});

/** Problems of one row of a code-set or record import; shown with the row number and field. */
export const ROW_PROBLEMS = {
  required: { id: 'Wajib diisi.', en: 'Required.' },
  too_long: { id: 'Terlalu panjang (maksimal {max} karakter).', en: 'Too long (at most {max}).' },
  code_format: {
    id: 'Kode {value} tidak berformat PREFIKS.NN[.NN…].',
    en: 'Code {value} does not look like PREFIX.NN[.NN…].',
  },
  prefix_mismatch: {
    id: 'Kode {value} tidak berprefiks {prefix}.',
    en: 'Code {value} does not start with {prefix}.',
  },
  code_duplicate: {
    id: 'Kode {value} muncul lebih dari sekali (baris {rows}).',
    en: 'Code {value} appears more than once (rows {rows}).',
  },
  parent_invalid: {
    id: 'Induk {value} bukan leluhur dari kode {code}.',
    en: 'Parent {value} is not an ancestor of code {code}.',
  },
  parent_missing: {
    id: 'Induk {value} tidak ada dalam berkas dan bukan induk langsung kode {code}.',
    en: 'Parent {value} is not in the file and is not the direct parent of code {code}.',
  },
  value_invalid: {
    id: 'Nilai {value} tidak dikenal; pilihan: {allowed}.',
    en: 'Unknown value {value}; allowed: {allowed}.',
  },
  boolean_invalid: {
    id: 'Nilai {value} harus ya/tidak (true/false).',
    en: 'Value {value} must be yes/no (true/false).',
  },
  date_invalid: {
    id: 'Tanggal {value} harus berformat YYYY-MM-DD.',
    en: 'Date {value} must be YYYY-MM-DD.',
  },
  uuid_invalid: { id: 'Id {value} tidak valid.', en: 'Id {value} is not valid.' },
  agency_unknown: {
    id: 'Kode Perangkat Daerah {value} tidak dikenal.',
    en: 'Agency code {value} is unknown.',
  },
  ref_code_unknown: {
    id: 'Kode referensi {value} tidak ada dalam set kode {prefix} yang berlaku.',
    en: 'Reference code {value} is not in the current {prefix} code set.',
  },
  record_duplicate: {
    id: 'Rekaman yang sama muncul lebih dari sekali (baris {rows}).',
    en: 'The same record appears more than once (rows {rows}).',
  },
  record_ambiguous: {
    id: 'Ada lebih dari satu rekaman bernama {value} di Perangkat Daerah ini; sebutkan id-nya.',
    en: 'More than one record is named {value} in this agency; give its id.',
  },
  reference_unknown: {
    id: 'Rekaman {value} yang dirujuk tidak ditemukan.',
    en: 'The referenced record {value} was not found.',
  },
  reference_misplaced: {
    id: 'Rekaman {value} tidak dapat dirujuk di sini: {rule}.',
    en: 'Record {value} cannot be referenced here: {rule}.',
  },
  url_invalid: { id: 'Alamat {value} bukan URL http(s).', en: '{value} is not an http(s) URL.' },
  country_invalid: {
    id: 'Kode negara {value} harus dua huruf ISO 3166 (mis. ID).',
    en: 'Country code {value} must be two ISO 3166 letters (e.g. ID).',
  },
  extra_cells: {
    id: 'Baris memiliki lebih banyak sel daripada judul kolom.',
    en: 'The row has more cells than the header.',
  },
} as const satisfies Record<string, Localized>;
export type RowProblem = keyof typeof ROW_PROBLEMS;

/** Why a file could not be read at all. */
export const UNREADABLE_REASONS = {
  empty: { id: 'berkas kosong.', en: 'the file is empty.' },
  not_text: { id: 'bukan berkas teks CSV.', en: 'it is not a CSV text file.' },
  csv_malformed: {
    id: 'CSV rusak di sekitar baris {line}.',
    en: 'malformed CSV near line {line}.',
  },
  xlsx_malformed: { id: 'XLSX rusak.', en: 'malformed XLSX.' },
  xls_legacy: {
    id: 'format XLS lama tidak didukung; simpan sebagai XLSX atau CSV.',
    en: 'the old XLS format is not supported; save as XLSX or CSV.',
  },
  columns_missing: {
    id: 'kolom wajib tidak ada: {columns}.',
    en: 'required columns are missing: {columns}.',
  },
  columns_repeated: {
    id: 'kolom muncul lebih dari sekali: {columns}.',
    en: 'columns appear more than once: {columns}.',
  },
  kind_required: {
    id: 'berkas CSV memuat satu jenis rekaman; sebutkan parameter kind.',
    en: 'a CSV file holds one record kind; give the kind parameter.',
  },
  no_sheets: {
    id: 'tidak ada lembar yang dikenali (services, processes, applications, infrastructure, data-assets).',
    en: 'no recognised sheet (services, processes, applications, infrastructure, data-assets).',
  },
} as const satisfies Record<string, Localized>;
export type UnreadableReason = keyof typeof UNREADABLE_REASONS;
