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
    message: { id: 'Kode unit {code} sudah dipakai di Perangkat Daerah ini.', en: 'Unit code {code} is already used in this agency.' },
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
    message: { id: 'Unit masih memiliki sub-unit, jabatan atau pegawai.', en: 'The unit still has sub-units, positions or employees.' },
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
});

export const NIP_REASONS = {
  not_18_digits: { id: 'harus 18 digit angka', en: 'must be 18 digits' },
  birth_date_invalid: { id: 'tanggal lahir (digit 1-8) bukan tanggal yang sah', en: 'the birth date (digits 1-8) is not a real date' },
  appointment_month_invalid: { id: 'bulan pengangkatan (digit 9-14) tidak sah', en: 'the appointment month (digits 9-14) is not valid' },
  appointment_before_birth: { id: 'bulan pengangkatan sebelum tanggal lahir', en: 'the appointment month is before the birth date' },
  gender_invalid: { id: 'digit jenis kelamin (ke-15) harus 1 atau 2', en: 'the gender digit (15th) must be 1 or 2' },
} as const;
