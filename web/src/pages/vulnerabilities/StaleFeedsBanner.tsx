import type { FeedStatus } from '../../../../src/protocol/vuln-api.ts';
import { Icon } from '../../components/Icon.tsx';
import { formatRelative } from '../../format/time.ts';

/** Warns when findings may be missing advisories: no feed at all, or one older than `vuln.staleAfterHours`. */
export function StaleFeedsBanner({ feeds }: { feeds: readonly FeedStatus[] }) {
  const stale = feeds.filter((feed) => feed.stale);
  if (feeds.length > 0 && stale.length === 0) return null;
  return (
    <div className="alert alert-warning" role="alert" data-testid="stale-feeds">
      <Icon name="warning" />
      <div>
        {feeds.length === 0 ? (
          <p>
            No vulnerability feed has been imported: Vigil has no advisories to match packages against, so an
            empty list here means nothing. Import OSV, Debian security tracker, CISA KEV and EPSS files with{' '}
            <code>vigil feeds import PATH</code>.
          </p>
        ) : (
          <p>
            {stale.length === 1 ? 'A feed is out of date' : `${stale.length} feeds are out of date`}:{' '}
            {stale.map((feed, index) => (
              <span key={feed.name}>
                {index > 0 && ', '}
                <strong>{feed.name}</strong> (imported {formatRelative(feed.importedAt)})
              </span>
            ))}
            . Findings may miss advisories published since; import fresh copies with{' '}
            <code>vigil feeds import PATH</code>.
          </p>
        )}
      </div>
    </div>
  );
}
