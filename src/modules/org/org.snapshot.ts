import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';

/*
 * Bulk reader of the organisation for the compliance rules: every agency with the facts the
 * regulations ask about (ICT office, e-government unit, appointed ICT managers), in one query,
 * plus which of a set of employees are still active (data stewards). Read-only.
 */

export interface SnapAgency {
  id: string;
  name: string;
  shortName: string;
  active: boolean;
  /** The ICT office (Dinas Komunikasi dan Informatika). */
  isIctOffice: boolean;
  /** Whether one of its units is flagged as its e-government unit (BHR17 art.17). */
  hasEgovUnit: boolean;
  /** ICT managers appointed by decree whose appointment runs on `today`. */
  activeIctAppointments: number;
}

export interface OrgSnapshot {
  agencies: SnapAgency[];
  /** Of the employees asked about, those with status `active`. */
  activeEmployeeIds: Set<string>;
}

export async function loadOrgSnapshot(
  db: Executor,
  opts: { today: string; employeeIds?: readonly string[] },
): Promise<OrgSnapshot> {
  const ids = [...new Set(opts.employeeIds ?? [])];
  const agencies = await db.execute(
    sql`SELECT a.id, a.name, a.short_name AS "shortName", a.active,
                 a.is_ict_office AS "isIctOffice",
                 EXISTS (SELECT 1 FROM org_units u
                         WHERE u.agency_id = a.id AND u.is_egov_unit) AS "hasEgovUnit",
                 (SELECT count(*) FROM org_ict_appointments p
                  WHERE p.agency_id = a.id AND p.starts_on <= ${opts.today}::date
                    AND (p.ends_on IS NULL OR p.ends_on >= ${opts.today}::date))::int
                   AS "activeIctAppointments"
          FROM org_agencies a`,
  );
  const employees =
    ids.length > 0
      ? await db.execute(
          sql`SELECT id FROM org_employees
              WHERE status = 'active' AND id = ANY(${`{${ids.join(',')}}`}::uuid[])`,
        )
      : { rows: [] as Array<{ id: string }> };
  return {
    agencies: agencies.rows as unknown as SnapAgency[],
    activeEmployeeIds: new Set((employees.rows as Array<{ id: string }>).map((r) => r.id)),
  };
}

/** Names of agencies by id (for reports and listings). */
export async function agencyNames(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await db.execute(
    sql`SELECT id, name FROM org_agencies
        WHERE id = ANY(${`{${[...new Set(ids)].join(',')}}`}::uuid[])`,
  );
  return new Map((r.rows as Array<{ id: string; name: string }>).map((x) => [x.id, x.name]));
}
