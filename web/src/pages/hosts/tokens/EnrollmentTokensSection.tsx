import { useState } from 'react';
import type { CreatedEnrollmentToken, EnrollmentToken } from '../../../../../src/protocol/agents.ts';
import { listEnrollmentTokens, revokeEnrollmentToken } from '../../../api/agents.ts';
import { useSession } from '../../../app/session.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { CreatedEnrollmentTokenNotice } from './CreatedEnrollmentTokenNotice.tsx';
import { CreateEnrollmentTokenForm } from './CreateEnrollmentTokenForm.tsx';
import { EnrollmentTokenRow } from './EnrollmentTokenRow.tsx';

const loadTokens = async () => (await listEnrollmentTokens()).tokens;
const columns = ['ID', 'Group', 'Uses', 'Created', 'Expires', 'Status'];

/** The enrollment tokens panel and, for agents:write, the form that makes them. */
export function EnrollmentTokensSection() {
  const { can } = useSession();
  const tokens = useResource(loadTokens);
  const [created, setCreated] = useState<CreatedEnrollmentToken>();
  const [revoking, setRevoking] = useState<EnrollmentToken>();
  const canWrite = can('agents:write');

  async function revoke(token: EnrollmentToken) {
    await revokeEnrollmentToken(token.id);
    // The server keeps revoked tokens listed, so refetch to show its revokedAt.
    tokens.reload();
  }

  return (
    <>
      <ErrorAlert error={tokens.error} />
      <Panel title="Enrollment tokens" flush>
        {tokens.data === undefined ? (
          tokens.loading && <Loading />
        ) : tokens.data.length === 0 ? (
          <EmptyState icon="key" title="No enrollment tokens yet">
            {canWrite
              ? 'Create one below; a host uses it once to enroll its agent.'
              : 'An administrator creates them to enroll new hosts.'}
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <TableHead columns={columns} actions={canWrite} />
              <tbody>
                {tokens.data.map((token) => (
                  <EnrollmentTokenRow
                    key={token.id}
                    token={token}
                    canWrite={canWrite}
                    onRevoke={() => setRevoking(token)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      {canWrite && (
        <Panel title="Create enrollment token">
          <CreateEnrollmentTokenForm
            onCreated={(token) => {
              setCreated(token);
              tokens.reload();
            }}
          />
          {created !== undefined && (
            <CreatedEnrollmentTokenNotice token={created} onDismiss={() => setCreated(undefined)} />
          )}
        </Panel>
      )}
      {revoking !== undefined && (
        <ConfirmDialog
          title="Revoke enrollment token"
          confirmLabel="Revoke token"
          onConfirm={() => revoke(revoking)}
          onClose={() => setRevoking(undefined)}
        >
          Revoke the token <strong>{revoking.id}</strong> for group <strong>{revoking.group}</strong>? No more
          hosts can enroll with it; hosts already enrolled keep working.
        </ConfirmDialog>
      )}
    </>
  );
}
