import { defineErrors } from '../../platform/http/errors.js';

export const OrgErrors = defineErrors({
  'org.agency_not_found': {
    status: 404,
    message: { id: 'Perangkat Daerah tidak ditemukan.', en: 'Agency not found.' },
  },
  'org.agency_code_taken': {
    status: 409,
    message: {
      id: 'Kode Perangkat Daerah {code} sudah dipakai.',
      en: 'Agency code {code} is already in use.',
    },
  },
  'org.agency_in_use': {
    status: 409,
    message: {
      id: 'Perangkat Daerah masih memiliki unit, jabatan atau pegawai; pindahkan dulu.',
      en: 'The agency still has units, positions or employees; move them first.',
    },
  },
  'org.unit_not_found': {
    status: 404,
    message: { id: 'Unit kerja tidak ditemukan.', en: 'Unit not found.' },
  },
  'org.unit_code_taken': {
    status: 409,
    message: {
      id: 'Kode unit {code} sudah dipakai di Perangkat Daerah ini.',
      en: 'Unit code {code} is already used in this agency.',
    },
  },
  'org.unit_parent_invalid': {
    status: 400,
    message: {
      id: 'Induk unit harus berada di Perangkat Daerah yang sama dan tidak boleh membentuk lingkaran.',
      en: 'A unit parent must be in the same agency and must not create a cycle.',
    },
  },
  'org.unit_in_use': {
    status: 409,
    message: {
      id: 'Unit masih memiliki sub-unit, jabatan atau pegawai.',
      en: 'The unit still has sub-units, positions or employees.',
    },
  },
  'org.position_not_found': {
    status: 404,
    message: { id: 'Jabatan tidak ditemukan.', en: 'Position not found.' },
  },
  'org.position_in_use': {
    status: 409,
    message: { id: 'Jabatan masih diisi pegawai.', en: 'The position is still held by employees.' },
  },
  'org.employee_not_found': {
    status: 404,
    message: { id: 'Pegawai tidak ditemukan.', en: 'Employee not found.' },
  },
  'org.nip_invalid': {
    status: 400,
    message: {
      id: 'NIP {nip} tidak valid: {reason}.',
      en: 'NIP {nip} is not valid: {reason}.',
    },
  },
  'org.nip_taken': {
    status: 409,
    message: { id: 'NIP {nip} sudah terdaftar.', en: 'NIP {nip} is already registered.' },
  },
  'org.reference_mismatch': {
    status: 400,
    message: {
      id: 'Unit dan jabatan harus milik Perangkat Daerah pegawai.',
      en: "The unit and position must belong to the employee's agency.",
    },
  },
  'org.employee_has_appointment': {
    status: 409,
    message: {
      id: 'Pegawai ini ditunjuk sebagai pengelola TIK; akhiri atau hapus penunjukannya dulu.',
      en: 'This employee is appointed ICT manager; end or remove the appointment first.',
    },
  },
  'org.appointment_not_found': {
    status: 404,
    message: {
      id: 'Penunjukan pengelola TIK tidak ditemukan.',
      en: 'ICT manager appointment not found.',
    },
  },
  'org.appointment_decree_required': {
    status: 400,
    message: {
      id: 'Nomor Keputusan Bupati penunjukan pengelola TIK wajib diisi.',
      en: "The number of the regent's decree appointing the ICT manager is required.",
    },
  },
  'org.appointment_date_invalid': {
    status: 400,
    message: {
      id: 'Tanggal {field} bukan tanggal yang sah (format TTTT-BB-HH).',
      en: 'The date {field} is not a valid date (format YYYY-MM-DD).',
    },
  },
  'org.appointment_ends_before_start': {
    status: 400,
    message: {
      id: 'Akhir masa penunjukan tidak boleh sebelum awalnya.',
      en: 'An appointment cannot end before it starts.',
    },
  },
  'org.appointment_employee_mismatch': {
    status: 400,
    message: {
      id: 'Pengelola TIK harus pegawai Perangkat Daerah yang bersangkutan.',
      en: 'The ICT manager must be an employee of the agency.',
    },
  },
  'org.import_invalid': {
    status: 422,
    message: {
      id: 'Berkas impor memiliki {count} baris bermasalah; tidak ada yang disimpan.',
      en: 'The import file has {count} invalid rows; nothing was saved.',
    },
  },
  'org.import_unreadable': {
    status: 400,
    message: {
      id: 'Berkas impor tidak dapat dibaca: {reason}.',
      en: 'The import file cannot be read: {reason}.',
    },
  },
  'org.import_too_many_rows': {
    status: 413,
    message: {
      id: 'Berkas impor berisi lebih dari {limit} baris; bagi menjadi beberapa berkas.',
      en: 'The import file has more than {limit} rows; split it into several files.',
    },
  },
});

/** Why an import file cannot be read (the {reason} of org.import_unreadable). */
export const IMPORT_UNREADABLE_REASONS = {
  empty: {
    id: 'berkas kosong atau tidak memiliki baris judul',
    en: 'the file is empty or has no header row',
  },
  csv_malformed: {
    id: 'CSV rusak di sekitar baris {line}',
    en: 'the CSV is malformed near line {line}',
  },
  xlsx_malformed: { id: 'bukan berkas XLSX yang sah', en: 'it is not a valid XLSX workbook' },
  xls_legacy: {
    id: 'format XLS lama tidak didukung; simpan sebagai XLSX atau CSV',
    en: 'the old XLS format is not supported; save it as XLSX or CSV',
  },
  not_text: { id: 'isi berkas bukan teks CSV', en: 'the content is not CSV text' },
  columns_missing: {
    id: 'kolom wajib tidak ada: {columns}',
    en: 'required columns are missing: {columns}',
  },
  columns_repeated: {
    id: 'kolom muncul lebih dari sekali: {columns}',
    en: 'columns appear more than once: {columns}',
  },
} as const;

/** Problems found in one row of an import file, by stable code; {params} come from the report. */
export const IMPORT_PROBLEMS = {
  required: { id: 'wajib diisi', en: 'is required' },
  too_long: { id: 'lebih dari {max} karakter', en: 'is longer than {max} characters' },
  nip_invalid: { id: 'NIP tidak valid: {reason}', en: 'the NIP is not valid: {reason}' },
  nip_not_text: {
    id: 'NIP tersimpan sebagai angka sehingga digitnya hilang; format kolom NIP sebagai teks',
    en: 'the NIP is stored as a number and has lost digits; format the NIP column as text',
  },
  nip_duplicate: {
    id: 'NIP {nip} juga ada di baris {rows}',
    en: 'NIP {nip} also appears in row(s) {rows}',
  },
  agency_unknown: {
    id: 'kode Perangkat Daerah {code} tidak dikenal',
    en: 'agency code {code} is unknown',
  },
  agency_forbidden: {
    id: 'Anda tidak berwenang mengelola pegawai Perangkat Daerah {code}',
    en: 'you may not manage employees of agency {code}',
  },
  employee_forbidden: {
    id: 'NIP {nip} terdaftar di Perangkat Daerah yang tidak Anda kelola',
    en: 'NIP {nip} is registered in an agency you may not manage',
  },
  unit_unknown: {
    id: 'unit {code} tidak ada di Perangkat Daerah ini',
    en: 'unit {code} does not exist in this agency',
  },
  position_unknown: {
    id: 'jabatan "{name}" tidak ada di Perangkat Daerah ini',
    en: 'position "{name}" does not exist in this agency',
  },
  position_ambiguous: {
    id: 'ada beberapa jabatan bernama "{name}"; isi kode unit untuk membedakan',
    en: 'several positions are named "{name}"; give the unit code to tell them apart',
  },
  status_invalid: {
    id: 'status "{value}" tidak dikenal (pakai salah satu: {allowed})',
    en: 'status "{value}" is unknown (use one of: {allowed})',
  },
  email_invalid: { id: 'alamat email tidak sah', en: 'is not a valid e-mail address' },
  phone_invalid: { id: 'nomor telepon tidak sah', en: 'is not a valid phone number' },
  extra_cells: {
    id: 'baris memiliki lebih banyak sel daripada kolom judul (pemisah di dalam nilai tanpa tanda kutip?)',
    en: 'the row has more cells than the header (a delimiter inside an unquoted value?)',
  },
} as const;
export type ImportProblem = keyof typeof IMPORT_PROBLEMS;

export const NIP_REASONS = {
  not_18_digits: { id: 'harus 18 digit angka', en: 'must be 18 digits' },
  birth_date_invalid: {
    id: 'tanggal lahir (digit 1-8) bukan tanggal yang sah',
    en: 'the birth date (digits 1-8) is not a real date',
  },
  appointment_month_invalid: {
    id: 'bulan pengangkatan (digit 9-14) tidak sah',
    en: 'the appointment month (digits 9-14) is not valid',
  },
  appointment_before_birth: {
    id: 'bulan pengangkatan sebelum tanggal lahir',
    en: 'the appointment month is before the birth date',
  },
  gender_invalid: {
    id: 'digit jenis kelamin (ke-15) harus 1 atau 2',
    en: 'the gender digit (15th) must be 1 or 2',
  },
} as const;
