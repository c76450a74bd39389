import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { createFirewall, type Firewall, type ProtectedRange } from './create-firewall.ts';
import { detectBackend } from './detect-backend.ts';
import { createPolicyFirewall, type PolicyFirewall } from './policy-firewall.ts';

export interface HostFirewallOptions {
  /** False with the agent's --no-firewall. */
  enabled: boolean;
  /** The agent's server, whose addresses are never blocked: that would cut the agent off. */
  serverUrl: string;
}

/**
 * The agent's firewall for one task, or a rejection saying why this host has none. Made
 * afresh per task, so the protected addresses follow DNS and interface changes; nothing is
 * run until a change is asked for.
 */
export async function openHostFirewall(options: HostFirewallOptions): Promise<Firewall> {
  const problem = hostFirewallProblem(options.enabled);
  if (problem !== undefined) throw new Error(`firewall tasks are off on this agent: ${problem}`);
  return createFirewall({ protect: [...(await serverAddresses(options.serverUrl)), ...ownAddresses()] });
}

/** The agent's firewall for policy tasks; policies need nftables (there is no iptables rendering). */
export function openPolicyFirewall(options: {
  enabled: boolean;
  pendingPath: string;
}): Promise<PolicyFirewall> {
  const problem = hostFirewallProblem(options.enabled) ?? policyProblem();
  if (problem !== undefined)
    return Promise.reject(new Error(`firewall policies are off on this agent: ${problem}`));
  return Promise.resolve(createPolicyFirewall({ pendingPath: options.pendingPath }));
}

function policyProblem(): string | undefined {
  return detectBackend() === 'nftables' ? undefined : 'they need nftables (nft), and this host has iptables';
}

/** Why this agent cannot change the host firewall, or undefined when it can. */
export function hostFirewallProblem(enabled: boolean): string | undefined {
  if (!enabled) return 'it runs with --no-firewall';
  const uid = process.getuid?.();
  if (uid !== 0) return `changing the firewall needs root, and the agent runs as uid ${uid ?? 'unknown'}`;
  if (detectBackend() === undefined) return 'neither nft nor iptables with ipset is installed';
  return undefined;
}

async function serverAddresses(serverUrl: string): Promise<ProtectedRange[]> {
  const host = new URL(serverUrl).hostname.replace(/^\[(.*)\]$/, '$1');
  const why = 'the Vigil server';
  if (isIP(host) !== 0) return [{ address: host, why }];
  try {
    return (await lookup(host, { all: true })).map((found) => ({ address: found.address, why }));
  } catch {
    // Unresolvable now: the agent cannot reach the server anyway, and the server keeps its own allowlist.
    return [];
  }
}

/** Traffic between a host's own addresses comes in with one of them as its source. */
function ownAddresses(): ProtectedRange[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => !address.address.includes('%'))
    .map((address) => ({ address: address.address, why: 'this host' }));
}
