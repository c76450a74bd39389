import type { AuditCheckDetail } from '../../../../../src/protocol/audits-api.ts';
import { frameworkName } from '../auditLabels.ts';

const attackSite = 'https://attack.mitre.org';

/** `T1110.001` → …/techniques/T1110/001/, `TA0006` → …/tactics/TA0006/: the address scheme attack.mitre.org uses. */
function attackUrl(id: string): string | undefined {
  if (/^T\d{4}(\.\d{3})?$/.test(id)) return `${attackSite}/techniques/${id.replace('.', '/')}/`;
  if (/^TA\d{4}$/.test(id)) return `${attackSite}/tactics/${id}/`;
  return undefined;
}

/** Each framework's controls the check maps to, e.g. PCI DSS 2.2.6 and 8.2.1. */
export function ComplianceTags({ compliance }: { compliance: Record<string, string[]> }) {
  const frameworks = Object.entries(compliance).filter(([, controls]) => controls.length > 0);
  if (frameworks.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="tag-list" data-testid="check-compliance">
      {frameworks.flatMap(([framework, controls]) =>
        controls.map((control) => (
          <li key={`${framework}/${control}`} className="tag">
            <span className="tag-label">{frameworkName(framework)}</span> {control}
          </li>
        )),
      )}
    </ul>
  );
}

/** The ATT&CK tactics and techniques a failure exposes, linked to MITRE. */
export function MitreTags({ mitre }: { mitre: AuditCheckDetail['check']['mitre'] }) {
  const ids = [...mitre.tactics, ...mitre.techniques, ...mitre.subtechniques];
  if (ids.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="tag-list" data-testid="check-mitre">
      {ids.map((id) => {
        const url = attackUrl(id);
        return (
          <li key={id} className="tag tag-mitre">
            {url === undefined ? (
              id
            ) : (
              <a href={url} target="_blank" rel="noreferrer">
                {id}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
