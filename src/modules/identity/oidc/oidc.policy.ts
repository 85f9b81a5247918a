import type { PermissionDefinition } from '../../../platform/auth/permissions.js';

export const oidcPermissions: Record<string, PermissionDefinition> = {
  'identity:client:read': {
    description: 'See the SSO clients (relying parties)',
    roles: ['ict_admin', 'ict_operator', 'auditor'],
  },
  'identity:client:manage': {
    description: 'Register SSO clients, change them and rotate their secrets',
    roles: ['ict_admin'],
  },
};
