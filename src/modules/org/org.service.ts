import { agencyScope, authorize } from '../../platform/auth/permissions.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { pgCode, pgConstraint } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import * as repo from './db/org.repository.js';
import type { AgencyRow, EmployeeRow, PositionRow, UnitRow } from './db/schema.js';
import { parseNip } from './nip.js';
import { NIP_REASONS } from './org.errors.js';

/**
 * The public interface of the org module: agencies (Perangkat Daerah), units, positions and
 * employees. HTTP routes, the CLI, jobs and other modules all come through here.
 */

export type { AgencyRow, EmployeeRow, PositionRow, UnitRow };

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
}

// ---------------------------------------------------------------- units
export interface UnitInput {
  agencyId: string;
  parentId?: string | null;
  code: string;
  name: string;
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
