import type { QueuedPolicyTask } from './queue-policy-tasks.ts';

const shown = 10;

/** `web1, web2 and 3 more`, for the audit log and the CLI. */
export function describeTasks(tasks: readonly QueuedPolicyTask[]): string {
  if (tasks.length === 0) return 'no host';
  const names = tasks.slice(0, shown).map((task) => task.hostname);
  return tasks.length > shown ? `${names.join(', ')} and ${tasks.length - shown} more` : names.join(', ');
}
