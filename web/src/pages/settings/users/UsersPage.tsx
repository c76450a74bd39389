import { useState } from 'react';
import type { UpdateUserRequest, User } from '../../../../../src/protocol/users.ts';
import { deleteUser, listUsers, updateUser } from '../../../api/users.ts';
import { useSession } from '../../../app/session.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { AddUserForm } from './AddUserForm.tsx';
import { ResetPasswordDialog } from './ResetPasswordDialog.tsx';
import { RolePermissionsTable } from './RolePermissionsTable.tsx';
import { UserRow } from './UserRow.tsx';

const loadUsers = async () => (await listUsers()).users;
const columns = ['Username', 'Display name', 'Role', 'Status', 'Last sign-in'];

export function UsersPage() {
  const { me, can, refresh } = useSession();
  const users = useResource(loadUsers);
  const [actionError, setActionError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [resetting, setResetting] = useState<User>();
  const [deleting, setDeleting] = useState<User>();
  const canWrite = can('users:write');

  const replace = (updated: User) =>
    users.update((list) => list.map((u) => (u.id === updated.id ? updated : u)));

  async function save(user: User, change: UpdateUserRequest) {
    setActionError(undefined);
    setNotice(undefined);
    try {
      replace(await updateUser(user.id, change));
      if (user.id === me.id) await refresh();
    } catch (caught) {
      setActionError(caught);
    }
  }

  async function remove(user: User) {
    await deleteUser(user.id);
    setActionError(undefined);
    users.update((list) => list.filter((u) => u.id !== user.id));
    setNotice(`Deleted ${user.username}.`);
  }

  return (
    <div className="page">
      <p className="page-lead">People who can sign in to Vigil, and what their role lets them do.</p>
      {notice !== undefined && <Notice>{notice}</Notice>}
      <ErrorAlert error={actionError ?? users.error} />
      <Panel title="Users" flush>
        {users.data === undefined ? (
          users.loading && <Loading />
        ) : (
          <div className="table-scroll">
            <table className="table">
              <TableHead columns={columns} actions={canWrite} />
              <tbody>
                {users.data.map((user) => (
                  <UserRow
                    key={user.id}
                    user={user}
                    isSelf={user.id === me.id}
                    canWrite={canWrite}
                    onSave={(change) => save(user, change)}
                    onResetPassword={() => setResetting(user)}
                    onDelete={() => setDeleting(user)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      {canWrite && (
        <Panel title="Add user">
          <AddUserForm
            onCreated={(user) => {
              users.update((list) => [...list, user]);
              setNotice(`Added ${user.username}.`);
            }}
          />
        </Panel>
      )}
      <Panel title="Roles and permissions" flush>
        <RolePermissionsTable />
      </Panel>
      {resetting !== undefined && (
        <ResetPasswordDialog
          user={resetting}
          onClose={() => setResetting(undefined)}
          onDone={() => setNotice(`Password reset for ${resetting.username}.`)}
        />
      )}
      {deleting !== undefined && (
        <ConfirmDialog
          title="Delete user"
          confirmLabel="Delete user"
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(undefined)}
        >
          Delete <strong>{deleting.username}</strong>? Their sessions and API tokens stop working. This cannot
          be undone; to keep their history reachable, disable the account instead.
        </ConfirmDialog>
      )}
    </div>
  );
}
