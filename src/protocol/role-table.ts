/*
 * Plain constants, free of zod, so the browser bundle can import them
 * without pulling in the schema library. `roles.ts` builds the schemas.
 */
export const roles = ['admin', 'analyst', 'auditor'] as const;
export type Role = (typeof roles)[number];

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
  'agents:read',
  'agents:write',
  'alerts:read',
  'alerts:write',
  'response:read',
  'response:write',
  'firewall:read',
  'firewall:write',
  'audits:read',
  'audits:run',
  'audits:write',
  'audits:approve',
  'vulns:read',
  'vulns:write',
  'patches:read',
  'patches:write',
  'patches:approve',
  'network:read',
  'network:write',
] as const;
export type Permission = (typeof permissions)[number];

const readAll = permissions.filter((p) => p.endsWith(':read'));

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  analyst: [
    'overview:read',
    'audit:read',
    'settings:read',
    'users:read',
    'tokens:read',
    'tokens:write',
    'agents:read',
    'alerts:read',
    'alerts:write',
    'response:read',
    'response:write',
    // Policies can shut a host off its network: analysts see them and their drift, admins change them.
    'firewall:read',
    // Analysts see the host audits and run them when they want fresh results; admins change the standards.
    'audits:read',
    'audits:run',
    // Analysts import feeds and draft patch plans; applying them to hosts needs an admin's approval.
    'vulns:read',
    'vulns:write',
    'patches:read',
    'patches:write',
    // Analysts see network scans and their findings; scanning and judging findings is for admins.
    'network:read',
  ],
  // Auditors see everything and change nothing, not even their own tokens.
  auditor: readAll,
};
