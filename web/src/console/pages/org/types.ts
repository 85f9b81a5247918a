/** Shapes of the org and identity APIs the data pages read (see docs/openapi.json). */

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
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const POSITION_KINDS = ['structural', 'functional', 'executor'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

export const EMPLOYEE_STATUSES = [
  'active',
  'leave',
  'transferred',
  'retired',
  'dismissed',
  'deceased',
] as const;
export type EmployeeStatus = (typeof EMPLOYEE_STATUSES)[number];

export interface Agency {
  id: string;
  code: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  isIctOffice: boolean;
  isPlanningAgency: boolean;
  parentId: string | null;
  regionCode: string | null;
  address: string | null;
  website: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Unit {
  id: string;
  agencyId: string;
  parentId: string | null;
  code: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface Position {
  id: string;
  agencyId: string;
  unitId: string | null;
  name: string;
  kind: PositionKind;
  grade: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Employee {
  id: string;
  nip: string;
  name: string;
  agencyId: string;
  unitId: string | null;
  positionId: string | null;
  status: EmployeeStatus;
  email: string | null;
  phone: string | null;
  birthDate: string;
  gender: 'male' | 'female';
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export const IMPORT_COLUMNS = [
  'nip',
  'name',
  'agency_code',
  'unit_code',
  'position',
  'status',
  'email',
  'phone',
] as const;

export type ImportMode = 'all_or_nothing' | 'valid_only';

export interface ImportReport {
  format: 'csv' | 'xlsx';
  mode: ImportMode;
  dryRun: boolean;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  invalidRows: number;
  ignoredColumns: string[];
  errors: Array<{ row: number; field: string; code: string; message: string }>;
  errorsTruncated: boolean;
}
