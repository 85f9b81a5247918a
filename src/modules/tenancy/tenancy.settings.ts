import { ROLES } from '../../platform/auth/permissions.js';
import { AppError } from '../../platform/http/errors.js';
import { REGULATION_CODES } from './regulations.js';

/**
 * Checks of the tenant settings a console user may change (pure: no database). Each throws an
 * AppError naming the offending value; the service runs them before it writes anything.
 */

/**
 * An IANA zone name (`Asia/Jakarta`, `UTC`) that this runtime's ICU knows. Returns the canonical
 * spelling, or null. Offsets such as `+07:00` are refused: they ignore daylight-saving rules and
 * are not zone names.
 */
export function canonicalTimeZone(value: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A bare DNS host name (no scheme, port, path or trailing dot), lower-cased; null when it is not
 * one. At least two labels, the last alphabetic (a TLD), at most 253 characters.
 */
export function normaliseDomain(value: string): string | null {
  const d = value.trim().toLowerCase();
  if (d.length === 0 || d.length > 253) return null;
  const labels = d.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((l) => LABEL.test(l))) return null;
  if (!/^[a-z]{2,63}$/.test(labels.at(-1)!) && !/^xn--[a-z0-9-]+$/.test(labels.at(-1)!))
    return null;
  return d;
}

/** A logo is an https URL or a path on this site (`/files/logo.svg`), never a script URL. */
export function checkLogoUrl(value: string): string {
  const v = value.trim();
  if (/^\/(?!\/)[^\s\\]*$/.test(v) && v.length <= 500) return v;
  try {
    const u = new URL(v);
    if (u.protocol === 'https:' && u.hostname && !u.username && !u.password && v.length <= 500)
      return u.toString();
  } catch {
    // falls through to the error
  }
  throw new AppError('tenancy.logo_url_invalid');
}

export function checkTimeZone(value: string): string {
  const tz = canonicalTimeZone(value);
  if (!tz) throw new AppError('tenancy.time_zone_invalid', { timeZone: value });
  return tz;
}

export function checkDomain(value: string): string {
  const d = normaliseDomain(value);
  if (!d) throw new AppError('tenancy.domain_invalid', { domain: value });
  return d;
}

/** Known regulation codes, de-duplicated, in the order given. */
export function checkRegulationProfile(codes: readonly string[]): string[] {
  const unknown = codes.find((c) => !REGULATION_CODES.includes(c));
  if (unknown !== undefined) throw new AppError('tenancy.regulation_unknown', { code: unknown });
  return [...new Set(codes)];
}

/** Known roles, de-duplicated, in the order of ROLES. */
export function checkMfaRoles(roles: readonly string[]): string[] {
  const unknown = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown !== undefined) throw new AppError('tenancy.mfa_role_unknown', { role: unknown });
  return ROLES.filter((r) => roles.includes(r));
}
