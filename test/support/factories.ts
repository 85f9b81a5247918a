import type { Ctx } from '../../src/platform/context.js';
import type { Database } from '../../src/platform/db/database.js';
import type { Db } from '../../src/platform/db/database.js';
import { asSystem, createTenant } from '../../src/modules/tenancy/tenancy.service.js';
import type { TenantRow } from '../../src/modules/tenancy/db/schema.js';
import * as identity from '../../src/modules/identity/identity.service.js';
import * as org from '../../src/modules/org/org.service.js';

let counter = 0;
const next = () => ++counter;

export async function makeTenant(
  owner: Db,
  overrides: Partial<Parameters<typeof createTenant>[1]> = {},
): Promise<TenantRow> {
  const n = next();
  return createTenant(owner, {
    code: `9${n % 10}.${String(10 + (n % 90)).padStart(2, '0')}.${String(n).padStart(2, '0').slice(-2)}`,
    name: `Pemerintah Kabupaten Uji ${n}`,
    kind: 'kabupaten',
    hostnames: [`t${n}.simpul.test`],
    ...overrides,
  });
}

/** Runs fn as the console operator (every role) inside the tenant. */
export function asOperator<T>(
  database: Database,
  tenant: TenantRow,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  return asSystem(database, tenant, fn);
}

/** A user with the given roles and a personal API token; returns the bearer header. */
export async function makeUserWithToken(
  database: Database,
  tenant: TenantRow,
  roles: Array<{ role: string; agencyId?: string | null }>,
  scopes: string[] = ['*'],
): Promise<{ userId: string; token: string; headers: Record<string, string> }> {
  return asOperator(database, tenant, async (ctx) => {
    const n = next();
    const u = await identity.createUserUnchecked(ctx, {
      username: `user${n}`,
      displayName: `User ${n}`,
      kind: 'external',
      password: `correct-horse-${n}-battery`,
    });
    for (const r of roles) await identity.assignRole(ctx, u.id, r.role, r.agencyId ?? null);
    const t = await identity.createToken(
      ctx,
      { name: 'test', scopes, expiresInDays: 1, userId: u.id },
      { checked: false },
    );
    return {
      userId: u.id,
      token: t.token,
      headers: { authorization: `Bearer ${t.token}`, host: tenant.hostnames[0] ?? 'localhost' },
    };
  });
}

/** A real NIP for a date of birth, appointment month, gender and sequence. */
export function makeNip(
  seq: number,
  opts: { birth?: string; appointed?: string; gender?: 1 | 2 } = {},
): string {
  const birth =
    opts.birth ??
    `19${70 + (seq % 25)}${String(1 + (seq % 12)).padStart(2, '0')}${String(1 + (seq % 28)).padStart(2, '0')}`;
  const appointed =
    opts.appointed ??
    `20${String(5 + (seq % 15)).padStart(2, '0')}${String(1 + (seq % 12)).padStart(2, '0')}`;
  return `${birth}${appointed}${opts.gender ?? (seq % 2 === 0 ? 2 : 1)}${String(seq % 1000).padStart(3, '0')}`;
}

export async function makeAgency(
  database: Database,
  tenant: TenantRow,
  overrides: Partial<org.AgencyInput> = {},
) {
  const n = next();
  return asOperator(database, tenant, (ctx) =>
    org.createAgency(ctx, {
      code: `A${n}`,
      name: `Dinas Uji ${n}`,
      shortName: `DU${n}`,
      kind: 'dinas',
      ...overrides,
    }),
  );
}
