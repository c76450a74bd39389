import { EmptyState } from '../../components/EmptyState.tsx';

export function NetworkPage() {
  return (
    <div className="page">
      <p className="page-lead">
        Vigil will discover the devices and open services on your network and highlight exposures an attacker
        could reach.
      </p>
      <EmptyState icon="network" title="No networks scanned yet">
        Discovered devices and exposed services will be listed here after the first scan.
      </EmptyState>
    </div>
  );
}
