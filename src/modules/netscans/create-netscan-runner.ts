import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.ts';
import type { DB } from '../../store/schema.ts';
import type { NetScanSummary, StartNetScanRequest } from '../../protocol/netscan-api.ts';
import type { CheckFamily, ScanProgress, ScanReport } from '../../protocol/netscan.ts';
import { createAlertSink, type AlertSink } from '../alerts/create-alert-sink.ts';
import { appendSystemAudit } from '../audit/append-system-audit.ts';
import type { Deps } from '../deps.ts';
import { oneLine } from '../notify/printable.ts';
import { runNetworkScan } from '../netaudit/run-network-scan.ts';
import { parsePortSpec } from '../netscan/parse-port-spec.ts';
import { planScan } from './plan-scan.ts';
import { pruneScans } from './prune-scans.ts';
import { queueScan, type ScanRequester } from './queue-scan.ts';
import { scanAlerts } from './scan-alerts.ts';
import { storeScanResult } from './store-scan-result.ts';

export interface NetscanRunner {
  /**
   * Plans the request against `netscan.scope` (refusing what lies outside it), queues the scan
   * and resolves with it queued; scans run one at a time, oldest first.
   */
  start(request: StartNetScanRequest, by: ScanRequester): Promise<NetScanSummary>;
  /** The scan this process is running, with its progress, so the API can show how far it is. */
  withProgress<T extends Pick<NetScanSummary, 'id' | 'status'>>(scan: T): T;
  /** Runs what is queued, if this process is not already at it: the schedule calls it every minute. */
  runQueued(): Promise<void>;
  /** Resolves once nothing is queued or running in this process. */
  idle(): Promise<void>;
  /** Stops taking queued scans and aborts the running one, which is stored as failed. */
  stop(): Promise<void>;
}

const restarted = 'the server stopped while the scan ran';
const errorLength = 500;

/* One runner per open database, shared by the routes that start scans and the schedule. */
const runners = new WeakMap<Database, NetscanRunner>();

/**
 * The server's scan runner. The first caller decides where its alerts go: the app passes the
 * detection path's sink (so they are notified and acted on), the schedule reuses that runner.
 */
export function netscanRunner(deps: Deps, alerts?: Pick<AlertSink, 'record'>): NetscanRunner {
  let runner = runners.get(deps.database);
  if (!runner) {
    runner = createNetscanRunner(
      deps,
      alerts ?? createAlertSink(deps.database.db, deps.clock, { logger: deps.logger }),
    );
    runners.set(deps.database, runner);
  }
  return runner;
}

function createNetscanRunner(deps: Deps, alerts: Pick<AlertSink, 'record'>): NetscanRunner {
  const { db } = deps.database;
  const config = deps.config.netscan;
  let stopped = false;
  // A function, so the loop below reads the flag stop() sets while it awaits.
  const halted = () => stopped;
  let controller: AbortController | undefined;
  let current: { id: string; progress: ScanProgress | undefined } | undefined;
  let draining: Promise<void> | undefined;
  // A scan left running by a previous process can never finish: say so before taking new ones.
  const recovered = failInterrupted(db, deps.clock.now()).then(
    (failed) => {
      if (failed > 0)
        deps.logger.warn({ scans: failed }, 'network scans interrupted by a restart marked failed');
    },
    (err: unknown) => deps.logger.error({ err }, 'marking interrupted network scans failed did not work'),
  );

  // Set by every call: a scan queued while the loop is finding the queue empty is not left behind.
  let wanted = false;
  const drain = (): Promise<void> => {
    wanted = true;
    draining ??= recovered
      .then(async () => {
        while (wanted && !stopped) {
          wanted = false;
          let scan = await claimNext(db, deps.clock.now());
          while (scan) {
            await runOne(scan);
            scan = halted() ? undefined : await claimNext(db, deps.clock.now());
          }
        }
      })
      .catch((err: unknown) =>
        deps.logger.error({ err }, 'the network scan queue failed; it resumes with the next scan'),
      )
      .finally(() => {
        draining = undefined;
        if (wanted && !stopped) void drain();
      });
    return draining;
  };

  const runOne = async (scan: ClaimedScan): Promise<void> => {
    controller = new AbortController();
    const running = { id: scan.id, progress: undefined as ScanProgress | undefined };
    current = running;
    const started = Date.now();
    try {
      const report = await runNetworkScan(
        {
          targets: scan.targets,
          ports: scan.ports,
          scope: config.scope,
          exclude: config.exclude,
          checks: scan.checks,
          internetFacing: scan.internetFacing,
          concurrency: config.defaults.concurrency,
          ratePerSecond: config.defaults.ratePerSecond,
          timeoutMs: config.defaults.timeoutMs,
          maxAddresses: config.defaults.maxAddresses,
          now: () => deps.clock.now(),
        },
        {
          signal: controller.signal,
          onProgress: (progress) => {
            running.progress = progress;
          },
        },
      );
      await finish(scan, report);
      deps.logger.info(
        { scanId: scan.id, group: scan.group, ms: Date.now() - started, openPorts: report.stats.openPorts },
        'network scan done',
      );
    } catch (err) {
      const reason = stopped ? restarted : err instanceof Error ? err.message : String(err);
      deps.logger.warn({ err, scanId: scan.id, group: scan.group }, 'network scan failed');
      await db
        .updateTable('net_scans')
        .set({
          status: 'failed',
          finished_at: deps.clock.now().toISOString(),
          // Engine errors can quote what a target sent.
          error: oneLine(reason, errorLength),
        })
        .where('id', '=', scan.id)
        .execute();
    } finally {
      controller = undefined;
      current = undefined;
    }
  };

  const finish = async (scan: ClaimedScan, report: ScanReport): Promise<void> => {
    const now = deps.clock.now();
    const result = await storeScanResult(db, scan.id, report, {
      scannedPorts: new Set(parsePortSpec(report.ports)),
      now,
    });
    const names = new Map(report.hosts.map((host) => [host.address, host.names]));
    for (const finding of scanAlerts(result, {
      scanId: scan.id,
      group: scan.group,
      at: now.getTime(),
      names,
    }))
      await alerts
        .record(finding)
        .catch((err: unknown) =>
          deps.logger.error(
            { err, scanId: scan.id, rule: finding.rule.id },
            'raising a network scan alert failed',
          ),
        );
    // The scan is stored: failing to delete old ones is logged, never turned into this scan failing.
    await pruneScans(db, scan.group, config.keepScans).catch((err: unknown) =>
      deps.logger.error({ err, group: scan.group }, 'deleting old network scans failed'),
    );
  };

  void drain();
  return {
    async start(request, by) {
      if (stopped) throw new Error('the network scan runner is stopped');
      const plan = planScan(config, request);
      const scan = await queueScan(db, plan, by, deps.clock.now(), deps.random);
      if (by.trigger === 'schedule')
        await appendSystemAudit(db, deps.clock.now(), {
          action: 'netscans.scans.start',
          target: `scan ${scan.id}`,
          detail: `scheduled scan of group ${plan.group ?? '-'}: ${plan.targets.join(', ')}`,
        });
      void drain();
      return scan;
    },
    withProgress(scan) {
      const progress = scan.status === 'running' && current?.id === scan.id ? current.progress : undefined;
      return progress ? { ...scan, progress: { ...progress } } : scan;
    },
    runQueued: drain,
    async idle() {
      while (draining) await draining;
    },
    async stop() {
      stopped = true;
      controller?.abort(new Error(restarted));
      await draining;
    },
  };
}

interface ClaimedScan {
  id: string;
  group: string | null;
  targets: string[];
  ports: string;
  checks: CheckFamily[];
  internetFacing: boolean;
}

async function failInterrupted(db: Kysely<DB>, now: Date): Promise<number> {
  const result = await db
    .updateTable('net_scans')
    .set({ status: 'failed', finished_at: now.toISOString(), error: restarted })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Marks the oldest queued scan running. The partial unique index on running scans makes this
 * fail while another process runs one; that process takes the rest of the queue after it.
 */
async function claimNext(db: Kysely<DB>, now: Date): Promise<ClaimedScan | undefined> {
  const next = await db
    .selectFrom('net_scans')
    .select(['id', 'group_name', 'targets', 'ports', 'checks', 'internet_facing'])
    .where('status', '=', 'queued')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!next) return undefined;
  const claimed = await db
    .updateTable('net_scans')
    .set({ status: 'running', started_at: now.toISOString() })
    .where('id', '=', next.id)
    .where('status', '=', 'queued')
    .executeTakeFirst()
    // Losing the race to another process's claim breaks the unique index: not ours to run now.
    .catch(() => undefined);
  if (claimed?.numUpdatedRows !== 1n) return undefined;
  return {
    id: next.id,
    group: next.group_name,
    targets: JSON.parse(next.targets) as string[],
    ports: next.ports,
    checks: JSON.parse(next.checks) as CheckFamily[],
    internetFacing: next.internet_facing === 1,
  };
}
