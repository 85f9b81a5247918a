import { randomBytes } from 'node:crypto';
import type { Database } from '../platform/db/database.js';
import { AppError } from '../platform/http/errors.js';
import {
  asSystem,
  createTenant,
  findTenantByCode,
  listTenants,
  type TenantRow,
} from '../modules/tenancy/tenancy.service.js';
import {
  assignRole,
  checkPassword,
  createUserUnchecked,
} from '../modules/identity/identity.service.js';
import { withOwnerDb } from './tenant-option.js';

export interface FirstTenantInput {
  code: string;
  name: string;
  kind: string;
  domain?: string | null;
  hosts?: string[];
  timeZone?: string;
  adminUsername: string;
  adminName?: string;
  adminEmail?: string | null;
  /** Omit to generate one (returned once). */
  adminPassword?: string | null;
}

export interface FirstTenantResult {
  tenant: TenantRow;
  adminUsername: string;
  /** Set when the password was generated here; show it once. */
  generatedPassword: string | null;
}

/**
 * Creates a tenant and its first ICT admin: used by `simpul setup` and, from configuration, by
 * the first `simpul start`. Everything is checked before anything is written.
 */
export async function createFirstTenant(
  database: Database,
  input: FirstTenantInput,
): Promise<FirstTenantResult> {
  if (!/^\d{2}(\.\d{2}){0,2}$/.test(input.code)) {
    throw new Error('the region code must look like 33 or 33.25');
  }
  if (!['kabupaten', 'kota', 'provinsi'].includes(input.kind)) {
    throw new Error('the kind must be kabupaten, kota or provinsi');
  }
  const generatedPassword = input.adminPassword ? null : randomBytes(18).toString('base64url');
  const password = input.adminPassword || (generatedPassword as string);
  try {
    checkPassword({ locale: 'id' }, password, input.adminUsername);
  } catch (err) {
    if (err instanceof AppError) throw new Error(`${err.localizedMessage('id')} (${err.code})`);
    throw err;
  }
  const tenant = await withOwnerDb(database.ownerUrl, async (db) => {
    if (await findTenantByCode(db, input.code)) {
      throw new Error(`tenant ${input.code} already exists`);
    }
    return createTenant(db, {
      code: input.code,
      name: input.name,
      kind: input.kind as TenantRow['kind'],
      officialDomain: input.domain ?? null,
      hostnames: input.hosts ?? [],
      timeZone: input.timeZone ?? 'Asia/Jakarta',
      isDefault: true,
    });
  });
  const admin = await asSystem(database, tenant, async (ctx) => {
    const u = await createUserUnchecked(ctx, {
      username: input.adminUsername,
      displayName: input.adminName ?? 'Administrator TIK',
      email: input.adminEmail ?? null,
      kind: 'external',
      password,
    });
    await assignRole(ctx, u.id, 'ict_admin', null);
    return u;
  });
  return { tenant, adminUsername: admin.username, generatedPassword };
}

/** Whether any tenant exists yet (a fresh install has none). */
export async function hasTenants(database: Database): Promise<boolean> {
  return withOwnerDb(database.ownerUrl, async (db) => (await listTenants(db)).length > 0);
}
