import { eq } from 'drizzle-orm';
import { startChain } from '../../platform/audit/audit.js';
import type { Ctx, TenantInfo } from '../../platform/context.js';
import { inTenantTx, type Database, type Db, type Executor } from '../../platform/db/database.js';
import { tenants, type TenantRow } from './db/schema.js';

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

import { ROLES } from '../../platform/auth/permissions.js';
import type { Principal } from '../../platform/context.js';

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
