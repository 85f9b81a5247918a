import type { TFunction } from 'i18next';
import { WebAuthnError } from '@simplewebauthn/browser';
import { ApiError } from './http';

/** i18n key of a server error code: `identity.login_throttled` → `errors.identity_login_throttled`. */
export function errorKey(code: string): string {
  return `errors.${code.replace(/[^a-z0-9_]/gi, '_')}`;
}

/**
 * A sentence for the user about `error`, in the UI language. The server's error code picks the
 * message; unknown codes fall back to the server's own localized message, then to a generic one.
 */
export function describeError(t: TFunction<'console'>, error: unknown): string {
  if (error instanceof ApiError) {
    const retryAfter = error.retryAfter ?? 60;
    if (error.code) {
      const key = errorKey(error.code);
      const text = t(key, { retryAfter, defaultValue: '' });
      if (text) return text;
    }
    if (error.serverMessage) return error.serverMessage;
    if (error.status === 0 || error.status >= 500) return t('errors.server');
    return t('errors.generic', { status: error.status });
  }
  if (error instanceof WebAuthnError) {
    if (error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
      return t('errors.webauthn_already_registered');
    }
    if (error.code === 'ERROR_INVALID_DOMAIN' || error.code === 'ERROR_INVALID_RP_ID') {
      return t('errors.webauthn_unavailable');
    }
    if (error.name === 'NotAllowedError' || error.name === 'AbortError') {
      return t('errors.webauthn_cancelled');
    }
    return t('errors.webauthn_failed');
  }
  if (error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError')) {
    return t('errors.webauthn_cancelled');
  }
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.unknown');
}
