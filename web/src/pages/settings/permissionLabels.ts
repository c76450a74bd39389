import type { Permission } from '../../../../src/protocol/roles.ts';

/** Partial on purpose: a module may add a permission before the UI learns to describe it. */
export const permissionLabels: Partial<Record<Permission, string>> = {
  'overview:read': 'View the overview dashboard',
  'users:read': 'View users',
  'users:write': 'Add, change, disable and delete users',
  'tokens:read': 'View API tokens',
  'tokens:write': 'Create and revoke API tokens',
  'audit:read': 'View, verify and export the audit log',
  'settings:read': 'View settings',
  'agents:read': 'View hosts, their agents and inventory',
  'agents:write': 'Enroll, revoke and manage host agents',
};
