import type { Permission } from '../../../../src/protocol/roles.ts';

/** Complete, so a new permission fails the build until the console can describe it. */
export const permissionLabels: Record<Permission, string> = {
  'overview:read': 'View the overview dashboard',
  'users:read': 'View users',
  'users:write': 'Add, change, disable and delete users',
  'tokens:read': 'View API tokens',
  'tokens:write': 'Create and revoke API tokens',
  'audit:read': 'View, verify and export the audit log',
  'settings:read': 'View settings',
  'agents:read': 'View hosts, their agents and inventory',
  'agents:write': 'Enroll, revoke and manage host agents',
  'alerts:read': 'View alerts, their evidence and suppressions',
  'alerts:write': 'Acknowledge, resolve, assign and annotate alerts; manage suppressions',
  'response:read': 'View blocked addresses and the response policies',
  'response:write': 'Block and unblock addresses on hosts',
  'firewall:read': 'View firewall policies, their rulesets and drift',
  'firewall:write': 'Change, plan, apply and delete firewall policies',
  'audits:read': 'View host audits, policies, waivers and audit reports',
  'audits:run': 'Run host audits on demand',
  'audits:write': 'Upload, assign and delete audit policies; grant and remove waivers',
  'audits:approve': 'Approve audit policies whose rules run commands on hosts',
  'vulns:read': 'View vulnerability findings, feeds and their freshness',
  'vulns:write': 'Import vulnerability feeds and rescan hosts',
  'patches:read': 'View patch plans and their rollouts',
  'patches:write': 'Draft, simulate, schedule, start and cancel patch plans',
  'patches:approve': 'Approve patch plans so that agents may apply them',
};
