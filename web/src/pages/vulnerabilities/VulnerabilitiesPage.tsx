import { href, useHashPath } from '../../app/router.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { FindingDetailPage } from './FindingDetailPage.tsx';
import { VulnerabilityListPage } from './VulnerabilityListPage.tsx';
import { vulnerabilitiesPath, vulnRoute } from './vulnPaths.ts';

/** `#/vulnerabilities[?filters]`: the findings; `#/vulnerabilities/finding/<id>`: one finding. */
export function VulnerabilitiesPage() {
  const route = vulnRoute(useHashPath());
  switch (route.page) {
    case 'list':
      return <VulnerabilityListPage />;
    case 'finding':
      return <FindingDetailPage key={route.id} id={route.id} />;
    case 'unknown':
      return (
        <div className="page">
          <EmptyState icon="vulnerabilities" title="Page not found">
            There is no vulnerability page at this address.{' '}
            <a href={href(vulnerabilitiesPath)}>Back to the vulnerabilities</a>.
          </EmptyState>
        </div>
      );
  }
}
