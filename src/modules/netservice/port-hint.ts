import type { ServiceName } from '../../protocol/netscan.ts';

export interface PortHint {
  service: ServiceName;
  /** TLS from the first byte (https, imaps…). */
  tls: boolean;
}

/** The IANA assignments and common conventions that order the probes; never the answer by themselves. */
const hints: Record<number, PortHint> = {
  21: { service: 'ftp', tls: false },
  22: { service: 'ssh', tls: false },
  23: { service: 'telnet', tls: false },
  25: { service: 'smtp', tls: false },
  53: { service: 'dns', tls: false },
  80: { service: 'http', tls: false },
  110: { service: 'pop3', tls: false },
  139: { service: 'smb', tls: false },
  143: { service: 'imap', tls: false },
  443: { service: 'http', tls: true },
  445: { service: 'smb', tls: false },
  465: { service: 'smtp', tls: true },
  587: { service: 'smtp', tls: false },
  990: { service: 'ftp', tls: true },
  993: { service: 'imap', tls: true },
  995: { service: 'pop3', tls: true },
  1883: { service: 'mqtt', tls: false },
  2525: { service: 'smtp', tls: false },
  3306: { service: 'mysql', tls: false },
  3389: { service: 'rdp', tls: false },
  4222: { service: 'nats', tls: false },
  5432: { service: 'postgresql', tls: false },
  5671: { service: 'amqp', tls: true },
  5672: { service: 'amqp', tls: false },
  6379: { service: 'redis', tls: false },
  6380: { service: 'redis', tls: true },
  8000: { service: 'http', tls: false },
  8008: { service: 'http', tls: false },
  8080: { service: 'http', tls: false },
  8443: { service: 'http', tls: true },
  8883: { service: 'mqtt', tls: true },
  8888: { service: 'http', tls: false },
  9200: { service: 'elasticsearch', tls: false },
  27017: { service: 'mongodb', tls: false },
};

export function portHint(port: number): PortHint | undefined {
  return hints[port];
}

/** Protocols whose server speaks first: worth a longer wait for the greeting on their ports. */
export const serverFirst: ReadonlySet<ServiceName> = new Set([
  'ssh',
  'ftp',
  'telnet',
  'smtp',
  'imap',
  'pop3',
  'mysql',
  'nats',
]);
