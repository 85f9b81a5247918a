import { dayIn } from '../../platform/util/dates.js';
import { agencyScope, authorize } from '../../platform/auth/permissions.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { pgCode, pgConstraint } from '../../platform/db/database.js';
import { emit } from '../../platform/events/events.js';
import { AppError } from '../../platform/http/errors.js';
import * as repo from './db/org.repository.js';
import type { IctAppointmentView } from './db/org.repository.js';
import type { AgencyRow, EmployeeRow, PositionRow, UnitRow } from './db/schema.js';
import { parseNip } from './nip.js';
import { NIP_REASONS } from './org.errors.js';
import './org.events.js';

/**
 * The public interface of the org module: agencies (Perangkat Daerah), units, positions and
 * employees. HTTP routes, the CLI, jobs and other modules all come through here.
 */

export type { AgencyRow, EmployeeRow, IctAppointmentView, PositionRow, UnitRow };

export interface AgencyInput {
  code: string;
  name: string;
  shortName: string;
  kind: AgencyRow['kind'];
  isIctOffice?: boolean;
  isPlanningAgency?: boolean;
  parentId?: string | null;
  regionCode?: string | null;
  address?: string | null;
  website?: string | null;
  active?: boolean;
}

export interface Paging {
  limit: number;
  offset: number;
  q?: string;
}

async function uniqueOr<T>(work: Promise<T>, err: () => AppError): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (pgCode(e) === '23505') throw err();
    throw e;
  }
}

// ---------------------------------------------------------------- agencies
export async function listAgencies(ctx: Ctx, q: Paging & { kind?: string }) {
  authorize(ctx, 'org:agency:read');
  return repo.listAgencies(ctx.tx, q);
}

export interface AgencyEntry {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  isIctOffice: boolean;
}

/**
 * For other modules: the agencies' ids, codes, names, parents and ICT-office flag (all, or those with the given
 * ids), to name and group their own records. No permission check: the caller decides what to
 * release (an agency's name is no secret inside the tenant; a narrow API token may not hold
 * org:agency:read).
 */
export async function agencyDirectory(
  ctx: Pick<Ctx, 'tx'>,
  ids?: readonly string[],
): Promise<AgencyEntry[]> {
  if (ids && ids.length === 0) return [];
  return repo.agencyDirectory(ctx.tx, ids);
}

export async function getAgency(ctx: Ctx, id: string): Promise<AgencyRow> {
  authorize(ctx, 'org:agency:read');
  const row = await repo.findAgency(ctx.tx, id);
  if (!row) throw new AppError('org.agency_not_found');
  return row;
}

/** For other modules: resolve an agency id, or null. */
export async function findAgency(ctx: Ctx, id: string): Promise<AgencyRow | null> {
  return (await repo.findAgency(ctx.tx, id)) ?? null;
}

export async function createAgency(ctx: Ctx, input: AgencyInput): Promise<AgencyRow> {
  authorize(ctx, 'org:agency:write', null);
  if (input.parentId) await getAgency(ctx, input.parentId);
  const row = await uniqueOr(
    repo.insertAgency(ctx.tx, { ...input, tenantId: ctx.tenantId }),
    () => new AppError('org.agency_code_taken', { code: input.code }),
  );
  await writeAudit(ctx.tx, ctx, {
    action: 'org.agency.created',
    targetType: 'agency',
    targetId: row.id,
    after: row,
  });
  await emit(ctx, 'org.structure.changed', { agencyId: row.id });
  return row;
}

export async function updateAgency(
  ctx: Ctx,
  id: string,
  input: Partial<AgencyInput>,
): Promise<AgencyRow> {
  authorize(ctx, 'org:agency:write', null);
  const before = await getAgency(ctx, id);
  if (input.parentId) {
    if (input.parentId === id) throw new AppError('org.unit_parent_invalid');
    await getAgency(ctx, input.parentId);
  }
  const row = await uniqueOr(
    repo.updateAgency(ctx.tx, id, input),
    () => new AppError('org.agency_code_taken', { code: input.code }),
  );
  if (!row) throw new AppError('org.agency_not_found');
  await writeAudit(ctx.tx, ctx, {
    action: 'org.agency.updated',
    targetType: 'agency',
    targetId: id,
    before,
    after: row,
  });
  await emit(ctx, 'org.structure.changed', { agencyId: id });
  return row;
}

export async function deleteAgency(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'org:agency:write', null);
  const before = await getAgency(ctx, id);
  if ((await repo.agencyDependents(ctx.tx, id)) > 0) throw new AppError('org.agency_in_use');
  await repo.deleteAgency(ctx.tx, id);
  await writeAudit(ctx.tx, ctx, {
    action: 'org.agency.deleted',
    targetType: 'agency',
    targetId: id,
    before,
  });
  await emit(ctx, 'org.structure.changed', { agencyId: id });
}

// ---------------------------------------------------------------- units
export interface UnitInput {
  agencyId: string;
  parentId?: string | null;
  code: string;
  name: string;
  /** The agency's e-government unit (BHR17 art.17). */
  isEgovUnit?: boolean;
}

export async function listUnits(ctx: Ctx, agencyId: string): Promise<UnitRow[]> {
  authorize(ctx, 'org:unit:read');
  await getAgency(ctx, agencyId);
  return repo.listUnits(ctx.tx, agencyId);
}

export async function getUnit(ctx: Ctx, id: string): Promise<UnitRow> {
  authorize(ctx, 'org:unit:read');
  const row = await repo.findUnit(ctx.tx, id);
  if (!row) throw new AppError('org.unit_not_found');
  return row;
}

async function checkUnitParent(
  ctx: Ctx,
  agencyId: string,
  parentId: string | null | undefined,
  selfId?: string,
) {
  if (!parentId) return;
  let cursor: string | null = parentId;
  for (let depth = 0; cursor; depth++) {
    if (cursor === selfId || depth > 50) throw new AppError('org.unit_parent_invalid');
    const parent = await repo.findUnit(ctx.tx, cursor);
    if (!parent || parent.agencyId !== agencyId) throw new AppError('org.unit_parent_invalid');
    cursor = parent.parentId;
  }
}

export async function createUnit(ctx: Ctx, input: UnitInput): Promise<UnitRow> {
  authorize(ctx, 'org:unit:write', input.agencyId);
  await getAgency(ctx, input.agencyId);
  await checkUnitParent(ctx, input.agencyId, input.parentId);
  const row = await uniqueOr(
    repo.insertUnit(ctx.tx, { ...input, tenantId: ctx.tenantId }),
    () => new AppError('org.unit_code_taken', { code: input.code }),
  );
  await writeAudit(ctx.tx, ctx, {
    action: 'org.unit.created',
    targetType: 'unit',
    targetId: row.id,
    after: row,
  });
  if (row.isEgovUnit) await emit(ctx, 'org.structure.changed', { agencyId: row.agencyId });
  return row;
}

export async function updateUnit(
  ctx: Ctx,
  id: string,
  input: Partial<Omit<UnitInput, 'agencyId'>>,
): Promise<UnitRow> {
  const before = await getUnit(ctx, id);
  authorize(ctx, 'org:unit:write', before.agencyId);
  if (input.parentId !== undefined) await checkUnitParent(ctx, before.agencyId, input.parentId, id);
  const row = await uniqueOr(
    repo.updateUnit(ctx.tx, id, input),
    () => new AppError('org.unit_code_taken', { code: input.code }),
  );
  await writeAudit(ctx.tx, ctx, {
    action: 'org.unit.updated',
    targetType: 'unit',
    targetId: id,
    before,
    after: row,
  });
  if (row && row.isEgovUnit !== before.isEgovUnit) {
    await emit(ctx, 'org.structure.changed', { agencyId: before.agencyId });
  }
  return row!;
}

export async function deleteUnit(ctx: Ctx, id: string): Promise<void> {
  const before = await getUnit(ctx, id);
  authorize(ctx, 'org:unit:write', before.agencyId);
  if ((await repo.unitDependents(ctx.tx, id)) > 0) throw new AppError('org.unit_in_use');
  await repo.deleteUnit(ctx.tx, id);
  await writeAudit(ctx.tx, ctx, {
    action: 'org.unit.deleted',
    targetType: 'unit',
    targetId: id,
    before,
  });
  if (before.isEgovUnit) await emit(ctx, 'org.structure.changed', { agencyId: before.agencyId });
}

/** For other modules (compliance): the units flagged as e-government units, of all agencies. */
export async function egovUnits(ctx: Pick<Ctx, 'tx'>): Promise<UnitRow[]> {
  return repo.egovUnits(ctx.tx);
}

// ---------------------------------------------------------------- ICT manager appointments
/**
 * The regent's decree appointing an agency's ICT manager (PBG19 art.17, BTM19 art.16): who, by
 * which SK, with what competence, from when until when. Dates are `YYYY-MM-DD`.
 */
export interface IctAppointmentInput {
  agencyId: string;
  employeeId: string;
  decreeNumber: string;
  decreeDate: string;
  competence?: string | null;
  startsOn: string;
  endsOn?: string | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Today in the tenant's time zone (an appointment ending today is still in force today). */
function tenantToday(ctx: Pick<Ctx, 'tenant'>): string {
  return dayIn(ctx.tenant.timeZone);
}

function checkAppointment(a: {
  decreeNumber: string;
  decreeDate: string;
  startsOn: string;
  endsOn?: string | null;
}): void {
  if (!a.decreeNumber.trim()) throw new AppError('org.appointment_decree_required');
  if (!isDay(a.decreeDate))
    throw new AppError('org.appointment_date_invalid', { field: 'decreeDate' });
  if (!isDay(a.startsOn)) throw new AppError('org.appointment_date_invalid', { field: 'startsOn' });
  if (a.endsOn != null) {
    if (!isDay(a.endsOn)) throw new AppError('org.appointment_date_invalid', { field: 'endsOn' });
    if (a.endsOn < a.startsOn) throw new AppError('org.appointment_ends_before_start');
  }
}

/** The appointee must be an employee of the agency they manage ICT for. */
async function checkAppointee(ctx: Ctx, agencyId: string, employeeId: string): Promise<void> {
  const employee = await repo.findEmployee(ctx.tx, employeeId);
  if (!employee) throw new AppError('org.employee_not_found');
  if (employee.agencyId !== agencyId) throw new AppError('org.appointment_employee_mismatch');
}

export async function listIctAppointments(
  ctx: Ctx,
  q: { agencyId?: string; active?: boolean } = {},
): Promise<IctAppointmentView[]> {
  authorize(ctx, 'org:unit:read');
  if (q.agencyId) await getAgency(ctx, q.agencyId);
  const today = tenantToday(ctx);
  const rows = await repo.listIctAppointments(ctx.tx, {
    agencyId: q.agencyId,
    activeOn: q.active === true ? today : undefined,
    onDay: today,
  });
  return q.active === false ? rows.filter((r) => !r.active) : rows;
}

export async function getIctAppointment(ctx: Ctx, id: string): Promise<IctAppointmentView> {
  authorize(ctx, 'org:unit:read');
  const row = await repo.findIctAppointment(ctx.tx, id, tenantToday(ctx));
  if (!row) throw new AppError('org.appointment_not_found');
  return row;
}

export async function createIctAppointment(
  ctx: Ctx,
  input: IctAppointmentInput,
): Promise<IctAppointmentView> {
  authorize(ctx, 'org:unit:write', input.agencyId);
  await getAgency(ctx, input.agencyId);
  checkAppointment(input);
  await checkAppointee(ctx, input.agencyId, input.employeeId);
  const row = await repo.insertIctAppointment(ctx.tx, {
    tenantId: ctx.tenantId,
    agencyId: input.agencyId,
    employeeId: input.employeeId,
    decreeNumber: input.decreeNumber.trim(),
    decreeDate: input.decreeDate,
    competence: input.competence?.trim() || null,
    startsOn: input.startsOn,
    endsOn: input.endsOn ?? null,
  });
  await writeAudit(ctx.tx, ctx, {
    action: 'org.ict_appointment.created',
    targetType: 'ict_appointment',
    targetId: row.id,
    after: row,
  });
  await emit(ctx, 'org.structure.changed', { agencyId: row.agencyId });
  return (await repo.findIctAppointment(ctx.tx, row.id, tenantToday(ctx)))!;
}

export async function updateIctAppointment(
  ctx: Ctx,
  id: string,
  input: Partial<Omit<IctAppointmentInput, 'agencyId'>>,
): Promise<IctAppointmentView> {
  const before = await getIctAppointment(ctx, id);
  authorize(ctx, 'org:unit:write', before.agencyId);
  const merged = {
    decreeNumber: input.decreeNumber ?? before.decreeNumber,
    decreeDate: input.decreeDate ?? before.decreeDate,
    startsOn: input.startsOn ?? before.startsOn,
    endsOn: input.endsOn === undefined ? before.endsOn : input.endsOn,
  };
  checkAppointment(merged);
  if (input.employeeId && input.employeeId !== before.employeeId) {
    await checkAppointee(ctx, before.agencyId, input.employeeId);
  }
  const values: Partial<Omit<IctAppointmentInput, 'agencyId'>> = { ...input };
  if (input.decreeNumber !== undefined) values.decreeNumber = input.decreeNumber.trim();
  if (input.competence !== undefined) values.competence = input.competence?.trim() || null;
  const row = await repo.updateIctAppointment(ctx.tx, id, values);
  await writeAudit(ctx.tx, ctx, {
    action: 'org.ict_appointment.updated',
    targetType: 'ict_appointment',
    targetId: id,
    before,
    after: row,
  });
  await emit(ctx, 'org.structure.changed', { agencyId: before.agencyId });
  return (await repo.findIctAppointment(ctx.tx, id, tenantToday(ctx)))!;
}

export async function deleteIctAppointment(ctx: Ctx, id: string): Promise<void> {
  const before = await getIctAppointment(ctx, id);
  authorize(ctx, 'org:unit:write', before.agencyId);
  await repo.deleteIctAppointment(ctx.tx, id);
  await writeAudit(ctx.tx, ctx, {
    action: 'org.ict_appointment.deleted',
    targetType: 'ict_appointment',
    targetId: id,
    before,
  });
  await emit(ctx, 'org.structure.changed', { agencyId: before.agencyId });
}

/**
 * For other modules (compliance): the appointments in force today in the tenant's time zone
 * (or on `onDay`), of every agency. No permission check: the caller decides what to release.
 */
export async function activeIctManagers(
  ctx: Pick<Ctx, 'tx' | 'tenant'>,
  onDay?: string,
): Promise<IctAppointmentView[]> {
  const day = onDay ?? tenantToday(ctx);
  return repo.listIctAppointments(ctx.tx, { activeOn: day, onDay: day });
}

// ---------------------------------------------------------------- positions
export interface PositionInput {
  agencyId: string;
  unitId?: string | null;
  name: string;
  kind: PositionRow['kind'];
  grade?: string | null;
}

export async function listPositions(ctx: Ctx, agencyId: string): Promise<PositionRow[]> {
  authorize(ctx, 'org:unit:read');
  await getAgency(ctx, agencyId);
  return repo.listPositions(ctx.tx, agencyId);
}

export async function getPosition(ctx: Ctx, id: string): Promise<PositionRow> {
  authorize(ctx, 'org:unit:read');
  const row = await repo.findPosition(ctx.tx, id);
  if (!row) throw new AppError('org.position_not_found');
  return row;
}

async function checkUnitInAgency(ctx: Ctx, agencyId: string, unitId: string | null | undefined) {
  if (!unitId) return;
  const unit = await repo.findUnit(ctx.tx, unitId);
  if (!unit || unit.agencyId !== agencyId) throw new AppError('org.reference_mismatch');
}

export async function createPosition(ctx: Ctx, input: PositionInput): Promise<PositionRow> {
  authorize(ctx, 'org:unit:write', input.agencyId);
  await getAgency(ctx, input.agencyId);
  await checkUnitInAgency(ctx, input.agencyId, input.unitId);
  const row = await repo.insertPosition(ctx.tx, { ...input, tenantId: ctx.tenantId });
  await writeAudit(ctx.tx, ctx, {
    action: 'org.position.created',
    targetType: 'position',
    targetId: row.id,
    after: row,
  });
  return row;
}

export async function updatePosition(
  ctx: Ctx,
  id: string,
  input: Partial<Omit<PositionInput, 'agencyId'>>,
): Promise<PositionRow> {
  const before = await getPosition(ctx, id);
  authorize(ctx, 'org:unit:write', before.agencyId);
  await checkUnitInAgency(ctx, before.agencyId, input.unitId);
  const row = await repo.updatePosition(ctx.tx, id, input);
  await writeAudit(ctx.tx, ctx, {
    action: 'org.position.updated',
    targetType: 'position',
    targetId: id,
    before,
    after: row,
  });
  return row!;
}

export async function deletePosition(ctx: Ctx, id: string): Promise<void> {
  const before = await getPosition(ctx, id);
  authorize(ctx, 'org:unit:write', before.agencyId);
  if ((await repo.positionHolders(ctx.tx, id)) > 0) throw new AppError('org.position_in_use');
  await repo.deletePosition(ctx.tx, id);
  await writeAudit(ctx.tx, ctx, {
    action: 'org.position.deleted',
    targetType: 'position',
    targetId: id,
    before,
  });
}

// ---------------------------------------------------------------- employees
export interface EmployeeInput {
  nip: string;
  name: string;
  agencyId: string;
  unitId?: string | null;
  positionId?: string | null;
  status?: EmployeeRow['status'];
  email?: string | null;
  phone?: string | null;
}

/** Validates a NIP and returns the facts it encodes, or throws org.nip_invalid. */
export function checkNip(ctx: Pick<Ctx, 'locale'>, nip: string) {
  const parsed = parseNip(nip);
  if (!parsed.ok) {
    throw new AppError(
      'org.nip_invalid',
      { nip, reason: NIP_REASONS[parsed.problem][ctx.locale] },
      { reason: parsed.problem },
    );
  }
  return parsed.parts;
}

export async function listEmployees(
  ctx: Ctx,
  q: Paging & { agencyId?: string; unitId?: string; status?: string },
) {
  authorize(ctx, 'org:employee:read');
  const scope = agencyScope(ctx.principal, 'org:employee:read');
  return repo.listEmployees(ctx.tx, { ...q, ...(scope ? { agencyIds: scope } : {}) });
}

export async function getEmployee(ctx: Ctx, id: string): Promise<EmployeeRow> {
  authorize(ctx, 'org:employee:read');
  const row = await repo.findEmployee(ctx.tx, id);
  if (!row) throw new AppError('org.employee_not_found');
  authorize(ctx, 'org:employee:read', row.agencyId);
  return row;
}

/** For other modules (identity links users to employees). */
export async function findEmployee(ctx: Ctx, id: string): Promise<EmployeeRow | null> {
  return (await repo.findEmployee(ctx.tx, id)) ?? null;
}

/**
 * The employee's agency, unit and position are checked by composite foreign keys (same tenant,
 * unit and position of the same agency) rather than by lookups first: one round trip less on
 * the busiest write. Their violations become the domain errors here.
 */
function employeeWriteError(err: unknown, nip: string | undefined): unknown {
  const constraint = pgConstraint(err);
  switch (pgCode(err)) {
    case '23505':
      return constraint === 'org_employees_tenant_nip'
        ? new AppError('org.nip_taken', { nip })
        : err;
    case '23503':
      if (constraint === 'org_employees_agency_fk') return new AppError('org.agency_not_found');
      if (constraint === 'org_employees_unit_fk' || constraint === 'org_employees_position_fk') {
        return new AppError('org.reference_mismatch');
      }
      return err;
    default:
      return err;
  }
}

export async function createEmployee(ctx: Ctx, input: EmployeeInput): Promise<EmployeeRow> {
  authorize(ctx, 'org:employee:write', input.agencyId);
  const nip = checkNip(ctx, input.nip);
  const row = await repo
    .insertEmployee(ctx.tx, {
      ...input,
      nip: input.nip.replace(/\s+/g, ''),
      tenantId: ctx.tenantId,
      birthDate: nip.birthDate,
      gender: nip.gender,
    })
    .catch((err: unknown) => {
      throw employeeWriteError(err, input.nip);
    });
  await writeAudit(ctx.tx, ctx, {
    action: 'org.employee.created',
    targetType: 'employee',
    targetId: row.id,
    after: row,
  });
  return row;
}

export async function updateEmployee(
  ctx: Ctx,
  id: string,
  input: Partial<EmployeeInput>,
): Promise<EmployeeRow> {
  const before = await getEmployee(ctx, id);
  authorize(ctx, 'org:employee:write', before.agencyId);
  if (input.agencyId && input.agencyId !== before.agencyId)
    authorize(ctx, 'org:employee:write', input.agencyId);
  const values: Partial<EmployeeInput> & { birthDate?: string; gender?: 'male' | 'female' } = {
    ...input,
  };
  if (input.nip) {
    const nip = checkNip(ctx, input.nip);
    values.nip = input.nip.replace(/\s+/g, '');
    values.birthDate = nip.birthDate;
    values.gender = nip.gender;
  }
  const row = await repo.updateEmployee(ctx.tx, id, values).catch((err: unknown) => {
    throw employeeWriteError(err, input.nip);
  });
  await writeAudit(ctx.tx, ctx, {
    action: 'org.employee.updated',
    targetType: 'employee',
    targetId: id,
    before,
    after: row,
  });
  return row!;
}

export async function deleteEmployee(ctx: Ctx, id: string): Promise<void> {
  const before = await getEmployee(ctx, id);
  authorize(ctx, 'org:employee:write', before.agencyId);
  // The appointment names the employee (the decree is the record): end or remove it first.
  if ((await repo.appointmentsOfEmployee(ctx.tx, id)) > 0) {
    throw new AppError('org.employee_has_appointment');
  }
  await repo.deleteEmployee(ctx.tx, id);
  await writeAudit(ctx.tx, ctx, {
    action: 'org.employee.deleted',
    targetType: 'employee',
    targetId: id,
    before,
  });
}

/** For identity (sign-in by NIP). */
export async function findEmployeeByNip(ctx: Ctx, nip: string): Promise<EmployeeRow | null> {
  return (await repo.findEmployeeByNip(ctx.tx, nip.replace(/\s+/g, ''))) ?? null;
}

/**
 * What other modules may know of an employee for identity claims (OIDC `nip`, `agency`,
 * `unit`, `position`): no permission check, since the caller decides what to release.
 */
export async function employeeProfile(ctx: Pick<Ctx, 'tx'>, employeeId: string) {
  return (await repo.employeeProfile(ctx.tx, employeeId)) ?? null;
}
