import { networkInterfaces } from 'node:os';
import type { Config } from '../../platform/config.ts';
import { canonicalAddress } from './canonical-address.ts';

/** The addresses this server can be reached at: every interface's, and the configured listen and public ones. */
export function serverAddresses(config: Config): { address: string; note: string }[] {
  // Loopback interfaces are on the list anyway.
  const found = Object.entries(networkInterfaces()).flatMap(([name, addresses]) =>
    (addresses ?? [])
      .filter((info) => !info.internal)
      .map((info) => ({ address: info.address, note: `interface ${name}` })),
  );
  found.push({ address: config.server.host, note: 'server.host' });
  if (config.server.publicUrl) {
    const host = new URL(config.server.publicUrl).hostname.replace(/^\[(.*)\]$/, '$1');
    found.push({ address: host, note: 'server.publicUrl' });
  }
  const seen = new Set<string>();
  return found.flatMap(({ address, note }) => {
    const canonical = canonicalAddress(address);
    // 0.0.0.0 and :: mean "every interface", which are listed already; names are not addresses.
    if (canonical === undefined || canonical === '0.0.0.0' || canonical === '::' || seen.has(canonical))
      return [];
    seen.add(canonical);
    return [{ address: canonical, note }];
  });
}
