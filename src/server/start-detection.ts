import { createAlertSink, type AlertSink } from '../modules/alerts/create-alert-sink.ts';
import { builtinRulesDir } from '../modules/detect/builtin-rules.ts';
import { startLiveDetection, type LiveDetection } from '../modules/detect/start-live-detection.ts';
import type { Deps } from '../modules/deps.ts';
import { createNotifier } from '../modules/notify/create-notifier.ts';
import { noticeOfAlert } from '../modules/notify/notice-of-alert.ts';
import { createResponder, type Responder } from '../modules/response/create-responder.ts';
import { createDetector } from '../modules/sigma/create-detector.ts';
import { loadRules } from '../modules/sigma/load-rules.ts';
import { version } from './version.ts';

export interface RunningDetection {
  live: LiveDetection;
  /** Where findings become alerts, notified and acted on; findings made outside detection (firewall drift) go here too. */
  alerts: AlertSink;
  /** The response policies acting on alerts. */
  response: Responder;
  stop(): Promise<void>;
}

/**
 * Loads the rules, starts the live detection path, the response policies and the notifiers, and
 * routes stored events into it through `deps.eventSink`. Rule problems are logged and never stop
 * the server.
 */
export async function startDetection(deps: Deps): Promise<RunningDetection> {
  const { config, logger } = deps;
  const paths = [...(config.detection.builtin ? [builtinRulesDir] : []), ...config.detection.rules];
  const loaded = await loadRules(paths, { placeholders: config.detection.placeholders });
  for (const issue of loaded.errors)
    logger.error({ file: issue.file, rule: issue.ruleId, reason: issue.reason }, 'invalid rule skipped');
  logger.info(
    {
      rules: loaded.rules.length,
      correlations: loaded.correlations.length,
      unsupported: loaded.unsupported.length,
    },
    'detection rules loaded',
  );
  const notifier = createNotifier(config.notify.channels, {
    logger,
    version,
    clock: deps.clock,
    random: deps.random,
  });
  const alerts = createAlertSink(deps.database.db, deps.clock, {
    logger,
    dedupWindowMs: config.detection.dedupWindowMinutes * 60_000,
  });
  // First, so blocking an attacker starts before anything else is done about the alert.
  const response = createResponder(deps);
  alerts.onChange(response.onAlert);
  alerts.onChange((result, finding) => {
    if (result.outcome === 'suppressed') return;
    notifier.notify(noticeOfAlert(result.outcome, result.alert, finding, config.server.publicUrl));
  });
  const live = startLiveDetection({
    detector: createDetector(loaded),
    alerts,
    logger,
    dataDir: config.dataDir,
  });
  deps.eventSink = live.sink;
  return {
    live,
    alerts,
    response,
    async stop() {
      deps.eventSink = undefined;
      await live.stop();
      await response.idle();
      await notifier.close();
    },
  };
}
