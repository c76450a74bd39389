import type { Agent } from '../../../../../src/protocol/agents.ts';
import { href, navigate } from '../../../app/router.ts';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { AgentStatusBadge } from '../AgentStatusBadge.tsx';
import { hostPath } from '../hostPaths.ts';

const count = new Intl.NumberFormat();

export function HostRow({ agent }: { agent: Agent }) {
  const path = hostPath(agent.id);
  return (
    <tr
      data-testid="host-row"
      className="row-link"
      // The hostname is the real link for keyboards and screen readers; a click anywhere else on the row is a shortcut.
      onClick={(event) => {
        if (!(event.target instanceof Element) || event.target.closest('a, button') === null) navigate(path);
      }}
    >
      <td>
        <a className="cell-link" href={href(path)}>
          {agent.hostname}
        </a>
      </td>
      <td>
        <span className="chip">{agent.group}</span>
      </td>
      <td>
        <AgentStatusBadge status={agent.status} />
      </td>
      <td className="nowrap">
        <Timestamp value={agent.lastSeenAt} relative fallback="Never" />
      </td>
      <td className="mono">{agent.version}</td>
      <td>{agent.os || <span className="muted">—</span>}</td>
      <td className="mono">{agent.address ?? <span className="muted">—</span>}</td>
      <td className="num">{count.format(agent.spoolPending)}</td>
      <td className={agent.spoolDropped > 0 ? 'num danger-text' : 'num'}>
        {count.format(agent.spoolDropped)}
      </td>
    </tr>
  );
}
