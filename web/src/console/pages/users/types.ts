export const ROLES = [
  'ict_admin',
  'ict_operator',
  'agency_admin',
  'agency_operator',
  'auditor',
  'regional_secretary',
  'regent',
  'cio',
] as const;
export type Role = (typeof ROLES)[number];

/** Only these roles may be limited to one agency (the API refuses the rest). */
export const AGENCY_SCOPED_ROLES: readonly string[] = ['agency_admin', 'agency_operator'];

export const USER_KINDS = ['employee', 'external', 'service'] as const;
export type UserKind = (typeof USER_KINDS)[number];

export interface RoleGrant {
  id?: string;
  role: string;
  agencyId: string | null;
}

export interface User {
  id: string;
  username: string;
  email: string | null;
  displayName: string;
  kind: UserKind;
  employeeId: string | null;
  status: 'active' | 'disabled';
  lastLoginAt: string | null;
  createdAt: string;
  roles: RoleGrant[];
}
