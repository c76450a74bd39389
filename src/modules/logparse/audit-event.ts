import type { SecurityEvent } from '../../protocol/security-event.ts';
import { newEvent, type LineContext } from './new-event.ts';
import { endpointOf } from './normalize-ip.ts';
import type { AuditRecord } from './parse-audit-record.ts';

/** One auditd event: the records that share a serial, in the order they came. */
export interface AuditGroup {
  records: AuditRecord[];
  lines: string[];
  context: LineContext;
}

const execveSyscalls = new Set(['execve', 'execveat', '59', '322', '11', '221', '281', '387']);
// auditd writes 4294967295 ("-1") for an unset login uid or session.
const unset = '4294967295';

/**
 * The event for a group: Process Activity (Launch) with logsource category process_creation
 * for an execve, Authentication for USER_AUTH/USER_LOGIN/USER_ACCT…, else a Base Event. Every
 * field also stays in `unmapped` under its auditd name (Sigma's auditd rules use those), with
 * `type` as the list of record types and PATH `name`s as a list.
 */
export function auditEvent(group: AuditGroup): SecurityEvent {
  const { records, context } = group;
  const first = records[0];
  const types = records.map((record) => record.type);
  const unmapped: Record<string, string | number | (string | number)[]> = { type: types };
  const names: string[] = [];
  let args: string[] | undefined;
  const get = (type: string, key: string) => records.find((r) => r.type === type)?.fields.get(key);
  for (const record of records) {
    if (record.type === 'EXECVE') args = execveArgs(record);
    for (const [key, value] of record.fields) {
      if (record.type === 'PATH' && key === 'name') names.push(value);
      else if (record.type === 'SYSCALL' && /^a\d$/.test(key) && types.includes('EXECVE'))
        continue; // registers, not args
      else if (!(key in unmapped)) unmapped[key] = value;
    }
  }
  if (names.length > 0) unmapped.name = names;
  const fields = (key: string) => records.find((r) => r.fields.has(key))?.fields.get(key);
  const time = first?.time ?? context.header.time;
  const raw = group.lines.join('\n');
  const base = {
    ...context,
    raw,
    header: { ...context.header, message: raw, program: context.header.program ?? 'auditd' },
  };
  const syscall = get('SYSCALL', 'syscall');
  const uid = fields('uid');
  const auid = fields('auid');
  const ses = fields('ses');
  const actor = {
    ...(auid !== undefined && auid !== unset && { user: { uid: auid } }),
    ...(ses !== undefined && ses !== unset && { session: { uid: ses } }),
  };
  if (args !== undefined || (syscall !== undefined && execveSyscalls.has(syscall))) {
    const pid = numberOf(fields('pid'));
    const ppid = numberOf(fields('ppid'));
    const exe = fields('exe');
    const cwd = get('CWD', 'cwd');
    const cmdLine = args?.join(' ') ?? get('PROCTITLE', 'proctitle');
    return newEvent(
      base,
      { class: 'processActivity', activity: 1, code: 'auditd.execve', ...status(fields('success')) },
      {
        time,
        process: {
          ...(pid !== undefined && { pid }),
          ...(cmdLine !== undefined && { cmd_line: cmdLine }),
          ...(exe !== undefined && { file: { path: exe } }),
          ...(cwd !== undefined && { working_directory: cwd }),
          ...(uid !== undefined && { user: { uid } }),
          ...(ppid !== undefined && { parent_process: { pid: ppid } }),
          ...(fields('comm') !== undefined && { name: fields('comm') }),
        },
        actor,
        logsource: { product: 'linux', service: 'auditd', category: 'process_creation' },
        unmapped,
      },
    );
  }
  const type = first?.type ?? 'UNKNOWN';
  const code = `auditd.${type.toLowerCase()}`;
  const logsource = { product: 'linux', service: 'auditd' };
  if (/^(?:USER_(?:AUTH|LOGIN|ACCT|START|END|LOGOUT|ERR)|CRED_\w+|USER_CMD|LOGIN)$/.test(type)) {
    const account = fields('acct') ?? fields('id');
    const addr = fields('addr');
    const source = addr !== undefined && addr !== '?' ? { src_endpoint: endpointOf(addr) } : {};
    const activity = type === 'USER_END' || type === 'USER_LOGOUT' ? 2 : 1;
    return newEvent(
      base,
      { class: 'authentication', activity, code, ...status(fields('res')) },
      {
        time,
        actor,
        logsource,
        unmapped,
        ...source,
        ...(account !== undefined && { user: { name: account } }),
      },
    );
  }
  return newEvent(base, { class: 'base', activity: 0, code }, { time, actor, logsource, unmapped });
}

function execveArgs(record: AuditRecord): string[] {
  const argc = Number(record.fields.get('argc') ?? 0);
  const args: string[] = [];
  for (let i = 0; i < argc && i < 1024; i++) {
    const arg = record.fields.get(`a${i}`);
    if (arg === undefined) break;
    args.push(arg);
  }
  return args;
}

function status(value: string | undefined): { status?: 'Success' | 'Failure' } {
  if (value === 'yes' || value === 'success') return { status: 'Success' };
  if (value === 'no' || value === 'failed') return { status: 'Failure' };
  return {};
}

function numberOf(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,10}$/.test(text) ? Number(text) : undefined;
}
