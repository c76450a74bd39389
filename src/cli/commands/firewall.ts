import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Deps } from '../../modules/deps.ts';
import { renderPolicy } from '../../modules/firewall/render-policy.ts';
import { deletePolicy } from '../../modules/firewall-policy/delete-policy.ts';
import { describeTasks } from '../../modules/firewall-policy/describe-tasks.ts';
import { requirePolicy } from '../../modules/firewall-policy/find-policy.ts';
import { getPolicyDetail } from '../../modules/firewall-policy/get-policy-detail.ts';
import { listPolicies } from '../../modules/firewall-policy/list-policies.ts';
import { parsePolicySource } from '../../modules/firewall-policy/parse-policy-source.ts';
import { policyHosts } from '../../modules/firewall-policy/policy-hosts.ts';
import type { QueuedPolicyTask } from '../../modules/firewall-policy/queue-policy-tasks.ts';
import { readPlan } from '../../modules/firewall-policy/read-plan.ts';
import { requestPolicyTasks } from '../../modules/firewall-policy/request-policy-tasks.ts';
import { savePolicy } from '../../modules/firewall-policy/save-policy.ts';
import { pkiDir } from '../../modules/pki/server-pki.ts';
import { loadTaskSigningKey } from '../../modules/tasks/task-signing-key.ts';
import { isAppError } from '../../platform/errors.ts';
import type { FirewallPolicy } from '../../protocol/firewall-policy.ts';
import type { FirewallPolicyHost, FirewallPolicySummary } from '../../protocol/firewall-policies-api.ts';
import type { AgentTaskRow } from '../../store/schema.ts';
import { UsageError } from '../cli-error.ts';
import { auditCli, withDeps, type GlobalOptions } from '../context.ts';
import { render, type Column, type Format } from '../output.ts';
import { parseFormat } from '../parse.ts';
import { createProgress } from '../progress.ts';

const policyColumns: Column<FirewallPolicySummary>[] = [
  { header: 'name', value: (p) => p.name },
  { header: 'groups', value: (p) => p.groups.join(',') },
  { header: 'hosts', value: (p) => p.hosts },
  { header: 'drifted', value: (p) => p.drifted },
  { header: 'updated', value: (p) => p.updatedAt },
  { header: 'by', value: (p) => p.updatedBy },
  { header: 'description', value: (p) => p.description },
];

const hostColumns: Column<FirewallPolicyHost>[] = [
  { header: 'hostname', value: (h) => h.hostname },
  { header: 'agent', value: (h) => h.agentId },
  { header: 'group', value: (h) => h.group },
  { header: 'drift', value: (h) => h.drift },
  { header: 'last plan', value: (h) => h.lastPlan && `${h.lastPlan.status} ${h.lastPlan.finishedAt ?? ''}` },
  {
    header: 'last apply',
    value: (h) => h.lastApply && `${h.lastApply.status} ${h.lastApply.finishedAt ?? ''}`,
  },
];

/** `30s`, `2m`, `1h`, or plain seconds. */
function parseSeconds(value: string): number {
  const match = /^(\d{1,5})(s|m|h)?$/.exec(value);
  if (!match) throw new UsageError(`expected a time like 30s, 2m or 1h, got "${value}"`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[(match[2] ?? 's') as 's' | 'm' | 'h'];
}

function parseConfirm(value: string): number {
  const seconds = parseSeconds(value);
  if (seconds < 5 || seconds > 600) throw new UsageError(`--confirm: between 5s and 10m, got "${value}"`);
  return seconds;
}

function readSource(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The policy in a file, or a one-line usage error naming the file and every issue. */
function readPolicy(file: string): { source: string; policy: FirewallPolicy } {
  const source = readSource(file);
  try {
    return { source, policy: parsePolicySource(source) };
  } catch (error) {
    if (isAppError(error)) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

/** Queuing tasks needs the server's signing key, from the data dir as `vigil block` reads it. */
async function withPolicyDeps<T>(
  command: Command,
  fn: (deps: Deps) => Promise<T>,
  keyNeeded: 'required' | 'optional',
): Promise<T> {
  return withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) => {
    const taskSigningKey = loadTaskSigningKey(pkiDir(deps.config.dataDir));
    if (!taskSigningKey && keyNeeded === 'required')
      throw new UsageError('no task-signing key in the data dir: start the server once, then try again');
    if (!taskSigningKey)
      process.stderr.write(
        'vigil: warning: no task-signing key in the data dir (the server has not run yet); hosts are not told\n',
      );
    return fn({ ...deps, taskSigningKey });
  });
}

/** Agent ids or hostnames of the policy's hosts, separated by commas, as agent ids. */
async function resolveHosts(deps: Deps, name: string, value: string | undefined) {
  if (value === undefined) return undefined;
  const { policy } = await requirePolicy(deps.database.db, name);
  const hosts = await policyHosts(deps.database.db, policy.groups);
  return value.split(',').map((item) => {
    const wanted = item.trim();
    const byId = hosts.find((host) => host.id === wanted);
    if (byId) return byId.id;
    const byName = hosts.filter((host) => host.hostname === wanted);
    if (byName.length === 1 && byName[0]) return byName[0].id;
    throw new UsageError(
      byName.length > 1
        ? `--hosts: ${wanted} names ${byName.length} hosts; use their agent ids`
        : `--hosts: ${wanted} is not a host of policy ${name} (groups: ${policy.groups.join(', ') || 'none'})`,
    );
  });
}

const finished = (row: AgentTaskRow) => !['queued', 'sent'].includes(row.status);

/**
 * Waits up to `seconds` for the tasks to finish, reading the database as the server writes the
 * agents' results into it, and says on stderr as each host answers.
 */
async function waitForTasks(
  deps: Deps,
  tasks: readonly QueuedPolicyTask[],
  seconds: number,
): Promise<Map<string, AgentTaskRow>> {
  const ids = tasks.map((task) => task.taskId);
  const seen = new Map<string, AgentTaskRow>();
  const progress = createProgress();
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const rows = await deps.database.db
      .selectFrom('agent_tasks')
      .selectAll()
      .where('id', 'in', ids)
      .execute();
    for (const row of rows.filter(finished)) {
      if (seen.has(row.id)) continue;
      seen.set(row.id, row);
      const host = tasks.find((task) => task.taskId === row.id)?.hostname ?? row.agent_id;
      progress.done();
      process.stderr.write(`vigil: ${host}: ${row.status}\n`);
    }
    const left = tasks.length - seen.size;
    if (left === 0 || Date.now() >= deadline) break;
    progress.update(
      () =>
        `waiting for ${left} of ${tasks.length} hosts · ${Math.ceil((deadline - Date.now()) / 1000)} s left`,
    );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  progress.done();
  return seen;
}

/** One line, so a host's output cannot draw on the terminal or pass for another host's. */
const oneLine = (text: string | null) =>
  (text ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?').replace(/\s*\n\s*/g, ' | ');
const printable = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');

interface TaskOptions {
  hosts?: string;
  wait?: number;
  confirm?: number;
}

async function planCommand(name: string, opts: TaskOptions, command: Command): Promise<void> {
  // Host-local mode (`--file FILE`, run on the host itself, no server) hooks in here; see firewall-local.ts.
  await withPolicyDeps(
    command,
    async (deps) => {
      const agents = await resolveHosts(deps, name, opts.hosts);
      const { tasks } = await requestPolicyTasks(
        deps,
        name,
        'plan',
        { agents },
        cliActor(),
        deps.clock.now(),
      );
      await auditCli(deps, 'firewall.policies.plan', name, `plan queued on ${describeTasks(tasks)}`);
      if (tasks.length === 0)
        throw new UsageError(`policy ${name} has no hosts: no enrolled agent is in its groups`);
      process.stderr.write(`vigil: plan queued on ${describeTasks(tasks)}\n`);
      const wait = opts.wait ?? 30;
      if (wait === 0) return printQueued(tasks);
      const results = await waitForTasks(deps, tasks, wait);
      let drifted = 0;
      let unknown = 0;
      for (const task of tasks) {
        const row = results.get(task.taskId);
        const plan = row?.status === 'succeeded' ? readPlan(row.output) : null;
        if (!row) {
          unknown += 1;
          process.stdout.write(`== ${task.hostname}: no answer within ${wait}s (task ${task.taskId})\n`);
        } else if (!plan) {
          unknown += 1;
          process.stdout.write(`== ${task.hostname}: ${row.status}: ${oneLine(row.output)}\n`);
        } else if (plan.changed) {
          drifted += 1;
          process.stdout.write(`== ${task.hostname}: would change\n${printable(plan.diff)}`);
          if (!plan.diff.endsWith('\n')) process.stdout.write('\n');
        } else process.stdout.write(`== ${task.hostname}: in sync\n`);
      }
      process.stderr.write(
        `vigil: ${tasks.length - drifted - unknown} in sync, ${drifted} would change, ${unknown} unknown\n`,
      );
      // 1 is a finding (a host is not as the policy says); 3 a host that could not say.
      process.exitCode = drifted > 0 ? 1 : unknown > 0 ? 3 : 0;
    },
    'required',
  );
}

async function applyCommand(name: string, opts: TaskOptions, command: Command): Promise<void> {
  // Host-local mode (`--file FILE`) hooks in here too; see planCommand.
  await withPolicyDeps(
    command,
    async (deps) => {
      const agents = await resolveHosts(deps, name, opts.hosts);
      const confirmSeconds = opts.confirm;
      const { tasks } = await requestPolicyTasks(
        deps,
        name,
        'apply',
        { agents, confirmSeconds },
        cliActor(),
        deps.clock.now(),
      );
      await auditCli(deps, 'firewall.policies.apply', name, `apply queued on ${describeTasks(tasks)}`);
      if (tasks.length === 0)
        throw new UsageError(`policy ${name} has no hosts: no enrolled agent is in its groups`);
      process.stderr.write(`vigil: apply queued on ${describeTasks(tasks)}\n`);
      // A host may take the whole confirmation window before it answers.
      const wait = opts.wait ?? Math.max(60, (confirmSeconds ?? 30) + 30);
      if (wait === 0) return printQueued(tasks);
      const results = await waitForTasks(deps, tasks, wait);
      let failed = 0;
      for (const task of tasks) {
        const row = results.get(task.taskId);
        if (row?.status !== 'succeeded') failed += 1;
        process.stdout.write(
          row
            ? `${task.hostname}: ${row.status}: ${oneLine(row.output)}\n`
            : `${task.hostname}: no answer within ${wait}s (task ${task.taskId})\n`,
        );
      }
      process.exitCode = failed > 0 ? 3 : 0;
    },
    'required',
  );
}

function printQueued(tasks: readonly QueuedPolicyTask[]): void {
  for (const task of tasks) process.stdout.write(`${task.hostname}\t${task.agentId}\t${task.taskId}\n`);
}

const cliActor = () => `cli:${userInfo().username}`;

export function registerFirewall(program: Command): void {
  const firewall = program
    .command('firewall')
    .description('firewall policies as code: host groups’ rules, planned and applied on their hosts');

  firewall
    .command('policies')
    .description('firewall policies, with their hosts and how many drift')
    .option('--format <format>', 'table, json or jsonl', parseFormat, 'table')
    .action(async (opts: { format: Format }, command: Command) => {
      const policies = await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) =>
        listPolicies(deps.database.db),
      );
      process.stdout.write(render(policies, policyColumns, opts.format));
    });

  const policy = firewall.command('policy').description('store, show and delete firewall policies');

  policy
    .command('set')
    .argument('<file>', 'the policy as YAML; its name says which policy it creates or replaces')
    .description('create or replace a policy; hosts change only with `vigil firewall apply`')
    .action(async (file: string, _opts: unknown, command: Command) => {
      const { source, policy: parsed } = readPolicy(file);
      await withPolicyDeps(
        command,
        async (deps) => {
          const saved = await savePolicy(deps, parsed.name, source, cliActor(), deps.clock.now());
          const removal =
            saved.removed.length > 0 ? `; removal queued on ${describeTasks(saved.removed)}` : '';
          const detail = `${saved.created ? 'created' : 'replaced'}; groups: ${parsed.groups.join(', ') || 'none'}${removal}`;
          await auditCli(deps, 'firewall.policies.save', parsed.name, detail);
          const hosts = await policyHosts(deps.database.db, parsed.groups);
          process.stdout.write(
            `${saved.created ? 'created' : 'replaced'} policy ${parsed.name} (groups: ${parsed.groups.join(', ') || 'none'}; ${hosts.length} hosts)${removal}\n`,
          );
        },
        'optional',
      );
    });

  policy
    .command('show')
    .argument('<name>', 'the policy')
    .description('a policy: its hosts with their drift and latest tasks, and the ruleset it renders to')
    .option('--format <format>', 'table or json', parseFormat, 'table')
    .action(async (name: string, opts: { format: Format }, command: Command) => {
      const detail = await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) =>
        getPolicyDetail(deps.database.db, name),
      );
      if (opts.format !== 'table') {
        process.stdout.write(`${JSON.stringify(detail, null, opts.format === 'json' ? 2 : undefined)}\n`);
        return;
      }
      const { policy: parsed } = detail;
      process.stdout.write(
        [
          `policy ${detail.name}${parsed.description ? `: ${printable(parsed.description)}` : ''}`,
          `groups: ${parsed.groups.join(', ') || 'none'}`,
          `updated ${detail.updatedAt} by ${detail.updatedBy}`,
          '',
          render(detail.hosts, hostColumns, 'table'),
          'ruleset:',
          detail.rendered,
        ].join('\n'),
      );
    });

  policy
    .command('delete')
    .argument('<name>', 'the policy')
    .description('delete a policy; its hosts are told to remove its rules')
    .action(async (name: string, _opts: unknown, command: Command) => {
      await withPolicyDeps(
        command,
        async (deps) => {
          const tasks = await deletePolicy(deps, name, cliActor(), deps.clock.now());
          const detail = `removal queued on ${describeTasks(tasks)}`;
          await auditCli(deps, 'firewall.policies.delete', name, detail);
          process.stdout.write(`deleted policy ${name}; ${detail}\n`);
        },
        'optional',
      );
    });

  firewall
    .command('render')
    .argument('<file>', 'a policy as YAML')
    .description('check a policy and print the nftables ruleset it renders to (offline: no server, no root)')
    .action((file: string) => {
      process.stdout.write(renderPolicy(readPolicy(file).policy));
    });

  firewall
    .command('plan')
    .argument('<name>', 'the policy')
    .description('ask the policy’s hosts what applying it would change; exit 1 when any would change')
    .option(
      '--hosts <hosts>',
      'agent ids or hostnames, separated by commas (default: every host of the policy)',
    )
    .option('--wait <time>', 'how long to wait for the hosts (0: queue and return)', parseSeconds)
    .action(planCommand);

  firewall
    .command('apply')
    .argument('<name>', 'the policy')
    .description('apply the policy on its hosts; a host that cannot reach the server afterwards rolls back')
    .option(
      '--hosts <hosts>',
      'agent ids or hostnames, separated by commas (default: every host of the policy)',
    )
    .option(
      '--confirm <time>',
      'how long a host waits to reach the server before it rolls back (default 30s)',
      parseConfirm,
    )
    .option(
      '--wait <time>',
      'how long to wait for the hosts (0: queue and return; default 60s)',
      parseSeconds,
    )
    .action(applyCommand);
}
