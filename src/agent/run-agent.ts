import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { collectInventory } from '../modules/inventory/collect-inventory.ts';
import { diffInventory } from '../modules/inventory/diff-inventory.ts';
import { createFimMonitor } from '../modules/fim/create-fim-monitor.ts';
import { defaultFimIgnore } from '../modules/fim/default-fim-paths.ts';
import { fimEvent } from '../modules/fim/fim-event.ts';
import { firewallTaskHandlers } from '../modules/firewall/firewall-task-handlers.ts';
import { lockAccount } from '../modules/firewall/lock-account.ts';
import { detectBackend } from '../modules/firewall/detect-backend.ts';
import {
  hostFirewallProblem,
  openHostFirewall,
  openPolicyFirewall,
} from '../modules/firewall/open-host-firewall.ts';
import { recoverPendingRollback } from '../modules/firewall/policy-firewall.ts';
import { policyTaskHandlers } from '../modules/firewall/policy-task-handlers.ts';
import { parseTaskParams } from '../modules/firewall/parse-task-params.ts';
import { patchTaskHandlers } from '../modules/patch/patch-task-handlers.ts';
import { AccountLockParams } from '../protocol/firewall.ts';
import type { Inventory } from '../protocol/inventory.ts';
import type { Logger } from '../platform/logger.ts';
import type { AgentEvent } from '../protocol/agents.ts';
import { AgentHttpError, createAgentClient } from './agent-client.ts';
import { enroll } from './enroll.ts';
import { loadOrCreateKey, readState, writeState } from './identity.ts';
import { createJournalCollector } from './journal/journal-collector.ts';
import { startSender } from './sender.ts';
import { createTaskRunner } from './task-runner.ts';
import { openSpool } from './spool/spool.ts';
import { createFileTailer } from './tail/file-tailer.ts';

export interface AgentOptions {
  dataDir: string;
  /** Needed only to enroll; later starts use the saved identity. */
  token?: string | undefined;
  serverUrl?: string | undefined;
  logGlobs: string[];
  /** Skip what log files already hold at the first start (default true, as Wazuh does). */
  startAtEnd?: boolean;
  version: string;
  logger: Logger;
  spoolMaxBytes?: number;
  heartbeatMs?: number;
  /** 0 turns inventory collection off. */
  inventoryIntervalMs?: number;
  /** Files and trees to watch for changes (see defaultFimPaths); none when absent. */
  fimPaths?: string[];
  /** Full FIM rescans behind the file watches; default hourly, like inventory. */
  fimScanIntervalMs?: number;
  /** journald collection; on by default, and off by itself (with one warning) where journalctl is missing. */
  journal?: JournalOptions;
  /**
   * Firewall tasks (`firewall.block`, `.unblock`, `.sync`); on by default. Without root, or
   * without nft or iptables with ipset, they fail with that reason.
   */
  firewall?: boolean;
}

export interface JournalOptions {
  enabled?: boolean;
  /** Only entries of these systemd units; default all. */
  units?: string[];
  journalctlPath?: string;
  /** Passed on to journalctl, e.g. `--directory=DIR` to read journal files copied from elsewhere. */
  extraArgs?: string[];
}

export interface RunningAgent {
  agentId: string;
  stop(): Promise<void>;
}

/**
 * Enrolls once, then tails logs and the journal into the spool, collects inventory, ships the
 * spool, sends heartbeats and runs the server's tasks (blocking addresses, locking accounts,
 * auditing the host against policies, upgrading packages).
 */
export async function runAgent(options: AgentOptions): Promise<RunningAgent> {
  const { dataDir, logger } = options;
  const privateKey = loadOrCreateKey(dataDir);
  let state = readState(dataDir);
  if (!state) {
    if (!options.token)
      throw new Error('this agent is not enrolled yet: pass --token with an enrollment token');
    const token = options.token;
    state = await retryUnreachable(logger, () =>
      enroll({ token, serverUrl: options.serverUrl, privateKey, version: options.version }),
    );
    writeState(dataDir, state);
    logger.info({ agentId: state.agentId, group: state.group, server: state.serverUrl }, 'enrolled');
  }
  const client = createAgentClient({
    serverUrl: state.serverUrl,
    agentId: state.agentId,
    privateKey,
    serverCa: state.serverCa,
  });
  const spool = await openSpool(join(dataDir, 'spool'), {
    maxBytes: options.spoolMaxBytes ?? 256 * 1024 * 1024,
    onFull: (dropped) =>
      logger.error({ dropped }, 'SPOOL FULL: events are being dropped until the server is reachable'),
  });
  const sender = startSender({ spool, client, logger });
  const append = async (events: AgentEvent[]) => {
    await spool.append(events.map((event) => ({ ...event })));
    sender.nudge();
  };

  const tailer = createFileTailer({
    globs: options.logGlobs,
    stateFile: join(dataDir, 'log-offsets.json'),
    startAtEnd: options.startAtEnd ?? true,
    deliver: (lines) =>
      append(
        lines.map((line) => ({
          id: line.id,
          time: new Date().toISOString(),
          kind: 'log',
          source: line.path.slice(0, 1024),
          data: { line: line.line, offset: line.offset, ...(line.truncated ? { truncated: true } : {}) },
        })),
      ),
    onWarning: (message) => logger.warn(message),
  });
  await tailer.start();

  const journal =
    options.journal?.enabled === false
      ? undefined
      : createJournalCollector({
          stateFile: join(dataDir, 'journal-cursor.json'),
          journalctlPath: options.journal?.journalctlPath,
          units: options.journal?.units,
          extraArgs: options.journal?.extraArgs,
          deliver: append,
          onWarning: (message) => logger.warn(message),
        });
  await journal?.start();

  const timers: NodeJS.Timeout[] = [];
  const heartbeatBody = () => {
    const stats = spool.stats();
    return {
      version: options.version,
      hostname: hostname(),
      spool: { pendingEvents: stats.pendingEvents, dropped: stats.dropped },
    };
  };
  const heartbeat = async () => {
    try {
      await client.post('/api/agent/v1/heartbeat', heartbeatBody());
    } catch (err) {
      logger.warn({ err }, 'heartbeat failed');
    }
  };
  void heartbeat();
  timers.push(setInterval(() => void heartbeat(), options.heartbeatMs ?? 30_000));

  let previous: Inventory | undefined;
  const collectAndAppend = async () => {
    const next = await collectInventory();
    await append(inventoryEvents(previous, next));
    previous = next;
  };
  const inventory = async () => {
    try {
      await collectAndAppend();
    } catch (err) {
      logger.warn({ err }, 'inventory collection failed');
    }
  };
  const inventoryEvery = options.inventoryIntervalMs ?? 3_600_000;
  if (inventoryEvery > 0) {
    void inventory();
    timers.push(setInterval(() => void inventory(), inventoryEvery));
  }

  const fim =
    options.fimPaths && options.fimPaths.length > 0
      ? createFimMonitor({
          paths: options.fimPaths,
          ignore: defaultFimIgnore,
          stateFile: join(dataDir, 'fim-baseline.json'),
          scanIntervalMs: options.fimScanIntervalMs ?? 3_600_000,
          onChanges: (changes) => {
            const time = new Date().toISOString();
            return append(changes.map((change) => fimEvent(change, time)));
          },
          onWarning: (message) => logger.warn(message),
        })
      : undefined;
  // The first scan hashes whole trees; it must not hold up log shipping.
  const fimStarted = fim
    ?.start()
    .catch((err: unknown) => logger.error({ err }, 'file integrity monitoring failed to start'));

  const firewallEnabled = options.firewall !== false;
  const firewallProblem = hostFirewallProblem(firewallEnabled);
  if (firewallProblem !== undefined) logger.info({ reason: firewallProblem }, 'firewall tasks are off');
  const serverUrl = state.serverUrl;
  const pendingPath = join(dataDir, 'firewall-policy-rollback.nft');
  if (firewallProblem === undefined && detectBackend() === 'nftables') {
    await recoverPendingRollback(pendingPath).then(
      (rolledBack) => {
        if (rolledBack)
          logger.warn('rolled back a firewall policy change that was not confirmed before the agent stopped');
      },
      (err: unknown) => logger.error({ err }, 'could not roll back an unconfirmed firewall policy change'),
    );
  }

  const tasks = createTaskRunner({
    client,
    agentId: state.agentId,
    taskPublicKey: state.taskPublicKey,
    dataDir,
    logger,
    // Upgrades take minutes too; a block must not wait for them either.
    beside: ['sca.run', 'patch.simulate', 'patch.apply'],
    handlers: {
      'inventory.collect': async () => {
        await collectAndAppend();
        return 'inventory collected and queued for sending';
      },
      'fim.scan': async () => {
        if (!fim) throw new Error('file integrity monitoring is off on this agent');
        await fim.scanNow();
        return 'full file integrity scan done';
      },
      ...patchTaskHandlers(),
      ...firewallTaskHandlers(() => openHostFirewall({ enabled: firewallEnabled, serverUrl })),
      ...policyTaskHandlers({
        firewall: () => openPolicyFirewall({ enabled: firewallEnabled, pendingPath }),
        reach: async (signal) => {
          await client.post('/api/agent/v1/heartbeat', heartbeatBody(), { signal, fresh: true });
        },
      }),
      'account.lock': (params) =>
        lockAccount(parseTaskParams(AccountLockParams, params, 'account.lock').user),
      'sca.run': async (params, signal, task) => {
        // Loaded on the first audit: the policy engine (YAML, RE2) stays out of an idle agent's memory.
        const { runScaTask } = await import('../modules/sca/sca-task-handler.ts');
        return runScaTask(params, {
          taskId: task.id,
          signal,
          postResults: (body) => client.post('/api/agent/v1/audit/results', body),
        });
      },
    },
  });
  tasks.start();

  return {
    agentId: state.agentId,
    stop: async () => {
      await tasks.stop();
      timers.forEach((timer) => clearInterval(timer));
      await fim?.stop();
      await fimStarted;
      await tailer.stop();
      await journal?.stop();
      await sender.stop();
      await spool.close();
    },
  };
}

/** A full snapshot when it differs from the last, plus one event per change since then. */
function inventoryEvents(previous: Inventory | undefined, next: Inventory): AgentEvent[] {
  const time = next.collectedAt;
  // Processes churn every minute; in the snapshot they would make every one look new.
  const { processes: _processes, ...snapshot } = next;
  const digest = createHash('sha256')
    .update(JSON.stringify({ ...snapshot, collectedAt: '' }))
    .digest('hex');
  const events: AgentEvent[] = [
    { id: `inv-${digest.slice(0, 40)}`, time, kind: 'inventory', source: 'inventory', data: snapshot },
  ];
  for (const change of previous ? diffInventory(previous, next) : []) {
    const id = createHash('sha256')
      .update(`${time}\n${change.kind}\n${change.key}`)
      .digest('hex')
      .slice(0, 40);
    events.push({ id: `chg-${id}`, time, kind: 'inventory.change', source: 'inventory', data: change });
  }
  return events;
}

/**
 * Hosts often start before the server does; keep trying while it is
 * unreachable. An answer from the server (such as a used-up token) is final.
 */
async function retryUnreachable<T>(logger: Logger, attempt: () => Promise<T>): Promise<T> {
  for (let delayMs = 1000; ; delayMs = Math.min(delayMs * 2, 30_000)) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof AgentHttpError || !(error instanceof TypeError)) throw error;
      logger.warn({ err: error, retryInMs: delayMs }, 'server unreachable; will retry enrollment');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
