import { defineErrors } from '../../../platform/http/errors.js';

export const OidcErrors = defineErrors({
  'identity.client_not_found': {
    status: 404,
    message: { id: 'Klien SSO tidak ditemukan.', en: 'SSO client not found.' },
  },
  'identity.client_id_taken': {
    status: 409,
    message: {
      id: 'ID klien {clientId} sudah dipakai.',
      en: 'Client ID {clientId} is already in use.',
    },
  },
  'identity.client_invalid': {
    status: 400,
    message: {
      id: 'Data klien SSO tidak sah: {reason}.',
      en: 'The SSO client is not valid: {reason}.',
    },
  },
  'identity.client_no_secret': {
    status: 409,
    message: {
      id: 'Klien publik tidak memiliki rahasia klien.',
      en: 'A public client has no client secret.',
    },
  },
  'identity.interaction_not_found': {
    status: 404,
    message: {
      id: 'Permintaan masuk dari aplikasi ini sudah kedaluwarsa atau tidak ditemukan. Kembali ke aplikasi lalu coba lagi.',
      en: 'This sign-in request from the application has expired or was not found. Go back to the application and try again.',
    },
  },
  'identity.interaction_reauth_required': {
    status: 401,
    message: {
      id: 'Aplikasi meminta Anda masuk ulang.',
      en: 'The application asks you to sign in again.',
    },
  },
});

/** Reasons for identity.client_invalid, localized. */
export const CLIENT_REASONS = {
  redirect_required: {
    id: 'klien aplikasi web dan publik memerlukan minimal satu URI pengalihan',
    en: 'web and public clients need at least one redirect URI',
  },
  redirect_invalid: {
    id: 'URI pengalihan harus URL https lengkap tanpa fragmen (http hanya untuk localhost)',
    en: 'redirect URIs must be absolute https URLs without a fragment (http only for localhost)',
  },
  service_no_redirect: {
    id: 'klien layanan (client credentials) tidak memakai URI pengalihan',
    en: 'service (client-credentials) clients take no redirect URIs',
  },
  scope_unknown: { id: 'cakupan tidak dikenal', en: 'unknown scope' },
  openid_required: {
    id: 'klien aplikasi web dan publik memerlukan cakupan openid',
    en: 'web and public clients need the openid scope',
  },
  public_trusted: {
    id: 'klien publik tidak dapat ditandai tepercaya',
    en: 'a public client cannot be marked trusted',
  },
} as const;
