import { useSession } from '../../../app/session.ts';
import { Panel } from '../../../components/Panel.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

export function AccountPage() {
  const { me } = useSession();
  return (
    <div className="page page-narrow">
      <Panel title="Profile">
        <dl className="details">
          <dt>Username</dt>
          <dd>{me.username}</dd>
          <dt>Display name</dt>
          <dd>{me.displayName}</dd>
          <dt>Role</dt>
          <dd className="capitalize">{me.role}</dd>
        </dl>
      </Panel>
      <Panel title="Change password">
        <ChangePasswordForm />
      </Panel>
    </div>
  );
}
