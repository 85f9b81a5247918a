import { defineErrors } from '../../platform/http/errors.js';

export const IdentityErrors = defineErrors({
  'identity.reauth_required': {
    status: 403,
    message: {
      id: 'Untuk mengubah cara masuk (aplikasi autentikator atau passkey), keluar lalu masuk kembali terlebih dahulu.',
      en: 'To change how you sign in (authenticator app or passkey), sign out and sign in again first.',
    },
  },
  'identity.invalid_credentials': {
    status: 401,
    message: {
      id: 'Nama pengguna atau kata sandi salah.',
      en: 'Wrong username or password.',
    },
  },
  'identity.login_throttled': {
    status: 429,
    message: {
      id: 'Terlalu banyak percobaan masuk. Coba lagi dalam {retryAfter} detik.',
      en: 'Too many sign-in attempts. Try again in {retryAfter} seconds.',
    },
  },
  'identity.password_too_weak': {
    status: 400,
    message: {
      id: 'Kata sandi terlalu lemah: {reason}.',
      en: 'The password is too weak: {reason}.',
    },
  },
  'identity.user_not_found': {
    status: 404,
    message: { id: 'Pengguna tidak ditemukan.', en: 'User not found.' },
  },
  'identity.username_taken': {
    status: 409,
    message: {
      id: 'Nama pengguna, surel atau pegawai tersebut sudah memiliki akun.',
      en: 'That username, e-mail or employee already has an account.',
    },
  },
  'identity.role_unknown': {
    status: 400,
    message: { id: 'Peran {role} tidak dikenal.', en: 'Unknown role {role}.' },
  },
  'identity.role_scope_invalid': {
    status: 400,
    message: {
      id: 'Peran {role} berlaku untuk seluruh pemerintah daerah dan tidak dapat dibatasi pada satu Perangkat Daerah.',
      en: 'Role {role} is tenant-wide and cannot be limited to one agency.',
    },
  },
  'identity.token_scope_exceeds': {
    status: 403,
    message: {
      id: 'Token ini tidak dapat membuat token dengan cakupan {scope} yang tidak dimilikinya.',
      en: 'This token cannot create a token with scope {scope}, which it does not hold.',
    },
  },
  'identity.role_not_found': {
    status: 404,
    message: { id: 'Penugasan peran tidak ditemukan.', en: 'Role assignment not found.' },
  },
  'identity.token_not_found': {
    status: 404,
    message: { id: 'Token API tidak ditemukan.', en: 'API token not found.' },
  },
  'identity.token_scope_invalid': {
    status: 400,
    message: {
      id: 'Cakupan token {scope} tidak dikenal.',
      en: 'Unknown token scope {scope}.',
    },
  },
  'identity.employee_not_found': {
    status: 400,
    message: {
      id: 'Pegawai yang ditautkan tidak ditemukan.',
      en: 'The linked employee does not exist.',
    },
  },
  'identity.mfa_invalid_code': {
    status: 400,
    message: {
      id: 'Kode verifikasi salah, kedaluwarsa, atau sudah pernah dipakai.',
      en: 'The verification code is wrong, expired or already used.',
    },
  },
  'identity.mfa_flow_expired': {
    status: 400,
    message: {
      id: 'Langkah masuk ini sudah berakhir atau tidak berlaku. Silakan masuk lagi dari awal.',
      en: 'This sign-in step has ended or is not valid. Please sign in again from the start.',
    },
  },
  'identity.passkey_failed': {
    status: 400,
    message: {
      id: 'Passkey tidak dapat diverifikasi.',
      en: 'The passkey could not be verified.',
    },
  },
  'identity.passkey_not_found': {
    status: 404,
    message: { id: 'Passkey tidak ditemukan.', en: 'Passkey not found.' },
  },
  'identity.totp_not_enrolled': {
    status: 409,
    message: {
      id: 'Aplikasi autentikator belum didaftarkan atau belum dimulai pendaftarannya.',
      en: 'No authenticator app is enrolled, or its enrolment was not started.',
    },
  },
  'identity.totp_already_enrolled': {
    status: 409,
    message: {
      id: 'Aplikasi autentikator sudah terdaftar. Hapus dulu yang lama untuk mendaftarkan yang baru.',
      en: 'An authenticator app is already enrolled. Remove it first to enrol a new one.',
    },
  },
  'identity.mfa_not_enrolled': {
    status: 409,
    message: {
      id: 'Kode pemulihan hanya tersedia setelah aplikasi autentikator atau passkey didaftarkan.',
      en: 'Recovery codes are only available once an authenticator app or a passkey is enrolled.',
    },
  },
  'identity.current_password_wrong': {
    status: 400,
    message: {
      id: 'Kata sandi saat ini salah.',
      en: 'The current password is wrong.',
    },
  },
  'identity.reset_token_invalid': {
    status: 400,
    message: {
      id: 'Tautan atur ulang kata sandi tidak berlaku, sudah dipakai, atau kedaluwarsa. Mintalah tautan baru.',
      en: 'The password reset link is not valid, already used or expired. Request a new one.',
    },
  },
  'identity.session_not_found': {
    status: 404,
    message: { id: 'Sesi tidak ditemukan.', en: 'Session not found.' },
  },
});
