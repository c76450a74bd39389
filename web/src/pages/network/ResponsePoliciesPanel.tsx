import type { AllowlistEntry, ResponsePolicies } from '../../../../src/protocol/blocks.ts';
import type { ResponseAction, ResponsePolicy } from '../../../../src/protocol/response-config.ts';
import { responsePolicies } from '../../api/blocks.ts';
import { Badge } from '../../components/Badge.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Panel } from '../../components/Panel.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { severityLabels } from '../alerts/alertLabels.ts';

const sourceLabels: Record<AllowlistEntry['source'], string> = {
  config: 'Configured',
  loopback: 'Loopback',
  server: 'This server',
  agent: 'Agent',
};

function actionLabel(action: ResponseAction): string {
  if (action.type === 'lock_account') return 'Lock the account';
  if (action.type === 'notify') return 'Log and audit';
  const { scope } = action;
  if (scope === 'host') return 'Block on the attacked host';
  if (scope === 'group') return 'Block on the attacked host’s group';
  if (scope === 'all') return 'Block on every host';
  if ('group' in scope) return `Block on every host of group ${scope.group}`;
  return `Block on ${scope.agents.length === 1 ? 'one named host' : `${scope.agents.length} named hosts`}`;
}

/** What a policy matches, one chip a criterion. */
function criteria({ match }: ResponsePolicy): string[] {
  const chips: string[] = [];
  if (match.rules)
    chips.push(match.rules.length === 1 ? `rule ${match.rules[0] ?? ''}` : `${match.rules.length} rules`);
  if (match.tags) chips.push(`tags ${match.tags.join(', ')}`);
  if (match.minSeverity) chips.push(`${severityLabels[match.minSeverity]} or above`);
  if (match.groups) chips.push(`groups ${match.groups.join(', ')}`);
  return chips;
}

function Chips({ items, title }: { items: string[]; title?: string }) {
  return (
    <ul className="chips" title={title}>
      {items.map((item) => (
        <li key={item} className="chip">
          {item}
        </li>
      ))}
    </ul>
  );
}

function PoliciesTable({ data }: { data: ResponsePolicies }) {
  if (data.policies.length === 0)
    return (
      <EmptyState icon="shieldAlert" title="No response policies">
        Vigil raises alerts but blocks nothing on its own. Policies are set under{' '}
        <code>response.policies</code> in the configuration.
      </EmptyState>
    );
  return (
    <div className="table-scroll">
      <table className="table" data-testid="policy-table">
        <TableHead columns={['Policy', 'Matches', 'Actions']} />
        <tbody>
          {data.policies.map((policy) => (
            <tr key={policy.name}>
              <td className="mono">{policy.name}</td>
              <td>
                <Chips items={criteria(policy)} title={policy.match.rules?.join('\n')} />
              </td>
              <td>
                <Chips items={policy.actions.map(actionLabel)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The policies and allowlist in force, read from the server's configuration; changed there, not here. */
export function ResponsePoliciesPanel() {
  const policies = useResource(responsePolicies);
  const data = policies.data;
  return (
    <>
      <Panel
        title="Response policies"
        flush
        actions={
          data?.dryRun === true ? <Badge tone="warning">Dry run: nothing is blocked</Badge> : undefined
        }
      >
        <ErrorAlert error={policies.error} />
        {data === undefined ? (
          policies.loading && <Loading />
        ) : (
          <>
            <div className="panel-toolbar">
              <span className="muted">Blocks last, one step longer at each repeat offence:</span>{' '}
              <span data-testid="escalation-ladder">{data.durations.join(' → ')}</span>
            </div>
            <PoliciesTable data={data} />
          </>
        )}
      </Panel>
      {data !== undefined && (
        <Panel title="Never blocked" flush>
          <div className="table-scroll">
            <table className="table" data-testid="allowlist-table">
              <TableHead columns={['Address', 'Why', 'Note']} />
              <tbody>
                {data.allowlist.map((entry) => (
                  <tr key={`${entry.source} ${entry.address}`}>
                    <td className="mono">{entry.address}</td>
                    <td>
                      <Badge tone={entry.source === 'config' ? 'info' : 'neutral'}>
                        {sourceLabels[entry.source]}
                      </Badge>
                    </td>
                    <td>{entry.note ?? <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      )}
    </>
  );
}
