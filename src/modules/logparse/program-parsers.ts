import type { SecurityEvent } from '../../protocol/security-event.ts';
import type { LineContext } from './new-event.ts';
import { parseAccountTool } from './parse-account-tools.ts';
import { parseAudit } from './parse-audit.ts';
import { parseCron } from './parse-cron.ts';
import { parseDropbear } from './parse-dropbear.ts';
import { parseNetfilter } from './parse-netfilter.ts';
import { parseSshd } from './parse-sshd.ts';
import { parseSu } from './parse-su.ts';
import { parseSudo } from './parse-sudo.ts';
import { parseWebAccess } from './parse-web-access.ts';
import { parseWebError } from './parse-web-error.ts';

export type LineParser = (context: LineContext) => SecurityEvent | undefined;

const web: LineParser = (context) => parseWebAccess(context) ?? parseWebError(context);

/** Parsers chosen by the program name of the syslog tag or journald's SYSLOG_IDENTIFIER. */
export const programParsers: ReadonlyMap<string, LineParser> = new Map<string, LineParser>([
  ['sshd', parseSshd],
  ['sshd-session', parseSshd],
  ['sshd-auth', parseSshd],
  ['dropbear', parseDropbear],
  ['sudo', parseSudo],
  ['su', parseSu],
  ['cron', parseCron],
  ['crond', parseCron],
  ['kernel', parseNetfilter],
  ['nginx', web],
  ['apache2', web],
  ['httpd', web],
  ['audit', parseAudit],
  ['auditd', parseAudit],
  ['audispd', parseAudit],
  ...[
    'useradd',
    'usermod',
    'userdel',
    'groupadd',
    'groupdel',
    'groupmod',
    'passwd',
    'chpasswd',
    'chage',
    'gpasswd',
  ].map((name): [string, LineParser] => [name, parseAccountTool]),
]);

/** Tried in order on lines whose program has no parser, or no syslog header at all (web logs, audit.log). */
export const sniffParsers: readonly LineParser[] = [
  parseWebAccess,
  parseAudit,
  parseNetfilter,
  parseWebError,
];
