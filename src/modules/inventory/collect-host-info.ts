import { hostname, networkInterfaces, release } from 'node:os';
import { join } from 'node:path';
import { clip } from './clip.ts';
import { compareText } from './compare-text.ts';
import { parseOsRelease } from './parse-os-release.ts';
import { readOptionalTextFile } from './read-text-file.ts';
import type { HostInfo, NetworkAddress } from '../../protocol/inventory.ts';

export interface HostInfoOptions {
  root: string;
  procRoot: string;
}

/**
 * OS release from /etc/os-release (falling back to /usr/lib/os-release, as
 * the format specifies), kernel release and hostname from procRoot (falling
 * back to the running kernel's), and this host's interface addresses, which
 * always come from the running kernel whatever root says.
 */
export async function collectHostInfo(options: HostInfoOptions): Promise<HostInfo> {
  const small = { maxBytes: 64 * 1024 };
  const osText =
    (await readOptionalTextFile(join(options.root, 'etc/os-release'), small)) ??
    (await readOptionalTextFile(join(options.root, 'usr/lib/os-release'), small));
  const kernel = await readOptionalTextFile(join(options.procRoot, 'sys/kernel/osrelease'), small);
  const name = await readOptionalTextFile(join(options.procRoot, 'sys/kernel/hostname'), small);
  return {
    hostname: clip(name?.trim() || hostname(), 253),
    kernel: clip(kernel?.trim() || release(), 256),
    os: osText === null ? null : parseOsRelease(osText),
    addresses: interfaceAddresses(),
  };
}

function interfaceAddresses(): NetworkAddress[] {
  const addresses: NetworkAddress[] = [];
  for (const [name, infos] of Object.entries(networkInterfaces())) {
    for (const info of infos ?? []) {
      addresses.push({
        interface: name,
        family: info.family === 'IPv4' ? 4 : 6,
        address: info.address,
        cidr: info.cidr,
        mac: info.mac,
        internal: info.internal,
      });
    }
  }
  return addresses.sort(
    (a, b) =>
      compareText(a.interface, b.interface) || a.family - b.family || compareText(a.address, b.address),
  );
}
