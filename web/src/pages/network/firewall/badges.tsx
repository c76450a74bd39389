import type { HostDrift, FirewallPolicyHost } from '../../../../../src/protocol/firewall-policies-api.ts';
import { Badge, type BadgeTone } from '../../../components/Badge.tsx';

const drift: Record<HostDrift, { tone: BadgeTone; label: string; title: string }> = {
  in_sync: { tone: 'success', label: 'In sync', title: 'The host’s last plan found nothing to change.' },
  drifted: {
    tone: 'warning',
    label: 'Drifted',
    title: 'The host’s firewall differs from the policy: plan to see how, apply to fix it.',
  },
  unknown: {
    tone: 'neutral',
    label: 'Unknown',
    title: 'No plan has compared this host with the policy yet.',
  },
};

export function DriftBadge({ state }: { state: HostDrift }) {
  const { tone, label, title } = drift[state];
  return (
    <span title={title} data-testid="drift">
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}

/** The list's drift column: how many of the policy's hosts differ from it. */
export function DriftCount({ hosts, drifted }: { hosts: number; drifted: number }) {
  if (hosts === 0) return <span className="muted">No hosts</span>;
  return (
    <span data-testid="drift">
      {drifted > 0 ? (
        <Badge tone="warning">{`${drifted} drifted`}</Badge>
      ) : (
        <Badge tone="success">None drifted</Badge>
      )}
    </span>
  );
}

type TaskRef = NonNullable<FirewallPolicyHost['lastApply']>;

const applyOutcome: Record<TaskRef['status'], { tone: BadgeTone; label: string }> = {
  queued: { tone: 'info', label: 'Queued' },
  sent: { tone: 'info', label: 'Applying' },
  succeeded: { tone: 'success', label: 'Applied' },
  failed: { tone: 'danger', label: 'Failed' },
  timed_out: { tone: 'danger', label: 'Timed out' },
  cancelled: { tone: 'neutral', label: 'Cancelled' },
};

/** The last apply on a host: its outcome, with what the agent reported in the tooltip. */
export function ApplyOutcome({ apply }: { apply: FirewallPolicyHost['lastApply'] }) {
  if (apply === null) return <span className="muted">Never applied</span>;
  const { tone, label } = applyOutcome[apply.status];
  return (
    <span title={apply.output ?? undefined} data-testid="apply-outcome">
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}
