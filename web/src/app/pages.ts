import type { ComponentType } from 'react';
import { AlertsPage } from '../pages/alerts/AlertsPage.tsx';
import { AuditsPage } from '../pages/audits/AuditsPage.tsx';
import { HostsPage } from '../pages/hosts/HostsPage.tsx';
import { IdentityPage } from '../pages/identity/IdentityPage.tsx';
import { NetworkPage } from '../pages/network/NetworkPage.tsx';
import { ExposurePage } from '../pages/network/scans/ExposurePage.tsx';
import { NetFindingsPage } from '../pages/network/scans/NetFindingsPage.tsx';
import { ScansPage } from '../pages/network/scans/ScansPage.tsx';
import { OverviewPage } from '../pages/overview/OverviewPage.tsx';
import { PatchesPage } from '../pages/patches/PatchesPage.tsx';
import { AccountPage } from '../pages/settings/account/AccountPage.tsx';
import { AuditLogPage } from '../pages/settings/audit/AuditLogPage.tsx';
import { SettingsPage } from '../pages/settings/SettingsPage.tsx';
import { TokensPage } from '../pages/settings/tokens/TokensPage.tsx';
import { UsersPage } from '../pages/settings/users/UsersPage.tsx';
import { TrainingPage } from '../pages/training/TrainingPage.tsx';
import { VulnerabilitiesPage } from '../pages/vulnerabilities/VulnerabilitiesPage.tsx';

/** Keyed by NavEntry.path; kept apart from navigation.ts so pages can read the nav without a cycle. */
export const pages: Readonly<Record<string, ComponentType>> = {
  '/overview': OverviewPage,
  '/alerts': AlertsPage,
  '/hosts': HostsPage,
  '/audits': AuditsPage,
  '/vulnerabilities': VulnerabilitiesPage,
  '/patches': PatchesPage,
  '/network': NetworkPage,
  '/network/scans': ScansPage,
  '/network/exposure': ExposurePage,
  '/network/findings': NetFindingsPage,
  '/identity': IdentityPage,
  '/training': TrainingPage,
  '/settings': SettingsPage,
  '/settings/users': UsersPage,
  '/settings/tokens': TokensPage,
  '/settings/audit': AuditLogPage,
  '/settings/account': AccountPage,
};
