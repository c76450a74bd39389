import { useState } from 'react';
import { roles, type Role } from '../../../../../src/protocol/role-table.ts';
import type { UpdateUserRequest, User } from '../../../../../src/protocol/users.ts';
import { Badge } from '../../../components/Badge.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';

interface UserRowProps {
  user: User;
  isSelf: boolean;
  canWrite: boolean;
  onSave: (change: UpdateUserRequest) => Promise<void>;
  onResetPassword: () => void;
  onDelete: () => void;
}

export function UserRow({ user, isSelf, canWrite, onSave, onResetPassword, onDelete }: UserRowProps) {
  const [saving, setSaving] = useState(false);

  async function save(change: UpdateUserRequest) {
    setSaving(true);
    await onSave(change);
    setSaving(false);
  }

  return (
    <tr data-testid="user-row">
      <td>
        <span className="strong">{user.username}</span>
        {isSelf && (
          <>
            {' '}
            <Badge tone="info">you</Badge>
          </>
        )}
      </td>
      <td>{user.displayName}</td>
      <td>
        {canWrite ? (
          <select
            className="select select-sm capitalize"
            aria-label={`Role for ${user.username}`}
            value={user.role}
            disabled={saving}
            onChange={(event) => void save({ role: event.target.value as Role })}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        ) : (
          <span className="capitalize">{user.role}</span>
        )}
      </td>
      <td>{user.disabled ? <Badge tone="neutral">Disabled</Badge> : <Badge tone="success">Active</Badge>}</td>
      <td>
        <Timestamp value={user.lastLoginAt} relative fallback="Never" />
      </td>
      {canWrite && (
        <td>
          {/* Your own account can't be disabled or deleted from here, so nobody locks themselves out by accident. */}
          <div className="row-actions">
            {!isSelf && (
              <button
                type="button"
                className="btn btn-sm"
                disabled={saving}
                onClick={() => void save({ disabled: !user.disabled })}
              >
                {user.disabled ? 'Enable' : 'Disable'}
              </button>
            )}
            <button type="button" className="btn btn-sm" onClick={onResetPassword}>
              Reset password
            </button>
            {!isSelf && (
              <button type="button" className="btn btn-sm btn-danger-quiet" onClick={onDelete}>
                Delete
              </button>
            )}
          </div>
        </td>
      )}
    </tr>
  );
}
