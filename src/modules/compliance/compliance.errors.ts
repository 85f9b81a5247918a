import { defineErrors } from '../../platform/http/errors.js';

export const ComplianceErrors = defineErrors({
  'compliance.regulation_not_found': {
    status: 404,
    message: { id: 'Peraturan {code} tidak dikenal.', en: 'Regulation {code} is not known.' },
  },
  'compliance.article_not_found': {
    status: 404,
    message: {
      id: 'Pasal {article} dari {code} tidak tersedia.',
      en: 'Article {article} of {code} is not available.',
    },
  },
  'compliance.finding_not_found': {
    status: 404,
    message: { id: 'Temuan tidak ditemukan.', en: 'Finding not found.' },
  },
  'compliance.finding_not_open': {
    status: 409,
    message: {
      id: 'Temuan ini sudah selesai; pengecualian hanya untuk temuan yang masih terbuka.',
      en: 'This finding is resolved; exceptions are only for open findings.',
    },
  },
  'compliance.exception_exists': {
    status: 409,
    message: {
      id: 'Temuan ini sudah memiliki pengecualian yang berlaku.',
      en: 'This finding already has an exception in force.',
    },
  },
  'compliance.exception_expiry_invalid': {
    status: 400,
    message: {
      id: 'Tanggal berakhir pengecualian harus setelah hari ini dan paling lama 2 tahun lagi.',
      en: 'An exception must expire after today and at most 2 years from now.',
    },
  },
  'compliance.exception_not_found': {
    status: 404,
    message: {
      id: 'Pengecualian tidak ditemukan atau sudah dicabut.',
      en: 'Exception not found, or already revoked.',
    },
  },
  'compliance.agency_not_found': {
    status: 404,
    message: { id: 'Perangkat Daerah tidak ditemukan.', en: 'Agency not found.' },
  },
});
