import { useCallback } from 'react';
import { listUsers } from '../../../api/users.ts';
import { useSession } from '../../../app/session.ts';
import { useResource } from '../../../hooks/useResource.ts';

interface AssigneeSelectProps {
  assignee: string | null;
  busy: boolean;
  onChange: (assignee: string | null) => void;
}

/** Active users to pick from; without permission to list users, only yourself. */
export function AssigneeSelect({ assignee, busy, onChange }: AssigneeSelectProps) {
  const { me, can } = useSession();
  const canList = can('users:read');
  const load = useCallback(
    async () =>
      canList
        ? (await listUsers()).users.filter((user) => !user.disabled).map((user) => user.username)
        : [me.username],
    [canList, me.username],
  );
  const users = useResource(load);
  const names = [...new Set([...(assignee === null ? [] : [assignee]), ...(users.data ?? [])])].sort();
  return (
    <select
      id="alert-assignee"
      className="select select-sm"
      aria-label="Assignee"
      value={assignee ?? ''}
      disabled={busy}
      onChange={(event) => onChange(event.target.value || null)}
    >
      <option value="">Unassigned</option>
      {names.map((name) => (
        <option key={name} value={name}>
          {name === me.username ? `${name} (you)` : name}
        </option>
      ))}
    </select>
  );
}
