import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantColumns, tenantIsolation, timestamps } from '../../../platform/db/tenant-table.js';

export const AGENCY_KINDS = [
  'sekretariat',
  'inspektorat',
  'dinas',
  'badan',
  'satpol_pp',
  'rsud',
  'kecamatan',
  'kelurahan',
  'other',
] as const;

/** Perangkat Daerah */
export const agencies = pgTable(
  'org_agencies',
  {
    ...tenantColumns,
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    kind: text('kind', { enum: AGENCY_KINDS }).notNull(),
    isIctOffice: boolean('is_ict_office').notNull().default(false),
    isPlanningAgency: boolean('is_planning_agency').notNull().default(false),
    parentId: uuid('parent_id'),
    regionCode: text('region_code'),
    address: text('address'),
    website: text('website'),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('org_agencies_tenant_code').on(t.tenantId, t.code),
    // Target of the composite foreign keys below: references never cross tenants (FK checks
    // bypass RLS, so the tenant is part of every key).
    uniqueIndex('org_agencies_tenant_id').on(t.tenantId, t.id),
    index('org_agencies_tenant_name').on(t.tenantId, t.name),
    tenantIsolation('org_agencies'),
  ],
).enableRLS();

/** Unit kerja (bidang, seksi, bagian): a tree inside an agency. */
export const units = pgTable(
  'org_units',
  {
    ...tenantColumns,
    agencyId: uuid('agency_id').notNull(),
    parentId: uuid('parent_id'),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The agency's e-government unit (BHR17 art.17): the unit that runs its ICT. */
    isEgovUnit: boolean('is_egov_unit').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('org_units_tenant_agency_code').on(t.tenantId, t.agencyId, t.code),
    uniqueIndex('org_units_tenant_agency_id').on(t.tenantId, t.agencyId, t.id),
    foreignKey({
      name: 'org_units_agency_fk',
      columns: [t.tenantId, t.agencyId],
      foreignColumns: [agencies.tenantId, agencies.id],
    }),
    index('org_units_parent').on(t.tenantId, t.parentId),
    tenantIsolation('org_units'),
  ],
).enableRLS();

export const POSITION_KINDS = ['structural', 'functional', 'executor'] as const;

/** Jabatan */
export const positions = pgTable(
  'org_positions',
  {
    ...tenantColumns,
    agencyId: uuid('agency_id').notNull(),
    unitId: uuid('unit_id'),
    name: text('name').notNull(),
    kind: text('kind', { enum: POSITION_KINDS }).notNull(),
    /** Eselon or class, free text (e.g. II.b, III.a). */
    grade: text('grade'),
    ...timestamps,
  },
  (t) => [
    index('org_positions_agency').on(t.tenantId, t.agencyId),
    uniqueIndex('org_positions_tenant_agency_id').on(t.tenantId, t.agencyId, t.id),
    foreignKey({
      name: 'org_positions_agency_fk',
      columns: [t.tenantId, t.agencyId],
      foreignColumns: [agencies.tenantId, agencies.id],
    }),
    tenantIsolation('org_positions'),
  ],
).enableRLS();

export const EMPLOYEE_STATUSES = [
  'active',
  'leave',
  'transferred',
  'retired',
  'dismissed',
  'deceased',
] as const;

/** Pegawai (ASN). The NIP is unique within a tenant. */
export const employees = pgTable(
  'org_employees',
  {
    ...tenantColumns,
    nip: text('nip').notNull(),
    name: text('name').notNull(),
    agencyId: uuid('agency_id').notNull(),
    unitId: uuid('unit_id'),
    positionId: uuid('position_id'),
    status: text('status', { enum: EMPLOYEE_STATUSES }).notNull().default('active'),
    email: text('email'),
    phone: text('phone'),
    birthDate: date('birth_date').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }).notNull(),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('org_employees_tenant_nip').on(t.tenantId, t.nip),
    foreignKey({
      name: 'org_employees_agency_fk',
      columns: [t.tenantId, t.agencyId],
      foreignColumns: [agencies.tenantId, agencies.id],
    }),
    // A unit or position must belong to the employee's own agency.
    foreignKey({
      name: 'org_employees_unit_fk',
      columns: [t.tenantId, t.agencyId, t.unitId],
      foreignColumns: [units.tenantId, units.agencyId, units.id],
    }),
    foreignKey({
      name: 'org_employees_position_fk',
      columns: [t.tenantId, t.agencyId, t.positionId],
      foreignColumns: [positions.tenantId, positions.agencyId, positions.id],
    }),
    index('org_employees_agency').on(t.tenantId, t.agencyId),
    tenantIsolation('org_employees'),
  ],
).enableRLS();

/**
 * An ICT manager's appointment by the regent's decree (PBG19 art.17, BTM19 art.16): who, for
 * which agency, by which SK, with what competence, from when until when.
 */
export const ictAppointments = pgTable(
  'org_ict_appointments',
  {
    ...tenantColumns,
    agencyId: uuid('agency_id').notNull(),
    employeeId: uuid('employee_id').notNull(),
    decreeNumber: text('decree_number').notNull(),
    decreeDate: date('decree_date').notNull(),
    competence: text('competence'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    ...timestamps,
  },
  (t) => [
    index('org_ict_appointments_agency').on(t.tenantId, t.agencyId),
    foreignKey({
      name: 'org_ict_appointments_agency_fk',
      columns: [t.tenantId, t.agencyId],
      foreignColumns: [agencies.tenantId, agencies.id],
    }),
    tenantIsolation('org_ict_appointments'),
  ],
).enableRLS();

export type AgencyRow = typeof agencies.$inferSelect;
export type IctAppointmentRow = typeof ictAppointments.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type PositionRow = typeof positions.$inferSelect;
export type EmployeeRow = typeof employees.$inferSelect;
