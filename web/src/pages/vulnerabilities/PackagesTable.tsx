import type { VulnSummary } from '../../../../src/protocol/vuln-api.ts';
import { href } from '../../app/router.ts';
import { TableHead } from '../../components/TableHead.tsx';
import { RiskCell } from './VulnBadges.tsx';
import { formatCount } from './vulnLabels.ts';

const columns = ['Package', 'Highest risk', 'Findings', 'Fix available', 'No fix yet', 'Hosts'];

/** Open findings per package, the riskiest first; upgrading one package often clears many findings. */
export function PackagesTable({
  packages,
  packageHref,
}: {
  packages: VulnSummary['packages'];
  packageHref: (name: string) => string;
}) {
  const sorted = [...packages].sort((a, b) => b.maxRisk - a.maxRisk || b.findings - a.findings);
  return (
    <div className="table-scroll">
      <table className="table table-dense" data-testid="vuln-packages">
        <TableHead columns={columns} />
        <tbody>
          {sorted.map((pkg) => (
            <tr key={`${pkg.name}\u0000${pkg.source}`} data-testid="vuln-package-row">
              <td>
                <a className="cell-link mono" href={href(packageHref(pkg.name))}>
                  {pkg.name}
                </a>
                {pkg.source !== pkg.name && <span className="cell-sub">source {pkg.source}</span>}
              </td>
              <td>
                <RiskCell risk={pkg.maxRisk} />
              </td>
              <td className="num">{formatCount(pkg.findings)}</td>
              <td className={pkg.fixAvailable > 0 ? 'num fixable-count' : 'num'}>
                {formatCount(pkg.fixAvailable)}
              </td>
              <td className="num">{formatCount(pkg.findings - pkg.fixAvailable)}</td>
              <td className="num">{formatCount(pkg.hosts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
