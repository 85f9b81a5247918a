import { emit } from '../../platform/events/events.js';
import { and, eq, ne, or, sql } from 'drizzle-orm';
import { startChain, writeAudit } from '../../platform/audit/audit.js';
import { authorize, ROLES } from '../../platform/auth/permissions.js';
import { AppError } from '../../platform/http/errors.js';
import type { Ctx, Principal, TenantInfo } from '../../platform/context.js';
import { inTenantTx, type Database, type Db, type Executor } from '../../platform/db/database.js';
import { tenants, type TenantRow } from './db/schema.js';
import { REGULATION_PROFILES, type RegulationProfile } from './regulations.js';
import {
  checkDomain,
  checkLogoUrl,
  checkMfaRoles,
  checkRegulationProfile,
  checkTimeZone,
} from './tenancy.settings.js';
import './tenancy.errors.js';

export interface TenantInput {
  code: string;
  name: string;
  kind: TenantRow['kind'];
  officialDomain?: string | null;
  hostnames?: string[];
  timeZone?: string;
  regulationProfile?: string[];
  logoUrl?: string | null;
  isDefault?: boolean;
}

export function toTenantInfo(t: TenantRow): TenantInfo {
  return { id: t.id, code: t.code, name: t.name, kind: t.kind, timeZone: t.timeZone };
}

/**
 * Creates a tenant. Runs as the operator (owner connection) because the app role cannot insert
 * tenants: only `simpul setup` and the demo seed call this.
 */
export async function createTenant(ownerDb: Db, input: TenantInput): Promise<TenantRow> {
  return ownerDb.transaction(async (tx) => {
    if (input.isDefault) await tx.update(tenants).set({ isDefault: false });
    const [row] = await tx
      .insert(tenants)
      .values({
        ...input,
        officialDomain: input.officialDomain?.toLowerCase() ?? null,
        hostnames: (input.hostnames ?? []).map((h) => h.toLowerCase()),
      })
      .returning();
    await startChain(tx, row!.id);
    return row!;
  });
}

export async function findTenantByCode(db: Executor, code: string): Promise<TenantRow | undefined> {
  const [row] = await db.select().from(tenants).where(eq(tenants.code, code));
  return row;
}

export async function listTenants(db: Executor): Promise<TenantRow[]> {
  return db.select().from(tenants).orderBy(tenants.code);
}

/** Roles whose holders must enrol a second factor when no policy was set. */
export const DEFAULT_MFA_REQUIRED_ROLES: readonly string[] = ['ict_admin'];

/** Reads a stored MFA policy leniently: anything malformed falls back to the default. */
export function parseMfaPolicy(settings: unknown): { requiredRoles: string[] } {
  const policy =
    settings && typeof settings === 'object'
      ? (settings as Record<string, unknown>).mfaPolicy
      : undefined;
  const roles =
    policy && typeof policy === 'object'
      ? (policy as Record<string, unknown>).requiredRoles
      : undefined;
  if (Array.isArray(roles) && roles.every((r) => typeof r === 'string')) {
    return { requiredRoles: [...(roles as string[])] };
  }
  return { requiredRoles: [...DEFAULT_MFA_REQUIRED_ROLES] };
}

/**
 * The tenant's MFA policy (tenants.settings.mfaPolicy): holders of these roles must sign in
 * with a second factor. Default: `{ requiredRoles: ['ict_admin'] }`.
 */
export async function mfaPolicyOf(ctx: Ctx): Promise<{ requiredRoles: string[] }> {
  const [row] = await ctx.tx
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, ctx.tenantId));
  return parseMfaPolicy(row?.settings);
}

// ------------------------------------------------------------------ settings (console)

/** What the console shows and edits of the tenant (GET/PATCH /api/tenancy/settings). */
export interface TenantSettings {
  code: string;
  name: string;
  kind: TenantRow['kind'];
  officialDomain: string | null;
  logoUrl: string | null;
  timeZone: string;
  regulationProfile: string[];
  mfaPolicy: { requiredRoles: string[] };
}

export interface TenantSettingsPatch {
  name?: string;
  logoUrl?: string | null;
  officialDomain?: string | null;
  timeZone?: string;
  regulationProfile?: string[];
  mfaPolicy?: { requiredRoles: string[] };
}

function presentSettings(t: TenantRow): TenantSettings {
  return {
    code: t.code,
    name: t.name,
    kind: t.kind,
    officialDomain: t.officialDomain,
    logoUrl: t.logoUrl,
    timeZone: t.timeZone,
    regulationProfile: [...t.regulationProfile],
    mfaPolicy: parseMfaPolicy(t.settings),
  };
}

async function ownTenant(ctx: Ctx): Promise<TenantRow> {
  const [row] = await ctx.tx.select().from(tenants).where(eq(tenants.id, ctx.tenantId));
  if (!row) throw new AppError('platform.tenant_unknown');
  return row;
}

export async function getSettings(ctx: Ctx): Promise<TenantSettings> {
  authorize(ctx, 'tenancy:settings:read', null);
  return presentSettings(await ownTenant(ctx));
}

/**
 * What the compliance rules need of the tenant (regulation profile, official domain, name), read
 * without a permission check: for system reactions (events, the nightly evaluation) that run
 * under whoever caused them. Exposes nothing a caller may not see through the rules' findings.
 */
export async function regulationFactsOf(
  ctx: Ctx,
): Promise<{ name: string; officialDomain: string | null; regulationProfile: string[] }> {
  const t = await ownTenant(ctx);
  return {
    name: t.name,
    officialDomain: t.officialDomain,
    regulationProfile: [...t.regulationProfile],
  };
}

export function listRegulationProfiles(): RegulationProfile[] {
  return REGULATION_PROFILES.map((r) => ({ ...r }));
}

/**
 * Changes the editable settings. Every value is checked before anything is written; the change
 * and its audit event (`tenancy.settings.updated`, before and after) commit together. Row-level
 * security limits the UPDATE to the caller's own tenant.
 *
 * Other nodes (and this one) see a new name, domain or time zone once their tenant cache
 * expires (30 seconds, src/platform/http/tenant-resolver.ts).
 */
export async function updateSettings(
  ctx: Ctx,
  patch: TenantSettingsPatch,
): Promise<TenantSettings> {
  authorize(ctx, 'tenancy:settings:write', null);
  const set: Partial<typeof tenants.$inferInsert> = {};
  if (patch.name !== undefined) set.name = patch.name.trim();
  if (patch.logoUrl !== undefined)
    set.logoUrl =
      patch.logoUrl === null || patch.logoUrl.trim() === '' ? null : checkLogoUrl(patch.logoUrl);
  if (patch.officialDomain !== undefined)
    set.officialDomain =
      patch.officialDomain === null || patch.officialDomain.trim() === ''
        ? null
        : checkDomain(patch.officialDomain);
  if (patch.timeZone !== undefined) set.timeZone = checkTimeZone(patch.timeZone);
  if (patch.regulationProfile !== undefined)
    set.regulationProfile = checkRegulationProfile(patch.regulationProfile);
  const mfaPolicy =
    patch.mfaPolicy !== undefined
      ? { requiredRoles: checkMfaRoles(patch.mfaPolicy.requiredRoles) }
      : undefined;

  const before = await ownTenant(ctx);
  if (set.officialDomain) {
    // The host name picks the tenant: two tenants must never claim the same one.
    const domain = set.officialDomain;
    const [clash] = await ctx.tx
      .select({ id: tenants.id })
      .from(tenants)
      .where(
        and(
          ne(tenants.id, ctx.tenantId),
          or(eq(tenants.officialDomain, domain), sql`${domain} = ANY(${tenants.hostnames})`),
        ),
      )
      .limit(1);
    if (clash) throw new AppError('tenancy.domain_taken', { domain });
  }

  const [after] = await ctx.tx
    .update(tenants)
    .set({
      ...set,
      ...(mfaPolicy
        ? { settings: sql`${tenants.settings} || ${JSON.stringify({ mfaPolicy })}::jsonb` }
        : {}),
      updatedAt: new Date(),
    })
    .where(eq(tenants.id, ctx.tenantId))
    .returning();
  if (!after) throw new AppError('platform.forbidden');

  const beforeView = presentSettings(before);
  const afterView = presentSettings(after);
  const changed = (Object.keys(afterView) as Array<keyof TenantSettings>).filter(
    (k) => JSON.stringify(beforeView[k]) !== JSON.stringify(afterView[k]),
  );
  await writeAudit(ctx.tx, ctx, {
    action: 'tenancy.settings.updated',
    targetType: 'tenant',
    targetId: ctx.tenantId,
    before: beforeView,
    after: afterView,
    data: { changed },
  });
  if (changed.length > 0) await emit(ctx, 'tenancy.settings.changed', { changed });
  return afterView;
}

/** The operator at the console: holds every role, acts as no user (actor kind `system`). */
export const SYSTEM_PRINCIPAL: Principal = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  via: 'session',
  roles: ROLES.map((role) => ({ role, agencyId: null })),
  tokenScopes: null,
  sessionId: null,
  tokenId: null,
  employeeId: null,
  amr: [],
  mfaEnrolmentRequired: false,
};

/** Runs operator work (CLI, seed) inside a tenant with the system as actor. */
export async function asSystem<T>(
  database: Pick<Database, 'pool'>,
  tenant: TenantRow,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  return inTenantTx(database, { tenantId: tenant.id }, (tx) =>
    fn({
      tenant: toTenantInfo(tenant),
      tenantId: tenant.id,
      principal: SYSTEM_PRINCIPAL,
      actorId: null,
      actorKind: 'system',
      ip: null,
      userAgent: 'simpul-cli',
      requestId: null,
      locale: 'id',
      tx,
    }),
  );
}
export type { TenantRow } from './db/schema.js';

declare module '../../platform/events/events.js' {
  interface DomainEvents {
    /** The tenant's settings changed (names of the changed settings, e.g. `regulationProfile`). */
    'tenancy.settings.changed': { changed: string[] };
  }
}
