import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../platform/logger.ts';
import type { Finding } from '../../protocol/finding.ts';
import type { AlertSink } from '../alerts/create-alert-sink.ts';
import type { EventOrigin, EventSink } from '../deps.ts';
import { createLogParser, type LogParser } from '../logparse/create-log-parser.ts';
import type { Detector } from '../sigma/create-detector.ts';
import { atomicWriteFileSync } from '../../platform/atomic-write-file-sync.ts';
import { agentEventSecurityEvents } from './agent-event-security-events.ts';

export interface LiveDetectionOptions {
  detector: Detector;
  alerts: AlertSink;
  logger: Logger;
  /** Correlation state is saved here, so a restart mid-attack does not reset the counts. */
  dataDir: string;
  now?: () => number;
  /** How often open correlation windows are closed and the state saved. */
  tickMs?: number;
}

export interface LiveDetection {
  sink: EventSink;
  /** Resolves when every finding so far is recorded (tests and shutdown wait on it). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const maxParsers = 10_000;

/**
 * The live path: events committed from agents and the syslog receiver are parsed per origin
 * (an sshd connection spans lines of one host), run through the rules, and their findings
 * recorded as alerts one after another. Correlation state is restored at start and saved every
 * tick and at stop.
 */
export function startLiveDetection(options: LiveDetectionOptions): LiveDetection {
  const { detector, alerts, logger } = options;
  const now = options.now ?? Date.now;
  const stateFile = join(options.dataDir, 'detection-state.json');
  restore(detector, stateFile, logger);
  const parsers = new Map<string, LogParser>();
  let chain: Promise<void> = Promise.resolve();

  const record = (findings: Finding[], origin?: EventOrigin) => {
    if (findings.length === 0) return;
    chain = chain.then(async () => {
      for (const finding of findings) {
        try {
          await alerts.record(
            finding,
            origin?.agentId.startsWith('syslog:') ? {} : { agentId: origin?.agentId },
          );
        } catch (err) {
          logger.error({ err, ruleId: finding.rule.id }, 'an alert could not be recorded');
        }
      }
    });
  };
  const parserFor = (agentId: string): LogParser => {
    let parser = parsers.get(agentId);
    if (!parser) {
      // A bound, so a flood of syslog senders cannot grow it without end; the oldest goes.
      if (parsers.size >= maxParsers) parsers.delete(parsers.keys().next().value ?? '');
      parser = createLogParser();
      parsers.set(agentId, parser);
    }
    return parser;
  };
  const save = () => {
    try {
      atomicWriteFileSync(stateFile, JSON.stringify(detector.snapshot()));
    } catch (err) {
      logger.error({ err }, 'correlation state could not be saved');
    }
  };
  const timer = setInterval(() => {
    record(detector.flush(now()));
    save();
  }, options.tickMs ?? 10_000);
  timer.unref();

  return {
    sink(origin, events) {
      const parser = parserFor(origin.agentId);
      const findings: Finding[] = [];
      for (const event of events) {
        for (const security of agentEventSecurityEvents(event, parser, origin.hostname)) {
          security.device ??= origin.hostname ? { hostname: origin.hostname } : undefined;
          findings.push(...detector.process(security));
        }
      }
      record(findings, origin);
    },
    idle: () => chain,
    async stop() {
      clearInterval(timer);
      await chain;
      save();
    },
  };
}

function restore(detector: Detector, file: string, logger: Logger): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return;
  }
  try {
    detector.restore(JSON.parse(text));
    logger.info({ groups: detector.stats().groups }, 'correlation state restored');
  } catch (err) {
    logger.warn({ err, file }, 'correlation state unreadable; starting fresh');
  }
}
