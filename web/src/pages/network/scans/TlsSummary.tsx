import type { TlsProtocol, TlsReport } from '../../../../../src/protocol/net-tls.ts';
import { Badge } from '../../../components/Badge.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { FoldedList } from './FoldedList.tsx';

/** Versions no client should still need: offering them is a finding whatever the ciphers. */
const legacy: ReadonlySet<TlsProtocol> = new Set(['SSLv3', 'TLSv1.0', 'TLSv1.1']);

const day = 86_400_000;

/** How the leaf's validity reads today: expired, expiring within 30 days, or fine. */
function expiry(notAfter: string, now: number): { tone: 'danger' | 'warning' | 'success'; label: string } {
  const left = new Date(notAfter).getTime() - now;
  if (Number.isNaN(left)) return { tone: 'warning', label: 'unreadable date' };
  if (left < 0) return { tone: 'danger', label: 'expired' };
  if (left < 30 * day) return { tone: 'warning', label: `${Math.ceil(left / day)} days left` };
  return { tone: 'success', label: 'valid' };
}

/** One TLS endpoint at a glance: the versions offered, the weak suites, and the leaf certificate. */
export function TlsSummary({ report }: { report: TlsReport }) {
  const offered = report.protocols.filter((entry) => entry.supported);
  const weak = report.ciphers.flatMap((entry) =>
    entry.suites
      .filter((suite) => suite.weaknesses.length > 0)
      .map((suite) => ({ ...suite, protocol: entry.protocol })),
  );
  const leaf = report.chain[0];
  const validity = leaf === undefined ? undefined : expiry(leaf.notAfter, Date.now());
  return (
    <dl className="details" data-testid="tls-summary">
      <dt>Endpoint</dt>
      <dd className="mono">
        {report.address}:{report.port}
        {report.starttls !== undefined && (
          <span className="cell-note">after STARTTLS ({report.starttls})</span>
        )}
      </dd>
      <dt>Versions</dt>
      <dd className="chips" data-testid="tls-protocols">
        {offered.length === 0 ? (
          <span className="muted">none negotiated</span>
        ) : (
          offered.map(({ protocol }) => (
            <Badge key={protocol} tone={legacy.has(protocol) ? 'danger' : 'success'}>
              {protocol}
            </Badge>
          ))
        )}
      </dd>
      <dt>Weak suites</dt>
      <dd data-testid="tls-weak-ciphers">
        {weak.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <FoldedList
            items={weak}
            keyOf={(suite) => `${suite.protocol}-${suite.id}`}
            render={(suite) => (
              <>
                <span className="mono">{suite.name}</span>{' '}
                <span className="muted">
                  {suite.protocol}: {suite.weaknesses.join(', ')}
                </span>
              </>
            )}
          />
        )}
      </dd>
      <dt>Certificate</dt>
      <dd data-testid="tls-certificate">
        {leaf === undefined || validity === undefined ? (
          <span className="muted">none presented</span>
        ) : (
          <>
            <span className="mono break">{leaf.subject}</span>
            <span className="cell-sub">
              issued by {leaf.selfSigned ? 'itself (self-signed)' : leaf.issuer}
            </span>
            <span className="cell-sub">
              until <Timestamp value={leaf.notAfter} /> <Badge tone={validity.tone}>{validity.label}</Badge>
            </span>
            <span className="cell-sub">
              {leaf.keyType} {leaf.keyBits} bits, {leaf.signatureAlgorithm}
            </span>
            {leaf.subjectAltNames.length > 0 && (
              <span className="cell-sub mono break">{leaf.subjectAltNames.join(', ')}</span>
            )}
          </>
        )}
      </dd>
      <dt>Trust</dt>
      <dd data-testid="tls-trust">
        <Badge tone={report.trusted ? 'success' : 'warning'}>
          {report.trusted ? 'Trusted' : 'Not trusted'}
        </Badge>
        {report.hostnameMatches === false && <Badge tone="warning">Name mismatch</Badge>}
        {report.trustError !== undefined && <span className="cell-sub">{report.trustError}</span>}
        {report.chainSource === 'hello' && (
          <span className="cell-sub">
            Read from a hand-built handshake: the server speaks only what Node’s TLS refuses.
          </span>
        )}
      </dd>
    </dl>
  );
}
