import { useDeferredValue, useMemo, useState } from 'react';
import type { InstalledPackage } from '../../../../../src/protocol/inventory.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ShowAllFooter } from '../../../components/ShowAllFooter.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { useCappedList } from '../../../hooks/useCappedList.ts';
import { FilterField } from './FilterField.tsx';

const columns = ['Name', 'Version', 'Source', 'Source version', 'Arch'];
const count = new Intl.NumberFormat();

function matches(pkg: InstalledPackage, query: string): boolean {
  return (
    pkg.name.toLowerCase().includes(query) ||
    pkg.source.toLowerCase().includes(query) ||
    pkg.version.toLowerCase().includes(query)
  );
}

function PackageRows({ packages }: { packages: readonly InstalledPackage[] }) {
  return packages.map((pkg) => (
    <tr key={`${pkg.manager}:${pkg.name}:${pkg.architecture}`} data-testid="package-row">
      <td className="strong">{pkg.name}</td>
      <td className="mono break">{pkg.version}</td>
      <td className={pkg.source === pkg.name ? 'muted' : undefined}>{pkg.source}</td>
      <td className={pkg.sourceVersion === pkg.version ? 'mono break muted' : 'mono break'}>
        {pkg.sourceVersion}
      </td>
      <td className="mono">{pkg.architecture || <span className="muted">—</span>}</td>
    </tr>
  ));
}

interface PackagesTabProps {
  packages: readonly InstalledPackage[];
  otherPackages: readonly InstalledPackage[];
}

export function PackagesTab({ packages, otherPackages }: PackagesTabProps) {
  const [query, setQuery] = useState('');
  // Typing stays responsive while the table of several hundred rows catches up.
  const deferredQuery = useDeferredValue(query.trim().toLowerCase());
  const matching = useMemo(
    () => (deferredQuery === '' ? packages : packages.filter((pkg) => matches(pkg, deferredQuery))),
    [packages, deferredQuery],
  );
  const { visible, hidden, showAll } = useCappedList(matching);

  return (
    <>
      <div className="panel-toolbar toolbar">
        <FilterField
          id="package-filter"
          value={query}
          placeholder="Name, source or version"
          onChange={setQuery}
        />
        <span className="toolbar-count" data-testid="package-count" aria-live="polite">
          {matching.length === packages.length
            ? `${count.format(packages.length)} packages`
            : `${count.format(matching.length)} of ${count.format(packages.length)} packages`}
        </span>
      </div>
      {matching.length === 0 ? (
        <EmptyState
          icon="hosts"
          title={packages.length === 0 ? 'No packages reported' : 'No matching packages'}
        >
          {packages.length === 0
            ? 'The agent found no dpkg, apk or rpm database on this host.'
            : 'Try part of a package name, its source package or its version.'}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table table-dense">
            <TableHead columns={columns} />
            <tbody>
              <PackageRows packages={visible} />
            </tbody>
          </table>
        </div>
      )}
      <ShowAllFooter shown={visible.length} hidden={hidden} noun="matching packages" onShowAll={showAll} />
      {otherPackages.length > 0 && (
        <section aria-labelledby="other-packages-title">
          <h3 id="other-packages-title" className="section-title">
            Part-way through an install, upgrade or removal
            <span className="tab-count">{count.format(otherPackages.length)}</span>
          </h3>
          <div className="table-scroll">
            <table className="table table-dense">
              <TableHead columns={columns} />
              <tbody>
                <PackageRows packages={otherPackages} />
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
