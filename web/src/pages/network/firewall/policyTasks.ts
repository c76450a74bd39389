import type {
  FirewallPolicyDetail,
  FirewallPolicyHost,
  QueuedPolicyTasks,
} from '../../../../../src/protocol/firewall-policies-api.ts';

export type PolicyOperation = 'plan' | 'apply';

/** Tasks queued by Plan or Apply that the page waits for. */
export interface PendingTasks {
  operation: PolicyOperation;
  tasks: QueuedPolicyTasks['tasks'];
  /** Date.now() when they were queued. */
  since: number;
}

export const pollMs = 2000;
export const waitMs = 60_000;

const finishedStatuses = new Set(['succeeded', 'failed', 'timed_out', 'cancelled']);

/** The host's last task of the operation, as the detail reports it. */
export function lastTask(host: FirewallPolicyHost, operation: PolicyOperation) {
  return operation === 'plan' ? host.lastPlan : host.lastApply;
}

export const taskFinished = (status: string) => finishedStatuses.has(status);

/** The queued tasks the detail does not yet show finished; a host that left the policy is not waited for. */
export function unfinishedTasks(pending: PendingTasks, detail: FirewallPolicyDetail | undefined) {
  return pending.tasks.filter((task) => {
    const host = detail?.hosts.find((candidate) => candidate.agentId === task.agentId);
    if (detail !== undefined && host === undefined) return false;
    const last = host === undefined ? null : lastTask(host, pending.operation);
    return last === null || last.taskId !== task.taskId || !taskFinished(last.status);
  });
}

/** What the finished tasks came to, for the notice under the policy's title. */
export function outcomeText(pending: PendingTasks, detail: FirewallPolicyDetail): string {
  const hosts = pending.tasks.map((task) => detail.hosts.find((host) => host.agentId === task.agentId));
  const count = (n: number) => (n === 1 ? '1 host' : `${n} hosts`);
  if (pending.operation === 'plan') {
    const plans = hosts.map((host) => host?.lastPlan ?? null);
    const failed = plans.filter(
      (plan) => plan !== null && (plan.status !== 'succeeded' || plan.plan === null),
    );
    const changes = plans.filter((plan) => plan?.plan?.changed === true);
    const parts = [`${count(changes.length)} would change`];
    if (failed.length > 0) parts.push(`${count(failed.length)} could not plan`);
    return `Planned on ${count(pending.tasks.length)}: ${parts.join(', ')}.`;
  }
  const applies = hosts.map((host) => host?.lastApply ?? null);
  const failed = applies.filter((apply) => apply !== null && apply.status !== 'succeeded');
  return failed.length === 0
    ? `Applied on ${count(pending.tasks.length)}.`
    : `Applied on ${count(pending.tasks.length - failed.length)}; ${count(failed.length)} did not apply it: see Last apply.`;
}
