import type { FeedKind, FeedStatus } from '../../../../src/protocol/vuln-api.ts';
import { Badge } from '../../components/Badge.tsx';
import { Panel } from '../../components/Panel.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatCount, formatDate } from './vulnLabels.ts';

const kindLabels: Record<FeedKind, string> = {
  osv: 'OSV advisories',
  'debian-tracker': 'Debian security tracker',
  kev: 'CISA KEV',
  epss: 'FIRST EPSS',
};

const columns = ['Feed', 'Records', 'Imported', 'Data as of', 'SHA-256', 'State'];

/** Each imported feed and how fresh it is; a stale feed means findings may miss recent advisories. */
export function FeedsPanel({ feeds }: { feeds: readonly FeedStatus[] }) {
  return (
    <Panel title="Feeds" flush>
      {feeds.length === 0 ? (
        <p className="section-empty section-empty-top">No feed imported yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table table-dense" data-testid="vuln-feeds">
            <TableHead columns={columns} />
            <tbody>
              {feeds.map((feed) => (
                <tr key={feed.name} data-testid="vuln-feed-row">
                  <td>
                    <span className="package-name">{feed.name}</span>
                    <span className="cell-sub">{kindLabels[feed.kind]}</span>
                  </td>
                  <td className="num">{formatCount(feed.records)}</td>
                  <td className="nowrap">
                    <Timestamp value={feed.importedAt} relative />
                  </td>
                  <td className="nowrap">
                    {feed.sourceDate === null ? (
                      <span className="muted">—</span>
                    ) : (
                      formatDate(feed.sourceDate)
                    )}
                  </td>
                  <td className="mono" title={feed.sha256}>
                    {feed.sha256.slice(0, 12)}
                  </td>
                  <td data-testid="feed-state">
                    <Badge tone={feed.stale ? 'warning' : 'success'}>{feed.stale ? 'Stale' : 'Fresh'}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
