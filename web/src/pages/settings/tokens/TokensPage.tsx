import { useState } from 'react';
import type { ApiToken, CreatedToken } from '../../../../../src/protocol/tokens.ts';
import { listTokens, revokeToken } from '../../../api/tokens.ts';
import { useSession } from '../../../app/session.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { CreatedTokenNotice } from './CreatedTokenNotice.tsx';
import { CreateTokenForm } from './CreateTokenForm.tsx';
import { TokenRow } from './TokenRow.tsx';

const loadTokens = async () => (await listTokens()).tokens;
const columns = ['Name', 'Owner', 'Scopes', 'Created', 'Expires', 'Last used', 'Status'];

export function TokensPage() {
  const { can } = useSession();
  const tokens = useResource(loadTokens);
  const [created, setCreated] = useState<CreatedToken>();
  const [revoking, setRevoking] = useState<ApiToken>();
  const canWrite = can('tokens:write');

  async function revoke(token: ApiToken) {
    await revokeToken(token.id);
    // The server keeps revoked tokens listed, so refetch to show its revokedAt.
    tokens.reload();
  }

  return (
    <div className="page">
      <p className="page-lead">
        API tokens let scripts and integrations call the Vigil API with a subset of your permissions.
      </p>
      <ErrorAlert error={tokens.error} />
      <Panel title="Tokens" flush>
        {tokens.data === undefined ? (
          tokens.loading && <Loading />
        ) : tokens.data.length === 0 ? (
          <EmptyState icon="key" title="No API tokens yet">
            {canWrite ? 'Create one below to automate Vigil from a script.' : 'None have been created.'}
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <TableHead columns={columns} actions={canWrite} />
              <tbody>
                {tokens.data.map((token) => (
                  <TokenRow
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
        <Panel title="Create token">
          <CreateTokenForm
            onCreated={(token) => {
              setCreated(token);
              tokens.reload();
            }}
          />
          {created !== undefined && (
            <CreatedTokenNotice token={created} onDismiss={() => setCreated(undefined)} />
          )}
        </Panel>
      )}
      {revoking !== undefined && (
        <ConfirmDialog
          title="Revoke token"
          confirmLabel="Revoke token"
          onConfirm={() => revoke(revoking)}
          onClose={() => setRevoking(undefined)}
        >
          Revoke <strong>{revoking.name}</strong>? Anything using it will be refused from now on.
        </ConfirmDialog>
      )}
    </div>
  );
}
