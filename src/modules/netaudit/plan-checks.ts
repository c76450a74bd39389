import type { CheckFamily, ServiceInfo } from '../../protocol/netscan.ts';

export type StartTls = 'smtp' | 'imap' | 'pop3' | 'ftp' | 'postgresql';

/** One check to run against one endpoint, with what the family's engine needs to know. */
export type PlannedCheck =
  | { family: 'tls'; address: string; port: number; serverName?: string; starttls?: StartTls }
  | { family: 'ssh'; address: string; port: number; host?: string }
  | { family: 'http'; address: string; port: number; tls: boolean; host?: string }
  | { family: 'exposure'; address: string; port: number; host?: string };

const startTlsServices: ReadonlySet<string> = new Set<StartTls>([
  'smtp',
  'imap',
  'pop3',
  'ftp',
  'postgresql',
]);

/**
 * The checks an identified service gets: TLS where it speaks TLS from the first byte or offers an
 * upgrade, SSH on SSH, HTTP on HTTP (TLS-wrapped too), exposure on everything. `host` is the name
 * the target was given as: it goes out as SNI and as the Host header, so virtual hosts answer as
 * they would to their users.
 */
export function planChecks(
  service: ServiceInfo,
  families: readonly CheckFamily[],
  host?: string,
): PlannedCheck[] {
  const { address, port } = service;
  const tcp = service.transport === 'tcp';
  const named = host === undefined ? {} : { host };
  const sni = host === undefined ? {} : { serverName: host };
  const planned: PlannedCheck[] = [];
  for (const family of families) {
    if (family === 'tls' && tcp && service.tls) planned.push({ family, address, port, ...sni });
    else if (family === 'tls' && tcp && service.starttls === true && startTlsServices.has(service.service))
      planned.push({ family, address, port, ...sni, starttls: service.service as StartTls });
    else if (family === 'ssh' && tcp && service.service === 'ssh')
      planned.push({ family, address, port, ...named });
    else if (family === 'http' && tcp && service.service === 'http')
      planned.push({ family, address, port, tls: service.tls, ...named });
    else if (family === 'exposure') planned.push({ family, address, port, ...named });
  }
  return planned;
}
