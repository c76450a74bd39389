import type { Severity } from '../../protocol/finding.ts';

/**
 * Severity words feeds give without a CVSS vector (docs/vulnerability-risk.md "Severity"):
 * Debian tracker urgencies, Ubuntu priorities, and the GHSA and Red Hat ratings OSV records carry.
 * Debian's `unimportant` and Ubuntu's `negligible` mean "not worth a security update", which is
 * what informational says.
 */
const words: Record<string, Severity> = {
  unimportant: 'informational',
  negligible: 'informational',
  low: 'low',
  medium: 'medium',
  moderate: 'medium',
  high: 'high',
  important: 'high',
  critical: 'critical',
};

/**
 * The severity a feed word names, or null when it names none (`not yet assigned`, `untriaged`,
 * `end-of-life`, anything unknown). Debian marks urgencies it has not reviewed with a `*` or `**`
 * suffix (`low**`); the word still holds.
 */
export function severityFromText(text: string | null): Severity | null {
  if (text === null || text.length > 64) return null;
  let word = text.trim().toLowerCase();
  while (word.endsWith('*')) word = word.slice(0, -1);
  word = word.trimEnd();
  return Object.hasOwn(words, word) ? (words[word] ?? null) : null;
}
