import argon2 from 'argon2';
import type { Locale } from '../../platform/i18n/i18n.js';
import { AppError } from '../../platform/http/errors.js';
import './identity.errors.js';
import commonPasswords from './common-passwords.json' with { type: 'json' };

/** OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1. */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing reveals nothing. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('simpul-dummy-password-for-timing');
  return dummy;
}

/** Well-known passwords long enough to pass the length rule (common-passwords.json). */
const COMMON: ReadonlySet<string> = new Set(commonPasswords.passwords);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_username';

/** Length first (NIST 800-63B): at least 12, at most 256, not a well-known password. */
export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > 256) return 'too_long';
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || new Set(lower).size <= 2) return 'too_common';
  if (username && username.length >= 4 && lower.includes(username.toLowerCase()))
    return 'contains_username';
  return null;
}

export const PASSWORD_REASONS = {
  too_short: {
    id: `minimal ${MIN_PASSWORD_LENGTH} karakter`,
    en: `at least ${MIN_PASSWORD_LENGTH} characters`,
  },
  too_long: { id: 'maksimal 256 karakter', en: 'at most 256 characters' },
  too_common: { id: 'terlalu umum dan mudah ditebak', en: 'too common and easy to guess' },
  contains_username: {
    id: 'tidak boleh memuat nama pengguna',
    en: 'must not contain the username',
  },
} as const;

/** Throws identity.password_too_weak with a localized reason when a new password is not acceptable. */
export function checkPassword(ctx: { locale: Locale }, password: string, username?: string) {
  const problem = passwordProblem(password, username);
  if (problem) {
    throw new AppError(
      'identity.password_too_weak',
      { reason: PASSWORD_REASONS[problem][ctx.locale] },
      { reason: problem },
    );
  }
}
