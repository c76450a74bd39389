import type { AlertAttack } from '../../../../../src/protocol/alerts.ts';

const attackSite = 'https://attack.mitre.org';

/** `T1110.001` → …/techniques/T1110/001/, the address scheme attack.mitre.org uses. */
const techniqueUrl = (uid: string) => `${attackSite}/techniques/${uid.replace('.', '/')}/`;
const tacticUrl = (uid: string) => `${attackSite}/tactics/${uid}/`;

function ExternalLink({ href, children }: { href: string; children: string }) {
  return (
    <a className="attack-link" href={href} target="_blank" rel="noreferrer">
      {children}
    </a>
  );
}

/** Each technique with its tactic, linked to MITRE ATT&CK. */
export function AttackLinks({ attacks }: { attacks: readonly AlertAttack[] }) {
  if (attacks.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="attack-list" data-testid="alert-attacks">
      {attacks.map(({ technique, tactic }) => (
        <li key={`${technique?.uid ?? ''}/${tactic?.uid ?? ''}`}>
          {technique !== undefined && (
            <ExternalLink href={techniqueUrl(technique.uid)}>{technique.uid}</ExternalLink>
          )}
          {technique !== undefined && tactic !== undefined && <span className="muted"> · </span>}
          {tactic !== undefined && <ExternalLink href={tacticUrl(tactic.uid)}>{tactic.name}</ExternalLink>}
        </li>
      ))}
    </ul>
  );
}
