import type { ServiceInfo } from '../../protocol/netscan.ts';
import type { ProbeStream } from './probe-stream.ts';

/** What a probe learned about a service, before identifyService adds the endpoint and the method. */
export type ServiceFacts = Omit<ServiceInfo, 'address' | 'port' | 'transport' | 'method' | 'tls'> & {
  method?: ServiceInfo['method'];
};

export interface ProbeContext {
  /** The Host header and TLS server name to send: the target's name, or its address. */
  host: string;
  /** How long to wait for one reply. */
  waitMs: number;
  /** A fresh connection to the same endpoint, for probes that need a second one; none if refused. */
  reopen: () => Promise<ProbeStream | undefined>;
}

/** A probe for a protocol where the client speaks first: sends its request, reads the reply. */
export type ClientProbe = (stream: ProbeStream, context: ProbeContext) => Promise<ServiceFacts | undefined>;
