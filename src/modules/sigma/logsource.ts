import type { EventLogSource } from '../../protocol/security-event.ts';

/*
 * Which events a rule's logsource selects, and which logsources Vigil can have at all.
 * An event carries the logsource its producer gave it (see docs/detection.md, "Parsing") and the
 * program that wrote the line (metadata.product.name). A rule applies when each of its product,
 * category and service is compatible with the event; a rule attribute that is absent accepts all.
 */

export interface RuleLogSource {
  product?: string;
  category?: string;
  service?: string;
}

/** Services that name a group of programs rather than one (the taxonomy's `auth` is auth.log). */
const servicePrograms: Readonly<Record<string, readonly string[]>> = {
  auth: [
    'auth',
    'sshd',
    'sshd-session',
    'sshd-auth',
    'dropbear',
    'sudo',
    'su',
    'login',
    'pam',
    'unix_chkpwd',
    'passwd',
    'chpasswd',
    'chage',
    'useradd',
    'usermod',
    'userdel',
    'groupadd',
    'groupmod',
    'groupdel',
    'gpasswd',
    'newusers',
    'chsh',
    'chfn',
    'systemd-logind',
    'polkitd',
    'pkexec',
    'cron',
  ],
  sshd: ['sshd', 'sshd-session', 'sshd-auth'],
  cron: ['cron', 'crond', 'anacron'],
  clamav: ['clamav', 'clamd', 'freshclam', 'clamscan'],
  guacamole: ['guacamole', 'guacd'],
  apache: ['apache', 'apache2', 'httpd'],
};

const products: Readonly<Record<string, readonly string[]>> = {
  linux: ['linux'],
  apache: ['apache', 'apache2', 'httpd'],
  nginx: ['nginx'],
};

/** Categories a Vigil source produces or can produce, and which. */
export const availableCategories: Readonly<Record<string, string>> = {
  process_creation: 'auditd EXECVE groups',
  file_change: 'file integrity monitoring (files added, modified, removed)',
  file_event: 'file integrity monitoring, as file_change events',
  network_connection: 'auditd socket records (no parser emits them yet)',
  webserver: 'nginx and apache access and error logs',
};

/*
 * Sysmon for Linux's file_event (file created or overwritten) is what file integrity
 * monitoring sees as a file added or modified, which Vigil reports as file_change.
 */
const categoryAliases: Readonly<Record<string, readonly string[]>> = {
  file_event: ['file_event', 'file_change'],
};

const unavailableCategoryReasons: Readonly<Record<string, string>> = {
  proxy:
    'forward-proxy logs (squid and the like); Vigil parses web server access logs, which are category webserver',
};

/** Why no Vigil source can produce events for this logsource, or undefined when one can. */
export function unavailableReason(logsource: RuleLogSource): string | undefined {
  const { product, category } = logsource;
  if (product !== undefined && !Object.hasOwn(products, product)) {
    return `product ${product}: Vigil reads Linux hosts and their web servers only`;
  }
  if (category !== undefined && !Object.hasOwn(availableCategories, category)) {
    const why = Object.hasOwn(unavailableCategoryReasons, category)
      ? unavailableCategoryReasons[category]
      : undefined;
    return `category ${category}: ${why ?? 'no Vigil source produces these events'}`;
  }
  return undefined;
}

export function logSourceAccepts(
  rule: RuleLogSource,
  event: EventLogSource,
  program: string | undefined,
): boolean {
  const { product, category, service } = rule;
  if (product !== undefined) {
    const names = products[product] ?? [product];
    if (!names.includes(event.product ?? '') && !names.includes(program ?? '')) return false;
  }
  if (category !== undefined && !(categoryAliases[category] ?? [category]).includes(event.category ?? ''))
    return false;
  if (service === undefined) return true;
  // The syslog service is every line a Linux host's syslog or journal carried.
  if (service === 'syslog')
    return event.product === 'linux' && event.category === undefined && event.service !== 'auditd';
  const names = servicePrograms[service] ?? [service];
  return names.includes(event.service ?? '') || names.includes(program ?? '');
}
