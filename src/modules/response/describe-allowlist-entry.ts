import type { AllowlistEntry } from '../../protocol/blocks.ts';

/** Why an address is never blocked, for problems, logs and the audit log. */
export function describeAllowlistEntry(entry: AllowlistEntry): string {
  switch (entry.source) {
    case 'config':
      return `it is in response.allowlist (${entry.address})`;
    case 'loopback':
      return `it is a loopback address (${entry.address})`;
    case 'server':
      return `it is this server's address (${entry.address}, ${entry.note ?? 'server'})`;
    case 'agent':
      return `it is the address of agent ${entry.note ?? ''} (${entry.address})`;
  }
}
