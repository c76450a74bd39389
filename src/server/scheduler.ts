import { Cron } from 'croner';
import { verifyAndRecord } from '../modules/audit/verification-status.ts';
import { scheduleAudits } from '../modules/audits/schedule-audits.ts';
import { sweepOfflineAgents } from '../modules/agents/agent-presence.ts';
import { purgeNonces } from '../modules/agents/agents-store.ts';
import { purgeExpiredSessions, sessionPolicy } from '../modules/auth/sessions.ts';
import type { Deps } from '../modules/deps.ts';
import { checkDrift } from '../modules/firewall-policy/check-drift.ts';
import { netscanRunner } from '../modules/netscans/create-netscan-runner.ts';
import { netscanJobs } from '../modules/netscans/netscan-jobs.ts';
import { sweepExpiredBlocks } from '../modules/response/sweep-expired-blocks.ts';
import { expireUnansweredTasks } from '../modules/tasks/tasks-store.ts';
import { vulnJobs } from '../modules/vulns/vuln-jobs.ts';

export interface Scheduler {
  stop(): void;
}

/** Housekeeping that keeps tables small and checks the audit chain without anyone asking. */
export function startScheduler(deps: Deps): Scheduler {
  const { db } = deps.database;
  const policy = sessionPolicy(deps.config.auth);
  // The app made the runner, with the alert sink that notifies; scheduled scans share its queue.
  const netscans = netscanRunner(deps);
  const jobs = [
    new Cron(
      '*/10 * * * *',
      { protect: true, catch: (err) => deps.logger.error({ err }, 'session purge failed') },
      async () => {
        const purged = await purgeExpiredSessions(db, deps.clock.now(), policy);
        if (purged > 0) deps.logger.debug({ purged }, 'expired sessions purged');
        const cutoff = new Date(
          deps.clock.now().getTime() - deps.config.auth.throttle.windowMinutes * 60_000,
        );
        await db.deleteFrom('login_failures').where('window_start', '<', cutoff.toISOString()).execute();
        await purgeNonces(db, deps.clock.now());
      },
    ),
    new Cron(
      '17 * * * *',
      { protect: true, catch: (err) => deps.logger.error({ err }, 'audit verification failed to run') },
      async () => {
        const result = await verifyAndRecord(db, deps.clock.now());
        if (result.ok) deps.logger.info({ checked: result.checked }, 'audit chain verified');
        else
          deps.logger.error({ firstBadSeq: result.firstBadSeq, reason: result.reason }, 'AUDIT CHAIN BROKEN');
      },
    ),
    new Cron(
      '* * * * *',
      { protect: true, catch: (err) => deps.logger.error({ err }, 'offline and task sweep failed') },
      async () => {
        const silent = await sweepOfflineAgents(
          db,
          deps.clock.now(),
          deps.config.agents.offlineAfterSeconds * 1000,
        );
        if (silent > 0) deps.logger.warn({ agents: silent }, 'agents went offline');
        const unanswered = await expireUnansweredTasks(db, deps.clock.now());
        if (unanswered > 0) deps.logger.warn({ tasks: unanswered }, 'tasks timed out without a result');
      },
    ),
    new Cron(
      '* * * * *',
      { protect: true, catch: (err) => deps.logger.error({ err }, 'block expiry sweep failed') },
      async () => {
        const expired = await sweepExpiredBlocks(deps, deps.clock.now());
        if (expired > 0) deps.logger.info({ blocks: expired }, 'expired blocks marked lifted');
      },
    ),
    new Cron(
      '* * * * *',
      { protect: true, catch: (err) => deps.logger.error({ err }, 'firewall drift check failed') },
      async () => {
        // Every minute, but each policy only every firewall.driftCheckMinutes; checkDrift keeps count in the database.
        const planned = await checkDrift(deps, deps.clock.now());
        if (planned > 0) deps.logger.debug({ hosts: planned }, 'firewall policy drift check queued');
      },
    ),
    new Cron(
      '* * * * *',
      { protect: true, catch: (err) => deps.logger.error({ err }, 'audit scheduling failed') },
      async () => {
        // Every minute, but each host and policy only every audit.intervalHours; the database keeps count.
        const queued = await scheduleAudits(deps, deps.clock.now());
        if (queued > 0) deps.logger.debug({ runs: queued }, 'scheduled host audits queued');
      },
    ),
    ...vulnJobs(deps),
    ...netscanJobs(deps, netscans),
  ];
  return {
    stop: () => {
      jobs.forEach((job) => job.stop());
      void netscans.stop();
    },
  };
}
