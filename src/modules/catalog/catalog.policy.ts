import type { PermissionDefinition } from '../../platform/auth/permissions.js';
import { ROLES } from '../../platform/auth/permissions.js';

const everyone = ROLES;
const ict = ['ict_admin', 'ict_operator'] as const;
const agencyStaff = ['agency_admin', 'agency_operator'] as const;

/**
 * Who may do what in the registry. Everyone reads it (the architecture is the regency's shared
 * map); agency operators write their own agency's records, and those changes wait for the ICT
 * office's approval; the ICT office writes everything directly and decides proposals.
 */
export const catalogPermissions: Record<string, PermissionDefinition> = {
  'catalog:record:read': { description: 'Read the architecture registry', roles: everyone },
  'catalog:record:read_unapproved': {
    description: "Read every agency's pending and rejected records and proposals",
    roles: [...ict, 'auditor', 'regional_secretary'],
  },
  'catalog:record:write': {
    description: "Register and change records (agency staff: their own agency's, for review)",
    roles: [...ict, ...agencyStaff],
  },
  'catalog:record:approve': {
    description: 'Approve or reject proposed registry changes; change records directly',
    roles: ict,
  },
  'catalog:document:read': {
    description: 'Download application documents (source code and hand-over documents)',
    roles: [...ict, ...agencyStaff, 'auditor', 'regional_secretary', 'cio'],
  },
  'catalog:reference:write': {
    description: 'Load reference-architecture code sets',
    roles: ['ict_admin'],
  },
  'catalog:export:read': { description: 'Export the registry', roles: everyone },
  'catalog:import:write': { description: 'Import records from CSV or XLSX', roles: ['ict_admin'] },
};
