import type { SecurityEvent } from '../../protocol/security-event.ts';
import { eventOf, type LineContext, type MessageParser } from './new-event.ts';
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

/** A parser that needs the whole line: web and audit lines may carry their own time, or need the header's. */
export type LineParser = (context: LineContext) => SecurityEvent | undefined;

const web: LineParser = (context) => parseWebAccess(context) ?? parseWebError(context);
const netfilter: LineParser = (context) => {
  const draft = parseNetfilter(context.header);
  return draft && eventOf(context, draft);
};

/** Parsers of what a program wrote, by the program name of the syslog tag or journald's SYSLOG_IDENTIFIER. */
export const messageParsers: ReadonlyMap<string, MessageParser> = new Map<string, MessageParser>([
  ['sshd', parseSshd],
  ['sshd-session', parseSshd],
  ['sshd-auth', parseSshd],
  ['dropbear', parseDropbear],
  ['sudo', parseSudo],
  ['su', parseSu],
  ['cron', parseCron],
  ['crond', parseCron],
  ['kernel', parseNetfilter],
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
  ].map((name): [string, MessageParser] => [name, parseAccountTool]),
]);

/** Programs whose lines need a LineParser. */
export const lineParsers: ReadonlyMap<string, LineParser> = new Map<string, LineParser>([
  ['nginx', web],
  ['apache2', web],
  ['httpd', web],
  ['audit', parseAudit],
  ['auditd', parseAudit],
  ['audispd', parseAudit],
]);

/** Tried in order on lines whose program has no parser, or no syslog header at all (web logs, audit.log). */
export const sniffParsers: readonly LineParser[] = [parseWebAccess, parseAudit, netfilter, parseWebError];
