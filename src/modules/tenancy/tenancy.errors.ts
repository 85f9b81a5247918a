import { defineErrors } from '../../platform/http/errors.js';

export const TenancyErrors = defineErrors({
  'tenancy.time_zone_invalid': {
    status: 400,
    message: {
      id: 'Zona waktu {timeZone} bukan zona waktu IANA yang dikenal (contoh: Asia/Jakarta).',
      en: 'Time zone {timeZone} is not a known IANA time zone (for example Asia/Jakarta).',
    },
  },
  'tenancy.domain_invalid': {
    status: 400,
    message: {
      id: 'Domain resmi {domain} tidak valid; tulis nama domain saja, misalnya batangkab.go.id.',
      en: 'Official domain {domain} is not valid; give the bare domain name, for example batangkab.go.id.',
    },
  },
  'tenancy.domain_taken': {
    status: 409,
    message: {
      id: 'Domain {domain} sudah dipakai pemerintah daerah lain di instalasi ini.',
      en: 'Domain {domain} is already used by another regional government on this installation.',
    },
  },
  'tenancy.logo_url_invalid': {
    status: 400,
    message: {
      id: 'Alamat logo harus berupa URL https:// atau jalur di situs ini yang diawali /.',
      en: 'The logo address must be an https:// URL or a path on this site starting with /.',
    },
  },
  'tenancy.regulation_unknown': {
    status: 400,
    message: {
      id: 'Regulasi {code} tidak dikenal.',
      en: 'Unknown regulation {code}.',
    },
  },
  'tenancy.mfa_role_unknown': {
    status: 400,
    message: {
      id: 'Peran {role} dalam kebijakan verifikasi dua langkah tidak dikenal.',
      en: 'Role {role} in the two-step verification policy is unknown.',
    },
  },
});
