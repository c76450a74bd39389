import { findProgram } from './find-program.ts';

export type FirewallBackendKind = 'nftables' | 'iptables';

/** nftables where `nft` is installed, otherwise iptables with ipset, otherwise none. */
export function detectBackend(): FirewallBackendKind | undefined {
  if (findProgram('nft') !== undefined) return 'nftables';
  if (['iptables', 'ip6tables', 'ipset'].every((program) => findProgram(program) !== undefined))
    return 'iptables';
  return undefined;
}
