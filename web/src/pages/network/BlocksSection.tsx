import { useCallback, useState } from 'react';
import type { Block } from '../../../../src/protocol/blocks.ts';
import { listAgents } from '../../api/agents.ts';
import { listBlocks, type BlockStatusFilter } from '../../api/blocks.ts';
import { useSession } from '../../app/session.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Panel } from '../../components/Panel.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { Tabs, type TabSpec } from '../../components/Tabs.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { FilterField } from '../hosts/detail/FilterField.tsx';
import { BlockForm } from './BlockForm.tsx';
import { BlockRow } from './BlockRow.tsx';
import { UnblockDialog } from './UnblockDialog.tsx';

const columns = ['Address', 'Reason', 'Alert', 'Hosts', 'Blocked', 'Expires', 'Escalation', 'Status'];
const statusTabs: TabSpec<BlockStatusFilter>[] = [
  { id: 'active', label: 'Active' },
  { id: 'lifted', label: 'Lifted and expired' },
  { id: 'all', label: 'All' },
];
/** What the server's address search accepts; anything else filters nothing until it is an address again. */
const addressText = /^[0-9A-Fa-f.:/]{1,64}$/;
const loadAgents = async () => (await listAgents()).agents;

/** The blocks list with its filters and unblock, and, for response:write, the form that blocks by hand. */
export function BlocksSection() {
  const { can } = useSession();
  const canWrite = can('response:write');
  const [status, setStatus] = useState<BlockStatusFilter>('active');
  const [filter, setFilter] = useState('');
  const address = addressText.test(filter.trim()) ? filter.trim() : '';
  const load = useCallback(() => listBlocks(status, address), [status, address]);
  const blocks = useResource(load);
  const agents = useResource(loadAgents);
  const [unblocking, setUnblocking] = useState<Block>();
  const [done, setDone] = useState<string>();
  const rows = blocks.data?.blocks;

  const actions = (
    <FilterField id="block-filter" value={filter} placeholder="203.0.113." onChange={setFilter} />
  );

  return (
    <>
      {done !== undefined && <Notice>{done}</Notice>}
      <Panel title="Blocked addresses" flush actions={actions}>
        <Tabs
          label="Which blocks"
          tabs={statusTabs}
          selected={status}
          onSelect={setStatus}
          testIdPrefix="blocks"
        >
          <ErrorAlert error={blocks.error} />
          {rows === undefined ? (
            blocks.loading && <Loading />
          ) : rows.length === 0 ? (
            <EmptyState
              icon="shieldCheck"
              title={status === 'active' ? 'Nothing is blocked' : 'No blocks match'}
            >
              Response policies block the source of an attack on the hosts it targets; you can also block an
              address by hand below.
            </EmptyState>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <TableHead columns={columns} actions={canWrite} />
                <tbody>
                  {rows.map((block) => (
                    <BlockRow
                      key={block.id}
                      block={block}
                      canWrite={canWrite}
                      onUnblock={() => setUnblocking(block)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Tabs>
        {blocks.data?.more === true && (
          <div className="panel-footer">
            <span className="muted">
              Showing the newest {rows?.length} blocks; search by address to find others.
            </span>
          </div>
        )}
      </Panel>
      {canWrite && (
        <Panel title="Block an address">
          <BlockForm
            agents={agents.data ?? []}
            onBlocked={(block) => {
              setDone(`Blocked ${block.address}. The hosts are told within a second.`);
              blocks.reload();
            }}
          />
        </Panel>
      )}
      {unblocking !== undefined && (
        <UnblockDialog
          block={unblocking}
          onClose={() => setUnblocking(undefined)}
          onLifted={(lifted) => {
            setDone(`Unblocked ${lifted.address}.`);
            blocks.reload();
          }}
        />
      )}
    </>
  );
}
