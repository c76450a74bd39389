import { severities, type Severity } from '../protocol/finding.ts';
import { UsageError } from './cli-error.ts';
import { formats, type Format } from './output.ts';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port: expected 0–65535, got "${value}"`);
  return port;
}

export function parseFormat(value: string): Format {
  return parseChoice('--format', formats)(value);
}

const units: Record<string, number> = { m: 60, h: 3600, d: 86400, w: 604800 };

/** `90d`, `12h`, `30m`, `2w` to seconds. */
export function parseDuration(value: string): number {
  const match = /^(\d{1,6})([mhdw])$/.exec(value);
  if (!match) throw new UsageError(`expected a duration like 30m, 12h, 90d or 2w, got "${value}"`);
  return Number(match[1]) * (units[match[2] as string] as number);
}

/** A commander option parser for one of a fixed list of words. */
export function parseChoice<T extends string>(option: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    const choice = choices.find((known) => known === value);
    if (choice === undefined)
      throw new UsageError(`${option}: expected one of ${choices.join(', ')}, got "${value}"`);
    return choice;
  };
}

/** `--fail-on`: a severity, in any case. */
export function parseFailOn(value: string): Severity {
  return parseChoice('--fail-on', severities)(value.toLowerCase());
}
