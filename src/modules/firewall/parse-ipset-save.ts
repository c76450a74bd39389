import type { LiveElement } from './firewall-backend.ts';
import { formatIpPrefix, parseIpPrefix } from './ip-prefix.ts';

/**
 * Reads `ipset save NAME`: one `add NAME ADDRESS[/LEN] timeout SECONDS` line per element. The
 * sets are made with `timeout 0`, so an element's `timeout 0` means it never expires.
 */
export function parseIpsetSave(text: string, set: string, family: 4 | 6, now: number): LiveElement[] {
  const elements: LiveElement[] = [];
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words[0] !== 'add' || words[1] !== set) continue;
    const prefix = parseIpPrefix(words[2] ?? '');
    if (prefix?.family !== family)
      throw new Error(`unexpected element in ipset ${set}: ${line.slice(0, 200)}`);
    const timeoutAt = words.indexOf('timeout');
    const seconds = timeoutAt > 0 ? Number(words[timeoutAt + 1]) : 0;
    const expiresAt = Number.isFinite(seconds) && seconds > 0 ? now + seconds * 1000 : Infinity;
    elements.push({ family, token: formatIpPrefix(prefix), blocks: [{ prefix, expiresAt }] });
  }
  return elements;
}
