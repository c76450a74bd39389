import type { Permission } from '../../../src/protocol/roles.ts';
import type { IconName } from '../components/Icon.tsx';

export interface NavEntry {
  path: string;
  /** Becomes `data-testid="nav-<slug>"`. */
  slug: string;
  title: string;
  icon: IconName;
  permission?: Permission;
  /** Settings sub-pages are listed under their parent. */
  parent?: string;
  /** Shown on the Settings landing page. */
  summary?: string;
  /** The page also serves `<path>/<id>` detail pages, which the top bar calls this. */
  detailTitle?: string;
  /** Its detail pages go deeper than `<path>/<id>`, e.g. `/audits/<host>/<policy>/<check>`. */
  nestedDetails?: boolean;
}

export const navEntries: readonly NavEntry[] = [
  { path: '/overview', slug: 'overview', title: 'Overview', icon: 'overview', permission: 'overview:read' },
  {
    path: '/alerts',
    slug: 'alerts',
    title: 'Alerts',
    icon: 'alerts',
    permission: 'alerts:read',
    detailTitle: 'Alert details',
  },
  {
    path: '/hosts',
    slug: 'hosts',
    title: 'Hosts',
    icon: 'hosts',
    permission: 'agents:read',
    detailTitle: 'Host details',
  },
  {
    path: '/audits',
    slug: 'audits',
    title: 'Audits',
    icon: 'audits',
    permission: 'audits:read',
    detailTitle: 'Host audit',
    nestedDetails: true,
  },
  {
    path: '/vulnerabilities',
    slug: 'vulnerabilities',
    title: 'Vulnerabilities',
    icon: 'vulnerabilities',
    permission: 'vulns:read',
    detailTitle: 'Vulnerability finding',
    nestedDetails: true,
  },
  {
    path: '/patches',
    slug: 'patches',
    title: 'Patches',
    icon: 'shieldCheck',
    permission: 'patches:read',
    detailTitle: 'Patch plan',
  },
  { path: '/network', slug: 'network', title: 'Network', icon: 'network' },
  {
    path: '/network/scans',
    slug: 'network-scans',
    title: 'Scans',
    icon: 'network',
    permission: 'network:read',
    parent: '/network',
    detailTitle: 'Network scan',
  },
  {
    path: '/network/exposure',
    slug: 'network-exposure',
    title: 'Exposure',
    icon: 'hosts',
    permission: 'network:read',
    parent: '/network',
    detailTitle: 'Network host',
  },
  {
    path: '/network/findings',
    slug: 'network-findings',
    title: 'Findings',
    icon: 'shieldAlert',
    permission: 'network:read',
    parent: '/network',
  },
  { path: '/identity', slug: 'identity', title: 'Identity', icon: 'identity' },
  { path: '/training', slug: 'training', title: 'Training', icon: 'training' },
  { path: '/settings', slug: 'settings', title: 'Settings', icon: 'settings' },
  {
    path: '/settings/users',
    slug: 'settings-users',
    title: 'Users & roles',
    icon: 'users',
    permission: 'users:read',
    parent: '/settings',
    summary: 'Add people, assign roles, disable accounts and reset passwords.',
  },
  {
    path: '/settings/tokens',
    slug: 'settings-tokens',
    title: 'API tokens',
    icon: 'key',
    permission: 'tokens:read',
    parent: '/settings',
    summary: 'Create scoped tokens for scripts and integrations, and revoke them.',
  },
  {
    path: '/settings/audit',
    slug: 'settings-audit',
    title: 'Audit log',
    icon: 'log',
    permission: 'audit:read',
    parent: '/settings',
    summary: 'Review every change and sign-in, verify the hash chain and export it.',
  },
  {
    path: '/settings/account',
    slug: 'settings-account',
    title: 'Account',
    icon: 'account',
    parent: '/settings',
    summary: 'See your profile and change your password.',
  },
];

export function findNavEntry(path: string): NavEntry | undefined {
  return navEntries.find((entry) => entry.path === path);
}

/** The entry whose page serves a path: its own, or the list whose detail page it is. */
export function findRouteEntry(path: string): NavEntry | undefined {
  return (
    findNavEntry(path) ??
    navEntries.find(
      (entry) =>
        entry.detailTitle !== undefined &&
        path.startsWith(`${entry.path}/`) &&
        (entry.nestedDetails === true || !path.slice(entry.path.length + 1).includes('/')),
    )
  );
}

export function allowedEntries(can: (permission: Permission) => boolean): NavEntry[] {
  return navEntries.filter((entry) => entry.permission === undefined || can(entry.permission));
}
