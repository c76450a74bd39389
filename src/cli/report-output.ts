import { writeFile } from 'node:fs/promises';
import { printable } from '../modules/notify/printable.ts';
import type { Severity } from '../protocol/finding.ts';
import { severityAtLeast } from '../protocol/finding.ts';

/* What the scanning commands (`vigil scan`, `vigil vuln scan`) share: where a report goes, warnings, `--fail-on`. */

/** The report on standard output, or in a file only its owner can read (reports map weaknesses). */
export async function writeReport(output: string | undefined, text: string): Promise<void> {
  if (output === undefined) process.stdout.write(text);
  else await writeFile(output, text, { mode: 0o600 });
}

/** Warnings often quote what a scanned host or service sent: no control characters reach the terminal. */
export function warn(message: string): void {
  process.stderr.write(`vigil: warning: ${printable(message)}\n`);
}

/** Exit status 1 when any finding is at or above `--fail-on`. */
export function failOn(threshold: Severity | undefined, findings: readonly { severity: Severity }[]): void {
  if (threshold !== undefined && findings.some((f) => severityAtLeast(f.severity, threshold)))
    process.exitCode = 1;
}
