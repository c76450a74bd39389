import { useCallback, useEffect, useState } from 'react';
import type {
  FirewallPolicyDetail,
  QueuedPolicyTasks,
} from '../../../../../src/protocol/firewall-policies-api.ts';
import {
  deleteFirewallPolicy,
  getFirewallPolicy,
  planFirewallPolicy,
} from '../../../api/firewallPolicies.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { useSubmit } from '../../../hooks/useSubmit.ts';
import { ApplyDialog } from './ApplyDialog.tsx';
import { PlanResults } from './PlanResults.tsx';
import { PolicyHostsTable } from './PolicyHostsTable.tsx';
import {
  outcomeText,
  pollMs,
  unfinishedTasks,
  waitMs,
  type PendingTasks,
  type PolicyOperation,
} from './policyTasks.ts';
import { RulesetPanel } from './RulesetPanel.tsx';

interface PolicyDetailProps {
  name: string;
  canWrite: boolean;
  /** Plan or apply tasks finished: drift may have changed. */
  onTasksDone: () => void;
  onEdit: (policy: FirewallPolicyDetail) => void;
  onDeleted: (name: string) => void;
}

const verbs: Record<PolicyOperation, string> = { plan: 'Planning', apply: 'Applying' };

/**
 * One policy: its hosts and how they compare with it, each host's last plan as a diff, and
 * the ruleset it renders to. Plan and Apply queue a task per host; the page then re-reads the
 * policy every 2 s until those tasks have finished, for at most a minute.
 */
export function PolicyDetail({ name, canWrite, onTasksDone, onEdit, onDeleted }: PolicyDetailProps) {
  const load = useCallback(() => getFirewallPolicy(name), [name]);
  const detail = useResource(load);
  const data = detail.data;
  const { busy, error, run } = useSubmit();
  const [pending, setPending] = useState<PendingTasks>();
  const [outcome, setOutcome] = useState<{ text: string; finished: boolean }>();
  const [applying, setApplying] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const waiting = pending === undefined ? [] : unfinishedTasks(pending, data);

  const { loading, reload } = detail;
  useEffect(() => {
    if (pending === undefined || loading) return;
    if (waiting.length === 0 && data !== undefined) {
      setPending(undefined);
      setOutcome({ text: outcomeText(pending, data), finished: true });
      onTasksDone();
      return;
    }
    if (Date.now() - pending.since >= waitMs) {
      setPending(undefined);
      setOutcome({
        text: `${waiting.length === 1 ? 'A host has' : `${waiting.length} hosts have`} not answered within a minute (offline or busy); what they answer later shows here when you open the policy again.`,
        finished: false,
      });
      return;
    }
    const timer = setTimeout(reload, pollMs);
    return () => clearTimeout(timer);
  }, [pending, loading, waiting.length, data, reload, onTasksDone]);

  function started(operation: PolicyOperation, queued: QueuedPolicyTasks) {
    setOutcome(undefined);
    if (queued.tasks.length === 0) {
      setOutcome({ text: 'No host is in the policy’s groups: nothing was queued.', finished: true });
      return;
    }
    setPending({ operation, tasks: queued.tasks, since: Date.now() });
    reload();
  }

  if (data === undefined)
    return (
      <Panel title={`Policy ${name}`}>
        <ErrorAlert error={detail.error} />
        {detail.loading && <Loading />}
      </Panel>
    );

  const actions = canWrite ? (
    <>
      <button
        type="button"
        className="btn btn-sm btn-primary"
        disabled={busy || pending !== undefined || data.hosts.length === 0}
        onClick={() => void run(async () => started('plan', await planFirewallPolicy(name)))}
      >
        Plan
      </button>
      <button
        type="button"
        className="btn btn-sm"
        disabled={busy || pending !== undefined || data.hosts.length === 0}
        onClick={() => setApplying(true)}
      >
        Apply
      </button>
      <button type="button" className="btn btn-sm" onClick={() => onEdit(data)}>
        Edit
      </button>
      <button type="button" className="btn btn-sm btn-danger-quiet" onClick={() => setDeleting(true)}>
        Delete
      </button>
    </>
  ) : undefined;

  return (
    <>
      <Panel title={`Policy ${name}`} flush actions={actions}>
        <div className="policy-summary">
          {data.policy.description !== undefined && <p>{data.policy.description}</p>}
          <p className="muted">
            For {data.policy.groups.length === 0 ? 'no group yet' : `groups ${data.policy.groups.join(', ')}`}
            {' · '}updated <Timestamp value={data.updatedAt} relative /> by {data.updatedBy}
          </p>
        </div>
        <ErrorAlert error={error ?? detail.error} />
        {pending !== undefined && (
          <div className="policy-progress" role="status" data-testid="policy-progress">
            <span className="spinner" aria-hidden="true" />
            {verbs[pending.operation]} on{' '}
            {pending.tasks.length === 1 ? '1 host' : `${pending.tasks.length} hosts`}:{' '}
            {pending.tasks.length - waiting.length} of {pending.tasks.length} done.
          </div>
        )}
        {outcome !== undefined && pending === undefined && (
          <div className="panel-toolbar">
            {outcome.finished ? (
              <Notice>{outcome.text}</Notice>
            ) : (
              <div className="alert alert-warning" role="status">
                {outcome.text}
              </div>
            )}
          </div>
        )}
        {data.hosts.length === 0 ? (
          <EmptyState icon="hosts" title="No hosts in these groups">
            Hosts join a group when they enroll with a token for it; this policy is for{' '}
            {data.policy.groups.length === 0 ? 'no group yet' : data.policy.groups.join(', ')}.
          </EmptyState>
        ) : (
          <PolicyHostsTable hosts={data.hosts} />
        )}
      </Panel>
      {data.hosts.length > 0 && (
        <Panel title="Planned changes">
          <PlanResults hosts={data.hosts} />
        </Panel>
      )}
      <RulesetPanel rendered={data.rendered} />
      {applying && (
        <ApplyDialog
          name={name}
          hosts={data.hosts.length}
          onClose={() => setApplying(false)}
          onQueued={(queued) => started('apply', queued)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete firewall policy"
          confirmLabel="Delete policy"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await deleteFirewallPolicy(name);
            onDeleted(name);
          }}
        >
          Vigil forgets <strong className="mono">{name}</strong>
          {data.hosts.length === 0
            ? '.'
            : `, and ${data.hosts.length === 1 ? 'its host is' : `its ${data.hosts.length} hosts are`} told to remove the policy’s rules. Blocks and everything outside the policy’s chains stay as they are.`}
        </ConfirmDialog>
      )}
    </>
  );
}
