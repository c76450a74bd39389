import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Deps } from '../../modules/deps.ts';
import { approvePlan } from '../../modules/patches/approve-plan.ts';
import { cancelPlan } from '../../modules/patches/cancel-plan.ts';
import { createPlan } from '../../modules/patches/create-plan.ts';
import { requirePlan } from '../../modules/patches/find-plan.ts';
import { listPlans } from '../../modules/patches/list-plans.ts';
import { simulatePlan } from '../../modules/patches/simulate-plan.ts';
import { startPlan } from '../../modules/patches/start-plan.ts';
import { toPatchPlan } from '../../modules/patches/to-patch-plan.ts';
import { pkiDir } from '../../modules/pki/server-pki.ts';
import { loadTaskSigningKey } from '../../modules/tasks/task-signing-key.ts';
import {
  CreatePatchPlanRequest,
  type PatchPlan,
  type PatchPlanHost,
  type PatchPlanSummary,
} from '../../protocol/patch-api.ts';
import { UsageError } from '../cli-error.ts';
import { auditCli, withDeps, type GlobalOptions } from '../context.ts';
import { render, type Column, type Format } from '../output.ts';
import { parseFormat } from '../parse.ts';
import { createProgress } from '../progress.ts';

const planColumns: Column<PatchPlanSummary>[] = [
  { header: 'id', value: (p) => p.id },
  { header: 'name', value: (p) => p.name },
  { header: 'status', value: (p) => p.status },
  { header: 'hosts', value: (p) => p.hosts },
  { header: 'succeeded', value: (p) => p.succeeded },
  { header: 'failed', value: (p) => p.failed },
  { header: 'packages', value: (p) => p.packages },
  { header: 'findings', value: (p) => p.findings },
  { header: 'by', value: (p) => p.createdBy },
  { header: 'message', value: (p) => p.message },
];

const hostColumns: Column<PatchPlanHost>[] = [
  { header: 'hostname', value: (h) => `${h.hostname ?? h.agentId}${h.canary ? ' (canary)' : ''}` },
  { header: 'status', value: (h) => h.status },
  {
    header: 'packages',
    value: (h) => h.packages.map((p) => `${p.name} ${p.from}→${p.version ?? `≥${p.atLeast}`}`).join(', '),
  },
  { header: 'findings', value: (h) => h.findingIds.length },
  { header: 'left', value: (h) => h.remainingFindings },
  {
    header: 'needs',
    value: (h) => [h.rebootRequired ? 'reboot' : '', ...h.servicesToRestart].filter(Boolean).join(', '),
  },
  { header: 'error', value: (h) => h.error },
];

const cliActor = () => `cli:${userInfo().username}`;

/** Plan steps queue signed tasks, so the CLI needs the server's key from the data dir. */
function withPatchDeps<T>(command: Command, fn: (deps: Deps) => Promise<T>): Promise<T> {
  return withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) => {
    const taskSigningKey = loadTaskSigningKey(pkiDir(deps.config.dataDir));
    if (!taskSigningKey)
      throw new UsageError('no task-signing key in the data dir: start the server once, then try again');
    return fn({ ...deps, taskSigningKey });
  });
}

const collect = (value: string, previous: string[]) => [...previous, value];

function parseThreshold(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1)
    throw new UsageError(`--threshold: expected 1 or more, got "${value}"`);
  return Number(value);
}

/** `START/END`, two ISO 8601 times with an offset (`2025-06-01T22:00:00Z/2025-06-02T02:00:00Z`). */
function parseWindow(value: string): { start: string; end: string } {
  const [start = '', end = '', extra] = value.split('/');
  const window = CreatePatchPlanRequest.shape.window.safeParse({ start, end });
  if (extra !== undefined || !window.success || !window.data)
    throw new UsageError(
      `--window: expected START/END as ISO 8601 times with an offset, end after start, got "${value}"`,
    );
  return window.data;
}

/** Agent ids or hostnames, as agent ids; a hostname that names several hosts must be given by id. */
async function agentIds(deps: Deps, values: readonly string[], option: string): Promise<string[]> {
  const ids: string[] = [];
  for (const wanted of values) {
    const rows = await deps.database.db
      .selectFrom('agents')
      .select(['id', 'hostname'])
      .where((eb) => eb.or([eb('id', '=', wanted), eb('hostname', '=', wanted)]))
      .where('revoked_at', 'is', null)
      .execute();
    const byId = rows.find((row) => row.id === wanted);
    if (byId) ids.push(byId.id);
    else if (rows.length === 1 && rows[0]) ids.push(rows[0].id);
    else
      throw new UsageError(
        rows.length > 1
          ? `${option}: ${wanted} names ${rows.length} hosts; use their agent ids`
          : `${option}: no host ${wanted}`,
      );
  }
  return ids;
}

async function readPlan(deps: Deps, id: string): Promise<PatchPlan> {
  const stored = await requirePlan(deps.database.db, id);
  return toPatchPlan(stored.plan, stored.hosts);
}

function printPlan(plan: PatchPlan, format: Format): void {
  if (format !== 'table') {
    process.stdout.write(`${JSON.stringify(plan, null, format === 'json' ? 2 : undefined)}\n`);
    return;
  }
  const window = plan.window ? `window ${plan.window.start} – ${plan.window.end}` : 'no maintenance window';
  process.stdout.write(
    [
      `plan ${plan.name} (${plan.id}): ${plan.status}`,
      `by ${plan.createdBy} at ${plan.createdAt}${plan.approvedBy ? `; approved by ${plan.approvedBy} at ${plan.approvedAt ?? ''}` : ''}`,
      `${window}; stops after ${plan.failureThreshold} failed host(s)`,
      plan.message ?? '',
      '',
      render(plan.hosts, hostColumns, 'table'),
    ].join('\n'),
  );
}

/**
 * Waits until `done` says so, reading the plan as the server's rollout writes it, with a status
 * line on a terminal and one line on stderr per host that changes.
 */
async function waitFor(
  deps: Deps,
  id: string,
  done: (plan: PatchPlan) => boolean,
  seconds: number,
): Promise<PatchPlan> {
  const progress = createProgress();
  const seen = new Map<string, string>();
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const plan = await readPlan(deps, id);
    for (const host of plan.hosts) {
      if (seen.get(host.agentId) === host.status) continue;
      if (seen.has(host.agentId)) {
        progress.done();
        process.stderr.write(
          `vigil: ${host.hostname ?? host.agentId}: ${host.status}${host.error ? ` (${host.error})` : ''}\n`,
        );
      }
      seen.set(host.agentId, host.status);
    }
    if (done(plan) || Date.now() >= deadline) {
      progress.done();
      return plan;
    }
    progress.update(
      () => `${plan.status}: ${plan.message ?? ''} · ${Math.ceil((deadline - Date.now()) / 1000)} s left`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

interface StepOptions {
  format: Format;
  wait?: boolean;
  timeout: string;
}

const simulated = (plan: PatchPlan) => !plan.hosts.some((host) => host.status === 'pending');
const finished = (plan: PatchPlan) => ['completed', 'stopped', 'cancelled'].includes(plan.status);

export function registerPatch(program: Command): void {
  const patch = program
    .command('patch')
    .description(
      'patch plans: the upgrades that resolve vulnerability findings, simulated, approved and rolled out',
    );

  patch
    .command('plans')
    .description('patch plans, newest first')
    .option('--format <format>', 'table, json or jsonl', parseFormat, 'table')
    .action(async (opts: { format: Format }, command: Command) => {
      const plans = await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) =>
        listPlans(deps.database.db),
      );
      process.stdout.write(render(plans, planColumns, opts.format));
    });

  const plan = patch
    .command('plan')
    .description('create, show, simulate, approve, start and cancel one plan');

  plan
    .command('create')
    .description('draft a plan from open findings with a fix: the chosen ones, or all of the chosen hosts’')
    .requiredOption('--name <name>', 'what the plan is for')
    .option('--finding <id>', 'a finding to resolve (repeat for more)', collect, [])
    .option('--host <host>', 'an agent id or hostname (repeat for more)', collect, [])
    .option('--group <group>', 'every host of a group (repeat for more)', collect, [])
    .option('--canary <host>', 'a host patched and verified before the rest (repeat for more)', collect, [])
    .option('--threshold <n>', 'stop the rollout once this many hosts failed (default 1)', parseThreshold)
    .option('--window <start/end>', 'the maintenance window, as two ISO 8601 times', parseWindow)
    .option('--format <format>', 'table or json', parseFormat, 'table')
    .action(
      async (
        opts: {
          name: string;
          finding: string[];
          host: string[];
          group: string[];
          canary: string[];
          threshold?: number;
          window?: { start: string; end: string };
          format: Format;
        },
        command: Command,
      ) => {
        await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) => {
          const request = CreatePatchPlanRequest.safeParse({
            name: opts.name,
            ...(opts.finding.length > 0 ? { findingIds: opts.finding } : {}),
            ...(opts.host.length > 0 ? { agentIds: await agentIds(deps, opts.host, '--host') } : {}),
            ...(opts.group.length > 0 ? { groups: opts.group } : {}),
            canary: await agentIds(deps, opts.canary, '--canary'),
            ...(opts.threshold !== undefined ? { failureThreshold: opts.threshold } : {}),
            ...(opts.window ? { window: opts.window } : {}),
          });
          if (!request.success)
            throw new UsageError(request.error.issues.map((issue) => issue.message).join('; '));
          const created = await createPlan(deps, request.data, cliActor(), deps.clock.now());
          await auditCli(
            deps,
            'patches.plans.create',
            `plan ${created.name} (${created.id})`,
            `${created.hosts.length} host(s)`,
          );
          printPlan(created, opts.format);
        });
      },
    );

  plan
    .command('show')
    .argument('<id>', 'the plan')
    .description('a plan: each host’s packages, simulation, progress and errors')
    .option('--format <format>', 'table or json', parseFormat, 'table')
    .action(async (id: string, opts: { format: Format }, command: Command) => {
      printPlan(
        await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) => readPlan(deps, id)),
        opts.format,
      );
    });

  const steps = [
    [
      'simulate',
      'ask each host what the upgrades would change; with --wait, until all answered',
      simulatePlan,
      simulated,
    ],
    [
      'approve',
      'approve a simulated plan (someone other than its author, with patches.separateApproval)',
      approvePlan,
      null,
    ],
    ['start', 'start an approved plan’s rollout; with --wait, until it ends', startPlan, finished],
    ['cancel', 'cancel a plan; upgrades already on hosts finish', cancelPlan, null],
  ] as const;
  for (const [name, description, act, until] of steps) {
    const step = plan
      .command(name)
      .argument('<id>', 'the plan')
      .description(description)
      .option('--format <format>', 'table or json', parseFormat, 'table');
    if (until)
      step
        .option('--wait', 'wait, showing progress')
        .option('--timeout <seconds>', 'how long --wait waits', '3600');
    step.action(async (id: string, opts: StepOptions, command: Command) => {
      await withPatchDeps(command, async (deps) => {
        const changed = await act(deps, id, cliActor(), deps.clock.now());
        await auditCli(
          deps,
          `patches.plans.${name}`,
          `plan ${changed.name} (${changed.id})`,
          changed.message,
        );
        const seconds = Number(opts.timeout);
        const shown =
          until && opts.wait
            ? await waitFor(deps, id, until, Number.isFinite(seconds) ? seconds : 3600)
            : changed;
        printPlan(shown, opts.format);
        if (until && opts.wait)
          process.exitCode = shown.hosts.some((host) => host.status === 'failed') || !until(shown) ? 1 : 0;
      });
    });
  }
}
