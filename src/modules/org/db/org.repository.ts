import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { preparedQuery, type Executor } from '../../../platform/db/database.js';
import { agencies, employees, ictAppointments, positions, units } from './schema.js';
import type { AgencyRow, EmployeeRow, IctAppointmentRow, PositionRow, UnitRow } from './schema.js';

/** All SQL of the org module. RLS narrows every query to the transaction's tenant. */

export interface Page<T> {
  items: T[];
  total: number;
}

export interface ListQuery {
  limit: number;
  offset: number;
  q?: string;
  /** Restrict to these agencies (agency-scoped roles); undefined means all. */
  agencyIds?: string[];
}

function like(q: string): string {
  return `%${q.replace(/[%_\\]/g, '\\$&')}%`;
}

function page<T>(rows: Array<T & { _total: number }>): Page<T> {
  const total = rows[0]?._total ?? 0;
  return { items: rows.map(({ _total, ...rest }) => rest as unknown as T), total };
}

const totalCol = sql<number>`count(*) over ()`.mapWith(Number).as('_total');

// ---- agencies
/**
 * The agency list is the busiest read: one prepared statement whose optional filters are
 * parameters (NULL = no filter), so it is parsed and planned once per connection.
 */
/** Timestamps formatted by PostgreSQL as ISO 8601 UTC, so no Date is parsed and re-printed. */
const isoUtc = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** An agency as listed: timestamps already ISO 8601 text. */
export type AgencyListRow = Omit<AgencyRow, 'createdAt' | 'updatedAt'> & {
  createdAt: string;
  updatedAt: string;
};

const LIST_AGENCIES = `
  SELECT id, tenant_id AS "tenantId", code, name, short_name AS "shortName", kind,
         is_ict_office AS "isIctOffice", is_planning_agency AS "isPlanningAgency",
         parent_id AS "parentId", region_code AS "regionCode", address, website, active,
         ${isoUtc('created_at')} AS "createdAt", ${isoUtc('updated_at')} AS "updatedAt",
         count(*) OVER () AS "_total"
    FROM org_agencies
   WHERE ($1::text IS NULL OR name ILIKE $1 OR short_name ILIKE $1 OR code ILIKE $1)
     AND ($2::text IS NULL OR kind = $2)
     AND ($3::uuid[] IS NULL OR id = ANY ($3::uuid[]))
   ORDER BY code
   LIMIT $4 OFFSET $5`;

export async function listAgencies(
  db: Executor,
  q: ListQuery & { kind?: string },
): Promise<Page<AgencyListRow>> {
  const rows = await preparedQuery<AgencyListRow & { _total: number }>(
    db,
    'org_list_agencies',
    LIST_AGENCIES,
    [q.q ? like(q.q) : null, q.kind ?? null, q.agencyIds ?? null, q.limit, q.offset],
  );
  return page(rows);
}

/** Every agency's id, code, name and parent, by code (or only those with the given ids). */
export async function agencyDirectory(db: Executor, ids?: readonly string[]) {
  return db
    .select({
      id: agencies.id,
      code: agencies.code,
      name: agencies.name,
      parentId: agencies.parentId,
      isIctOffice: agencies.isIctOffice,
    })
    .from(agencies)
    .where(ids ? inArray(agencies.id, [...ids]) : undefined)
    .orderBy(asc(agencies.code));
}

export async function findAgency(db: Executor, id: string): Promise<AgencyRow | undefined> {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, id));
  return row;
}

export async function insertAgency(
  db: Executor,
  values: typeof agencies.$inferInsert,
): Promise<AgencyRow> {
  const [row] = await db.insert(agencies).values(values).returning();
  return row!;
}

export async function updateAgency(
  db: Executor,
  id: string,
  values: Partial<typeof agencies.$inferInsert>,
): Promise<AgencyRow | undefined> {
  const [row] = await db
    .update(agencies)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(agencies.id, id))
    .returning();
  return row;
}

export async function deleteAgency(db: Executor, id: string): Promise<boolean> {
  const r = await db.delete(agencies).where(eq(agencies.id, id)).returning({ id: agencies.id });
  return r.length > 0;
}

export async function agencyDependents(db: Executor, id: string): Promise<number> {
  const [u] = await db.select({ n: count() }).from(units).where(eq(units.agencyId, id));
  const [p] = await db.select({ n: count() }).from(positions).where(eq(positions.agencyId, id));
  const [e] = await db.select({ n: count() }).from(employees).where(eq(employees.agencyId, id));
  const [a] = await db
    .select({ n: count() })
    .from(ictAppointments)
    .where(eq(ictAppointments.agencyId, id));
  return (u?.n ?? 0) + (p?.n ?? 0) + (e?.n ?? 0) + (a?.n ?? 0);
}

// ---- units
export async function listUnits(db: Executor, agencyId: string): Promise<UnitRow[]> {
  return db.select().from(units).where(eq(units.agencyId, agencyId)).orderBy(asc(units.code));
}

export async function findUnit(db: Executor, id: string): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  return row;
}

export async function insertUnit(
  db: Executor,
  values: typeof units.$inferInsert,
): Promise<UnitRow> {
  const [row] = await db.insert(units).values(values).returning();
  return row!;
}

export async function updateUnit(
  db: Executor,
  id: string,
  values: Partial<typeof units.$inferInsert>,
): Promise<UnitRow | undefined> {
  const [row] = await db
    .update(units)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(units.id, id))
    .returning();
  return row;
}

export async function deleteUnit(db: Executor, id: string): Promise<void> {
  await db.delete(units).where(eq(units.id, id));
}

/** Units flagged as their agency's e-government unit, for the given agencies or all. */
export async function egovUnits(db: Executor, agencyIds?: string[]): Promise<UnitRow[]> {
  if (agencyIds && agencyIds.length === 0) return [];
  const where = [eq(units.isEgovUnit, true)];
  if (agencyIds) where.push(inArray(units.agencyId, agencyIds));
  return db
    .select()
    .from(units)
    .where(and(...where))
    .orderBy(asc(units.agencyId), asc(units.code));
}

export async function unitDependents(db: Executor, id: string): Promise<number> {
  const [c] = await db.select({ n: count() }).from(units).where(eq(units.parentId, id));
  const [p] = await db.select({ n: count() }).from(positions).where(eq(positions.unitId, id));
  const [e] = await db.select({ n: count() }).from(employees).where(eq(employees.unitId, id));
  return (c?.n ?? 0) + (p?.n ?? 0) + (e?.n ?? 0);
}

// ---- positions
export async function listPositions(db: Executor, agencyId: string): Promise<PositionRow[]> {
  return db
    .select()
    .from(positions)
    .where(eq(positions.agencyId, agencyId))
    .orderBy(asc(positions.name));
}

export async function findPosition(db: Executor, id: string): Promise<PositionRow | undefined> {
  const [row] = await db.select().from(positions).where(eq(positions.id, id));
  return row;
}

export async function insertPosition(
  db: Executor,
  values: typeof positions.$inferInsert,
): Promise<PositionRow> {
  const [row] = await db.insert(positions).values(values).returning();
  return row!;
}

export async function updatePosition(
  db: Executor,
  id: string,
  values: Partial<typeof positions.$inferInsert>,
): Promise<PositionRow | undefined> {
  const [row] = await db
    .update(positions)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(positions.id, id))
    .returning();
  return row;
}

export async function deletePosition(db: Executor, id: string): Promise<void> {
  await db.delete(positions).where(eq(positions.id, id));
}

// ---- ICT manager appointments
/** An appointment with the appointee's name and NIP, and whether it is in force on a day. */
export type IctAppointmentView = IctAppointmentRow & {
  employeeName: string | null;
  employeeNip: string | null;
  active: boolean;
};

function appointmentView(onDay: string) {
  return {
    id: ictAppointments.id,
    tenantId: ictAppointments.tenantId,
    agencyId: ictAppointments.agencyId,
    employeeId: ictAppointments.employeeId,
    decreeNumber: ictAppointments.decreeNumber,
    decreeDate: ictAppointments.decreeDate,
    competence: ictAppointments.competence,
    startsOn: ictAppointments.startsOn,
    endsOn: ictAppointments.endsOn,
    createdAt: ictAppointments.createdAt,
    updatedAt: ictAppointments.updatedAt,
    employeeName: employees.name,
    employeeNip: employees.nip,
    active: inForce(onDay),
  };
}

/** In force on `onDay` (YYYY-MM-DD): started, and not yet ended (the end day still counts). */
function inForce(onDay: string) {
  return sql<boolean>`(${ictAppointments.startsOn} <= ${onDay}::date AND (${ictAppointments.endsOn} IS NULL OR ${ictAppointments.endsOn} >= ${onDay}::date))`;
}

export async function listIctAppointments(
  db: Executor,
  q: { agencyId?: string; activeOn?: string; onDay: string },
): Promise<IctAppointmentView[]> {
  const where: SQL[] = [];
  if (q.agencyId) where.push(eq(ictAppointments.agencyId, q.agencyId));
  if (q.activeOn) where.push(inForce(q.activeOn));
  return db
    .select(appointmentView(q.onDay))
    .from(ictAppointments)
    .leftJoin(employees, eq(employees.id, ictAppointments.employeeId))
    .where(and(...where))
    .orderBy(asc(ictAppointments.agencyId), desc(ictAppointments.startsOn), asc(employees.name));
}

export async function findIctAppointment(
  db: Executor,
  id: string,
  onDay: string,
): Promise<IctAppointmentView | undefined> {
  const [row] = await db
    .select(appointmentView(onDay))
    .from(ictAppointments)
    .leftJoin(employees, eq(employees.id, ictAppointments.employeeId))
    .where(eq(ictAppointments.id, id));
  return row;
}

export async function insertIctAppointment(
  db: Executor,
  values: typeof ictAppointments.$inferInsert,
): Promise<IctAppointmentRow> {
  const [row] = await db.insert(ictAppointments).values(values).returning();
  return row!;
}

export async function updateIctAppointment(
  db: Executor,
  id: string,
  values: Partial<typeof ictAppointments.$inferInsert>,
): Promise<IctAppointmentRow | undefined> {
  const [row] = await db
    .update(ictAppointments)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(ictAppointments.id, id))
    .returning();
  return row;
}

export async function deleteIctAppointment(db: Executor, id: string): Promise<void> {
  await db.delete(ictAppointments).where(eq(ictAppointments.id, id));
}

/** Appointments held by an employee (an employee with one cannot be removed silently). */
export async function appointmentsOfEmployee(db: Executor, employeeId: string): Promise<number> {
  const [a] = await db
    .select({ n: count() })
    .from(ictAppointments)
    .where(eq(ictAppointments.employeeId, employeeId));
  return a?.n ?? 0;
}

export async function positionHolders(db: Executor, id: string): Promise<number> {
  const [e] = await db.select({ n: count() }).from(employees).where(eq(employees.positionId, id));
  return e?.n ?? 0;
}

// ---- employees
export async function listEmployees(
  db: Executor,
  q: ListQuery & { agencyId?: string; unitId?: string; status?: string },
): Promise<Page<EmployeeRow>> {
  const where: SQL[] = [];
  if (q.q) where.push(or(ilike(employees.name, like(q.q)), ilike(employees.nip, like(q.q)))!);
  if (q.agencyId) where.push(eq(employees.agencyId, q.agencyId));
  if (q.unitId) where.push(eq(employees.unitId, q.unitId));
  if (q.status) where.push(eq(employees.status, q.status as EmployeeRow['status']));
  if (q.agencyIds)
    where.push(q.agencyIds.length ? inArray(employees.agencyId, q.agencyIds) : sql`false`);
  const rows = await db
    .select({ ...employeeCols, _total: totalCol })
    .from(employees)
    .where(and(...where))
    .orderBy(asc(employees.name), asc(employees.nip))
    .limit(q.limit)
    .offset(q.offset);
  return page(rows);
}
const employeeCols = {
  id: employees.id,
  tenantId: employees.tenantId,
  nip: employees.nip,
  name: employees.name,
  agencyId: employees.agencyId,
  unitId: employees.unitId,
  positionId: employees.positionId,
  status: employees.status,
  email: employees.email,
  phone: employees.phone,
  birthDate: employees.birthDate,
  gender: employees.gender,
  version: employees.version,
  createdAt: employees.createdAt,
  updatedAt: employees.updatedAt,
};

export async function allEmployees(db: Executor, agencyIds?: string[]): Promise<EmployeeRow[]> {
  const where = agencyIds
    ? agencyIds.length
      ? inArray(employees.agencyId, agencyIds)
      : sql`false`
    : undefined;
  return db.select().from(employees).where(where).orderBy(asc(employees.nip));
}

export async function findEmployee(db: Executor, id: string): Promise<EmployeeRow | undefined> {
  const [row] = await db.select().from(employees).where(eq(employees.id, id));
  return row;
}

export async function findEmployeeByNip(
  db: Executor,
  nip: string,
): Promise<EmployeeRow | undefined> {
  const [row] = await db.select().from(employees).where(eq(employees.nip, nip));
  return row;
}

const INSERT_EMPLOYEE = `
  INSERT INTO org_employees (tenant_id, nip, name, agency_id, unit_id, position_id, status, email,
                             phone, birth_date, gender)
  VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, 'active'), $8, $9, $10, $11)
  RETURNING id, tenant_id AS "tenantId", nip, name, agency_id AS "agencyId", unit_id AS "unitId",
            position_id AS "positionId", status, email, phone, birth_date::text AS "birthDate",
            gender, version, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** One employee, as a prepared statement: creating employees is the busiest audited write. */
export async function insertEmployee(
  db: Executor,
  v: typeof employees.$inferInsert,
): Promise<EmployeeRow> {
  const [row] = await preparedQuery<EmployeeRow>(db, 'org_insert_employee', INSERT_EMPLOYEE, [
    v.tenantId,
    v.nip,
    v.name,
    v.agencyId,
    v.unitId ?? null,
    v.positionId ?? null,
    v.status ?? null,
    v.email ?? null,
    v.phone ?? null,
    v.birthDate,
    v.gender,
  ]);
  return row!;
}

export async function updateEmployee(
  db: Executor,
  id: string,
  values: Partial<typeof employees.$inferInsert>,
): Promise<EmployeeRow | undefined> {
  const [row] = await db
    .update(employees)
    .set({ ...values, updatedAt: new Date(), version: sql`${employees.version} + 1` })
    .where(eq(employees.id, id))
    .returning();
  return row;
}

export async function deleteEmployee(db: Executor, id: string): Promise<void> {
  await db.delete(employees).where(eq(employees.id, id));
}

// ---- bulk access for import and export (org.import.ts, org.export.ts)
const CHUNK = 1000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Units of the given agencies; undefined means every agency of the tenant. */
export async function unitsOfAgencies(db: Executor, agencyIds?: string[]): Promise<UnitRow[]> {
  if (agencyIds && agencyIds.length === 0) return [];
  return db
    .select()
    .from(units)
    .where(agencyIds ? inArray(units.agencyId, agencyIds) : undefined);
}

/** Positions of the given agencies; undefined means every agency of the tenant. */
export async function positionsOfAgencies(
  db: Executor,
  agencyIds?: string[],
): Promise<PositionRow[]> {
  if (agencyIds && agencyIds.length === 0) return [];
  return db
    .select()
    .from(positions)
    .where(agencyIds ? inArray(positions.agencyId, agencyIds) : undefined);
}

export async function allAgencies(db: Executor): Promise<AgencyRow[]> {
  return db.select().from(agencies).orderBy(asc(agencies.code));
}

export async function employeesByNips(db: Executor, nips: string[]): Promise<EmployeeRow[]> {
  const out: EmployeeRow[] = [];
  for (const part of chunks(nips, 5000)) {
    out.push(...(await db.select().from(employees).where(inArray(employees.nip, part))));
  }
  return out;
}

/** Multi-row INSERT in chunks (keeps each statement well under PostgreSQL's parameter limit). */
export async function insertEmployeesBulk(
  db: Executor,
  values: Array<typeof employees.$inferInsert>,
): Promise<EmployeeRow[]> {
  const out: EmployeeRow[] = [];
  for (const part of chunks(values))
    out.push(...(await db.insert(employees).values(part).returning()));
  return out;
}

export interface EmployeeBulkUpdate {
  id: string;
  name: string;
  agencyId: string;
  unitId: string | null;
  positionId: string | null;
  status: EmployeeRow['status'];
  email: string | null;
  phone: string | null;
}

/** One UPDATE ... FROM (VALUES ...) per chunk; bumps version and updated_at like updateEmployee. */
export async function updateEmployeesBulk(
  db: Executor,
  values: EmployeeBulkUpdate[],
): Promise<EmployeeRow[]> {
  const out: EmployeeRow[] = [];
  for (const part of chunks(values)) {
    const rows = sql.join(
      part.map(
        (v) =>
          sql`(${v.id}::uuid, ${v.name}::text, ${v.agencyId}::uuid, ${v.unitId}::uuid, ${v.positionId}::uuid, ${v.status}::text, ${v.email}::text, ${v.phone}::text)`,
      ),
      sql`, `,
    );
    await db.execute(sql`
      UPDATE org_employees AS e
         SET name = v.name, agency_id = v.agency_id, unit_id = v.unit_id, position_id = v.position_id,
             status = v.status, email = v.email, phone = v.phone,
             version = e.version + 1, updated_at = now()
        FROM (VALUES ${rows}) AS v(id, name, agency_id, unit_id, position_id, status, email, phone)
       WHERE e.id = v.id`);
    out.push(
      ...(await db
        .select()
        .from(employees)
        .where(
          inArray(
            employees.id,
            part.map((v) => v.id),
          ),
        )),
    );
  }
  return out;
}

export interface EmployeeProfileRow extends Record<string, unknown> {
  nip: string;
  name: string;
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  unitId: string | null;
  unitName: string | null;
  positionId: string | null;
  positionName: string | null;
}

/** An employee with the names of their agency, unit and position, in one statement. */
export async function employeeProfile(
  db: Executor,
  id: string,
): Promise<EmployeeProfileRow | undefined> {
  const rows = await preparedQuery<EmployeeProfileRow>(
    db,
    'org_employee_profile',
    `SELECT e.nip, e.name, a.id AS "agencyId", a.code AS "agencyCode", a.name AS "agencyName",
            u.id AS "unitId", u.name AS "unitName", p.id AS "positionId", p.name AS "positionName"
       FROM org_employees e
       JOIN org_agencies a ON a.id = e.agency_id
       LEFT JOIN org_units u ON u.id = e.unit_id
       LEFT JOIN org_positions p ON p.id = e.position_id
      WHERE e.id = $1`,
    [id],
  );
  return rows[0];
}
