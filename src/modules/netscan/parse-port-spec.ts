import { NetScanError, quoteInput } from './net-scan-error.ts';
import { topTcpPorts } from './top-tcp-ports.ts';

/** Long enough for any real list (every port spelled out once is ~350 kB, ranges are the way to say that). */
const maxSpecLength = 65_536;

/**
 * Ports from `22,80,8000-8100`, `top-100`, `all` or `-` (1–65535), items mixed freely; ascending,
 * each once. Parsed item by item without backtracking, so any input costs linear time.
 */
export function parsePortSpec(spec: string): number[] {
  if (spec.length > maxSpecLength) throw badPorts(spec, `longer than ${maxSpecLength} characters`);
  const wanted = new Uint8Array(65_536);
  const items = spec.split(',');
  for (const raw of items) {
    const item = raw.trim();
    if (item === '') throw badPorts(spec, 'an empty item');
    if (item === 'all' || item === '-') {
      wanted.fill(1, 1);
      continue;
    }
    if (item.startsWith('top-')) {
      const count = portNumber(item.slice(4), spec);
      if (count > topTcpPorts.length)
        throw badPorts(spec, `top-${count} asks for more than the ${topTcpPorts.length} ranked ports`);
      for (const port of topTcpPorts.slice(0, count)) wanted[port] = 1;
      continue;
    }
    const dash = item.indexOf('-');
    const low = portNumber(dash < 0 ? item : item.slice(0, dash), spec);
    const high = dash < 0 ? low : portNumber(item.slice(dash + 1), spec);
    if (high < low) throw badPorts(spec, `the range ${quoteInput(item)} runs backwards`);
    wanted.fill(1, low, high + 1);
  }
  const ports: number[] = [];
  for (let port = 1; port < wanted.length; port += 1) if (wanted[port] === 1) ports.push(port);
  return ports;
}

function portNumber(text: string, spec: string): number {
  if (!/^\d{1,5}$/.test(text)) throw badPorts(spec, `${quoteInput(text)} is not a port number`);
  const value = Number(text);
  if (value < 1 || value > 65_535) throw badPorts(spec, `${value} is outside 1-65535`);
  return value;
}

function badPorts(spec: string, reason: string): NetScanError {
  return new NetScanError('bad-ports', `bad port list ${quoteInput(spec)}: ${reason}`);
}
