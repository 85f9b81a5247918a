import type { Account } from 'oidc-provider';
import { inTenantTx, type Database } from '../../../platform/db/database.js';
import * as org from '../../org/org.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AccountRow extends Record<string, unknown> {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  employeeId: string | null;
  updatedAt: Date;
  roles: string[];
}

/** The claims of one account: only active users exist for the provider. */
export async function findAccount(
  database: Database,
  tenantId: string,
  sub: string,
): Promise<Account | undefined> {
  if (!UUID.test(sub)) return undefined;
  // The account read travels with BEGIN (sub is a validated UUID); the employee's profile,
  // when there is one, follows in the same transaction.
  const claims = await inTenantTx(
    database,
    { tenantId },
    async (tx, found) => {
      const user = found[0] as AccountRow | undefined;
      if (!user) return null;
      const profile = user.employeeId ? await org.employeeProfile({ tx }, user.employeeId) : null;
      return {
        sub: user.id,
        name: user.displayName,
        preferred_username: user.username,
        updated_at: Math.floor(new Date(user.updatedAt).getTime() / 1000),
        ...(user.email ? { email: user.email } : {}),
        ...(profile
          ? {
              nip: profile.nip,
              agency: { code: profile.agencyCode, name: profile.agencyName },
              unit: profile.unitName,
              position: profile.positionName,
            }
          : {}),
        roles: user.roles,
      };
    },
    `SELECT u.id, u.username, u.display_name AS "displayName", u.email,
            u.employee_id AS "employeeId", u.updated_at AS "updatedAt",
            coalesce((SELECT array_agg(DISTINCT r.role ORDER BY r.role)
                        FROM identity_role_assignments r WHERE r.user_id = u.id),
                     '{}') AS roles
       FROM identity_users u WHERE u.id = '${sub}' AND u.status = 'active'`,
  );
  if (!claims) return undefined;
  return { accountId: sub, claims: () => claims };
}
