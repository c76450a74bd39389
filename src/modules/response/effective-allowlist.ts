import type { Kysely } from 'kysely';
import type { Config } from '../../platform/config.ts';
import type { AllowlistEntry } from '../../protocol/blocks.ts';
import type { DB } from '../../store/schema.ts';
import { canonicalAddress } from './canonical-address.ts';
import { serverAddresses } from './server-addresses.ts';

const loopback: AllowlistEntry[] = [
  { address: '127.0.0.0/8', source: 'loopback', note: null },
  { address: '::1', source: 'loopback', note: null },
];

/**
 * Everything never blocked: the configured list, loopback, this server's addresses and the last
 * address every unrevoked agent spoke from, so no block can cut Vigil off from its own hosts.
 */
export async function effectiveAllowlist(db: Kysely<DB>, config: Config): Promise<AllowlistEntry[]> {
  const agents = await db
    .selectFrom('agents')
    .select(['address', 'hostname'])
    .where('revoked_at', 'is', null)
    .where('address', 'is not', null)
    .orderBy('hostname')
    .execute();
  const configured = config.response.allowlist.flatMap((address) => {
    const canonical = canonicalAddress(address);
    return canonical === undefined ? [] : [{ address: canonical, source: 'config' as const, note: null }];
  });
  const server = serverAddresses(config).map(({ address, note }) => ({
    address,
    source: 'server' as const,
    note,
  }));
  const agentEntries = agents.flatMap(({ address, hostname }) => {
    const canonical = canonicalAddress(address ?? '');
    return canonical === undefined ? [] : [{ address: canonical, source: 'agent' as const, note: hostname }];
  });
  return [...configured, ...loopback, ...server, ...agentEntries];
}
