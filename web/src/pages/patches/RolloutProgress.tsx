import type { PatchPlan } from '../../../../src/protocol/patch-api.ts';
import { hostDone } from './patchLabels.ts';

type Hosts = PatchPlan['hosts'];

interface Phase {
  name: string;
  hosts: Hosts;
}

const share = (n: number, total: number) => `${total === 0 ? 0 : (n / total) * 100}%`;

function PhaseBar({ phase }: { phase: Phase }) {
  const total = phase.hosts.length;
  const succeeded = phase.hosts.filter((host) => host.status === 'succeeded').length;
  const failed = phase.hosts.filter((host) => host.status === 'failed').length;
  const skipped = phase.hosts.filter((host) => host.status === 'skipped').length;
  const working = phase.hosts.filter(
    (host) => host.status === 'applying' || host.status === 'verifying',
  ).length;
  const done = phase.hosts.filter((host) => hostDone(host.status)).length;
  const label = `${phase.name}: ${done} of ${total} done`;
  return (
    // Its width follows its share of the hosts, so the canary phase reads as the small first step it is.
    <div className="rollout-phase" style={{ flexGrow: Math.max(total, 1) }} data-testid="rollout-phase">
      <div className="rollout-label">
        <strong>{phase.name}</strong>
        <span className="muted">
          {done} of {total} done
          {failed > 0 && <span className="danger-text"> · {failed} failed</span>}
          {working > 0 && ` · ${working} in progress`}
        </span>
      </div>
      <div
        className="rollout-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${label}, ${succeeded} patched, ${failed} failed`}
      >
        <span className="rollout-fill rollout-succeeded" style={{ width: share(succeeded, total) }} />
        <span className="rollout-fill rollout-failed" style={{ width: share(failed, total) }} />
        <span className="rollout-fill rollout-skipped" style={{ width: share(skipped, total) }} />
        <span className="rollout-fill rollout-working" style={{ width: share(working, total) }} />
      </div>
    </div>
  );
}

/** Canary hosts first, then the rest; and how close the failures are to stopping the rollout. */
export function RolloutProgress({ plan }: { plan: PatchPlan }) {
  const canary = plan.hosts.filter((host) => host.canary);
  const rest = plan.hosts.filter((host) => !host.canary);
  const phases: Phase[] =
    canary.length === 0
      ? [{ name: 'All hosts', hosts: rest }]
      : rest.length === 0
        ? [{ name: 'Canary', hosts: canary }]
        : [
            { name: 'Canary', hosts: canary },
            { name: 'The rest', hosts: rest },
          ];
  const failed = plan.hosts.filter((host) => host.status === 'failed').length;
  return (
    <div className="rollout" data-testid="rollout">
      <div className="rollout-phases">
        {phases.map((phase) => (
          <PhaseBar key={phase.name} phase={phase} />
        ))}
      </div>
      <p className="field-hint" data-testid="rollout-threshold">
        {failed} of {plan.failureThreshold} failed {plan.failureThreshold === 1 ? 'host' : 'hosts'} allowed
        before the rollout stops.
      </p>
    </div>
  );
}
