import type { AlgorithmRating, RatedAlgorithm, SshReport } from '../../../../../src/protocol/net-ssh.ts';
import { Badge, type BadgeTone } from '../../../components/Badge.tsx';
import { FoldedList } from './FoldedList.tsx';

const ratingTones: Record<AlgorithmRating, BadgeTone> = { fail: 'danger', warn: 'warning', ok: 'success' };

/** An algorithm family by its worst members: what ssh-audit would print in red and yellow. */
function AlgorithmRow({ label, algorithms }: { label: string; algorithms: readonly RatedAlgorithm[] }) {
  const flagged = algorithms.filter((algorithm) => algorithm.rating !== 'ok');
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={`ssh-${label.toLowerCase().replaceAll(' ', '-')}`}>
        {flagged.length === 0 ? (
          <span className="muted">
            {algorithms.length === 0 ? 'none offered' : `all ${algorithms.length} rated ok`}
          </span>
        ) : (
          <>
            <FoldedList
              items={flagged}
              shown={3}
              keyOf={(algorithm) => algorithm.name}
              render={(algorithm) => (
                <>
                  <Badge tone={ratingTones[algorithm.rating]}>{algorithm.rating}</Badge>{' '}
                  <span className="mono">{algorithm.name}</span>
                  {algorithm.notes.length > 0 && <span className="muted"> {algorithm.notes.join('; ')}</span>}
                </>
              )}
            />
            <span className="cell-sub">{algorithms.length - flagged.length} more rated ok</span>
          </>
        )}
      </dd>
    </>
  );
}

/** One SSH endpoint at a glance: who answers, how it may be logged into, and its weak algorithms. */
export function SshSummary({ report }: { report: SshReport }) {
  return (
    <dl className="details" data-testid="ssh-summary">
      <dt>Endpoint</dt>
      <dd className="mono">
        {report.address}:{report.port}
      </dd>
      <dt>Banner</dt>
      <dd className="mono break" data-testid="ssh-banner">
        {report.banner}
      </dd>
      <dt>Log-in methods</dt>
      <dd data-testid="ssh-auth-methods">
        {report.authMethods === undefined ? (
          <span className="muted">not reached</span>
        ) : (
          <span className="chips">
            {report.authMethods.map((method) => (
              <Badge key={method} tone={method === 'password' ? 'warning' : 'neutral'}>
                {method}
              </Badge>
            ))}
          </span>
        )}
      </dd>
      {report.keys !== undefined && report.keys.length > 0 && (
        <>
          <dt>Host key fingerprints</dt>
          <dd data-testid="ssh-key-fingerprints">
            <ul className="plain-list">
              {report.keys.map((key) => (
                <li key={key.fingerprint}>
                  <span className="mono">{key.type}</span>
                  {key.bits !== undefined && <span className="muted"> {key.bits} bits</span>}
                  <span className="cell-sub mono break">{key.fingerprint}</span>
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {report.strictKex !== undefined && (
        <>
          <dt>Strict key exchange</dt>
          <dd data-testid="ssh-strict-kex">
            {report.strictKex ? (
              <Badge tone="success">Offered</Badge>
            ) : (
              <span title="The fix for Terrapin (CVE-2023-48795)">
                <Badge tone="warning">Not offered</Badge>
              </span>
            )}
          </dd>
        </>
      )}
      <AlgorithmRow label="Key exchange" algorithms={report.kex} />
      <AlgorithmRow label="Host keys" algorithms={report.hostKeys} />
      <AlgorithmRow label="Ciphers" algorithms={report.ciphers} />
      <AlgorithmRow label="MACs" algorithms={report.macs} />
    </dl>
  );
}
