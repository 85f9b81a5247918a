import type { PermissionDefinition } from '../../platform/auth/permissions.js';
import { ROLES } from '../../platform/auth/permissions.js';

/** Who may do what with the regulations' rules, findings and exceptions. */
export const compliancePermissions: Record<string, PermissionDefinition> = {
  'compliance:finding:read': {
    description: 'Read rules, findings, scores and reports',
    roles: ROLES,
  },
  'compliance:evaluation:run': {
    description: 'Run a full evaluation now',
    roles: ['ict_admin', 'ict_operator'],
  },
  'compliance:exception:write': {
    description: 'Accept a finding as an exception, or revoke one',
    roles: ['ict_admin', 'cio'],
  },
};
