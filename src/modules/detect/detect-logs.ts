import type { Finding } from '../../protocol/finding.ts';
import type { SecurityEvent } from '../../protocol/security-event.ts';
import { createLogParser } from '../logparse/create-log-parser.ts';
import { readLogBatches, type ReadLogOptions } from '../logparse/read-log-lines.ts';
import type { Detector } from '../sigma/create-detector.ts';
import { mergeByTime } from './merge-by-time.ts';

export interface DetectStats {
  lines: number;
  events: number;
  findings: number;
}

export interface DetectLogsOptions extends ReadLogOptions {
  onFinding: (finding: Finding) => void;
  onProgress?: (stats: DetectStats) => void;
}

const batchSize = 1024;

/**
 * The offline pipeline behind `vigil detect`: every file is read and parsed on its own (sshd
 * connections and auditd groups belong to one stream), the events of all files meet the rules
 * in log-time order, and correlation windows still open at the end are closed.
 */
export async function detectLogs(
  paths: readonly string[],
  detector: Detector,
  options: DetectLogsOptions,
): Promise<DetectStats> {
  const stats: DetectStats = { lines: 0, events: 0, findings: 0 };
  const report = (findings: Finding[]) => {
    for (const finding of findings) {
      stats.findings += 1;
      options.onFinding(finding);
    }
  };
  const streams = paths.map((path) => parsedBatches(path, options, stats));
  for await (const batch of mergeByTime(streams, (event) => event.time, batchSize)) {
    for (const event of batch) report(detector.process(event));
    stats.events += batch.length;
    options.onProgress?.(stats);
  }
  report(detector.flush(Infinity));
  return stats;
}

/** One file's events, a chunk of lines at a time, each numbered by the line that completed it. */
async function* parsedBatches(
  path: string,
  options: ReadLogOptions,
  stats: DetectStats,
): AsyncGenerator<SecurityEvent[]> {
  const parser = createLogParser();
  let lineNumber = 0;
  for await (const { lines, source } of readLogBatches(path, options)) {
    const batch: SecurityEvent[] = [];
    for (const line of lines) {
      lineNumber += 1;
      const from = batch.length;
      parser.pushInto(line, source, batch);
      for (let i = from; i < batch.length; i++) (batch[i] as SecurityEvent).metadata.sequence ??= lineNumber;
    }
    stats.lines += lines.length;
    if (batch.length > 0) yield batch;
  }
  const held = parser.flush();
  if (held.length > 0) yield held;
}
