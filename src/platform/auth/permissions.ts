import { AppError } from '../http/errors.js';
import type { Ctx, Principal } from '../context.js';

/** The roles of Simpul. A grant is tenant-wide or limited to one agency. */
export const ROLES = [
  'ict_admin',
  'ict_operator',
  'agency_admin',
  'agency_operator',
  'auditor',
  'regional_secretary',
  'regent',
  'cio',
] as const;
export type Role = (typeof ROLES)[number];

export interface PermissionDefinition {
  description: string;
  /** Roles that hold this permission. Agency-scoped grants hold it only for their agency. */
  roles: readonly Role[];
}

const permissions = new Map<string, PermissionDefinition>();

/** Module manifests declare their permissions (`module:resource:action`) through this. */
export function registerPermissions(defs: Record<string, PermissionDefinition>): void {
  for (const [name, def] of Object.entries(defs)) {
    if (!/^[a-z]+:[a-z_]+:[a-z_]+$/.test(name)) throw new Error(`bad permission name ${name}`);
    permissions.set(name, def);
  }
}

export function permissionDefinitions(): ReadonlyMap<string, PermissionDefinition> {
  return permissions;
}

/** Token scope patterns: exact permission, or with `*` segments (`org:*:read`, `*`). */
export function scopeAllows(scope: string, permission: string): boolean {
  if (scope === '*') return true;
  const s = scope.split(':');
  const p = permission.split(':');
  return s.length === p.length && s.every((part, i) => part === '*' || part === p[i]);
}

/**
 * The one permission check, deny by default. `agencyId` says what the action touches:
 * - an agency id: a tenant-wide grant, or a grant limited to that agency, holds it;
 * - `null` (a tenant-level action: agencies, accounts, roles, the audit trail): only a
 *   tenant-wide grant holds it;
 * - omitted (a listing, or the route gate before the service's own check): any grant holds it,
 *   and the service narrows what is returned with agencyScope().
 */
export function can(
  principal: Principal | null,
  permission: string,
  agencyId?: string | null,
): boolean {
  if (!principal || principal.mfaEnrolmentRequired) return false;
  const def = permissions.get(permission);
  if (!def) return false;
  if (principal.tokenScopes && !principal.tokenScopes.some((s) => scopeAllows(s, permission))) {
    return false;
  }
  return principal.roles.some(
    (g) =>
      (def.roles as readonly string[]).includes(g.role) &&
      (g.agencyId === null ||
        agencyId === undefined ||
        (agencyId !== null && agencyId === g.agencyId)),
  );
}

/** Whether a token scope pattern covers another pattern (a token may only hand on what it has). */
export function scopeCovers(held: string, wanted: string): boolean {
  if (held === '*') return true;
  if (wanted === '*') return false;
  const h = held.split(':');
  const w = wanted.split(':');
  return h.length === w.length && h.every((part, i) => part === '*' || part === w[i]);
}

export function authorize(
  ctx: Pick<Ctx, 'principal'>,
  permission: string,
  agencyId?: string | null,
): void {
  if (!ctx.principal) throw new AppError('platform.unauthenticated');
  if (ctx.principal.mfaEnrolmentRequired) throw new AppError('platform.mfa_enrolment_required');
  if (!can(ctx.principal, permission, agencyId)) {
    throw new AppError('platform.forbidden', { permission });
  }
}

/** Agencies the principal is limited to for a permission; null means tenant-wide. */
export function agencyScope(principal: Principal | null, permission: string): string[] | null {
  if (!principal) return [];
  const def = permissions.get(permission);
  if (!def) return [];
  const grants = principal.roles.filter((g) => (def.roles as readonly string[]).includes(g.role));
  if (grants.some((g) => g.agencyId === null)) return null;
  return grants.map((g) => g.agencyId as string);
}
