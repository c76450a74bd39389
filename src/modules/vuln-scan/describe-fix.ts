import type { VulnFinding } from '../../protocol/vuln-api.ts';

const words: Record<VulnFinding['fixState'], string> = {
  fixed: 'fixed',
  unfixed: 'no fix yet',
  'no-dsa': 'no DSA',
  postponed: 'postponed',
  ignored: 'ignored',
  'end-of-life': 'end of life',
};

/** `fixed in 1.2.1-2.2+wheezy3`, `no fix yet`, `no DSA (minor issue)`: fix available or not, at a glance. */
export function describeFix(finding: VulnFinding): string {
  if (finding.fixState === 'fixed' && finding.fixedVersion !== null)
    return `fixed in ${finding.fixedVersion}`;
  const reason = finding.fixReason?.trim();
  return reason ? `${words[finding.fixState]} (${reason})` : words[finding.fixState];
}
