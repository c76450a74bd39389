import { z } from 'zod';

export const roles = ['admin', 'analyst', 'auditor'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/**
 * Every permission a route can demand. Modules add theirs here so that the
 * role table below stays the single place that says who may do what.
 */
export const permissions = [
  'users:read',
  'users:write',
  'tokens:read',
  'tokens:write',
  'audit:read',
  'settings:read',
  'overview:read',
] as const;
export const Permission = z.enum(permissions);
export type Permission = z.infer<typeof Permission>;

const readAll = permissions.filter((p) => p.endsWith(':read'));

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  analyst: ['overview:read', 'audit:read', 'settings:read', 'users:read', 'tokens:read', 'tokens:write'],
  // Auditors see everything and change nothing, not even their own tokens.
  auditor: readAll,
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
