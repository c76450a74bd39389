import type { HttpReport } from '../../../../../src/protocol/net-http.ts';
import { Badge } from '../../../components/Badge.tsx';

/** One HTTP endpoint at a glance: what it answers, what it says about itself, and what it should not serve. */
export function HttpSummary({ report }: { report: HttpReport }) {
  const headers = Object.entries(report.securityHeaders).sort(([a], [b]) => a.localeCompare(b));
  const missing = headers.filter(([, value]) => value === null).map(([name]) => name);
  const present = headers.filter(([, value]) => value !== null).map(([name]) => name);
  return (
    <dl className="details" data-testid="http-summary">
      <dt>Endpoint</dt>
      <dd className="mono break">
        {report.tls ? 'https' : 'http'}://{report.host}
        {report.host.endsWith(`:${report.port}`) ? '' : ` (port ${report.port})`}
      </dd>
      <dt>Answer</dt>
      <dd>
        <span className="mono">{report.status}</span>
        {report.title !== undefined && <span className="cell-sub break">{report.title}</span>}
        {report.redirect !== undefined && (
          <span className="cell-sub mono break" data-testid="http-redirect">
            → {report.redirect}
          </span>
        )}
      </dd>
      <dt>Software</dt>
      <dd className="mono break" data-testid="http-server">
        {[report.server, report.poweredBy].filter((value) => value !== undefined).join(', ') || (
          <span className="muted">not disclosed</span>
        )}
      </dd>
      <dt>Missing headers</dt>
      <dd data-testid="http-missing-headers">
        {missing.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <span className="chips">
            {missing.map((name) => (
              <Badge key={name} tone="warning">
                {name}
              </Badge>
            ))}
          </span>
        )}
        {present.length > 0 && <span className="cell-sub">sent: {present.join(', ')}</span>}
      </dd>
      <dt>Exposed paths</dt>
      <dd data-testid="http-exposed-paths">
        {report.exposedPaths.length === 0 ? (
          <span className="muted">none found</span>
        ) : (
          <ul className="plain-list">
            {report.exposedPaths.map((entry) => (
              <li key={entry.path}>
                <span className="mono">{entry.path}</span> <span className="muted">({entry.status})</span>{' '}
                {entry.what}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </dl>
  );
}
