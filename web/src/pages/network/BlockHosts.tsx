import type { Block } from '../../../../src/protocol/blocks.ts';
import { href } from '../../app/router.ts';
import { hostPath } from '../hosts/hostPaths.ts';

/** Where a block applies: every host, a group, or links to the hosts it names. */
export function BlockHosts({ block }: { block: Block }) {
  if (block.scope === 'all') return <span className="chip">All hosts</span>;
  if ('group' in block.scope) return <span className="chip">Group {block.scope.group}</span>;
  return (
    <ul className="chips">
      {block.hosts.map((host) => (
        <li key={host.id} className="chip">
          {host.hostname === null ? (
            <span className="mono">{host.id}</span>
          ) : (
            <a href={href(hostPath(host.id))}>{host.hostname}</a>
          )}
        </li>
      ))}
    </ul>
  );
}
