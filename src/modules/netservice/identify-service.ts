import type { ServiceInfo, ServiceName } from '../../protocol/netscan.ts';
import { bannerLine } from './banner-line.ts';
import { matchGreeting } from './match-greeting.ts';
import { NetServiceError } from './net-service-error.ts';
import { openTls } from './open-tls.ts';
import { portHint, serverFirst } from './port-hint.ts';
import { probeAmqp } from './probe-amqp.ts';
import { probeDns } from './probe-dns.ts';
import { probeHttp } from './probe-http.ts';
import { codedReplyComplete, followFtp, followImap, followPop3, followSmtp } from './probe-mail.ts';
import { probeMongodb } from './probe-mongodb.ts';
import { probeMqtt } from './probe-mqtt.ts';
import { followMysql } from './probe-mysql.ts';
import { probePostgresql } from './probe-postgresql.ts';
import { probeRdp } from './probe-rdp.ts';
import { probeRedis } from './probe-redis.ts';
import { probeSmb } from './probe-smb.ts';
import { openTcp, ProbeStream } from './probe-stream.ts';
import type { ClientProbe, ProbeContext, ServiceFacts } from './service-facts.ts';

export interface IdentifyOptions {
  /** The whole identification, every probe included (default 10 s). */
  timeoutMs?: number;
  /** One reply (default 1.5 s; a hinted server-first port waits up to 5 s for its greeting). */
  replyWaitMs?: number;
  signal?: AbortSignal;
}

/** Client-first probes, in the order tried when the port number suggests nothing. */
const clientProbes: [ServiceName, ClientProbe][] = [
  ['http', probeHttp],
  ['redis', probeRedis],
  ['postgresql', probePostgresql],
  ['mongodb', probeMongodb],
  ['mqtt', probeMqtt],
  ['amqp', probeAmqp],
  ['rdp', probeRdp],
  ['smb', probeSmb],
  ['dns', probeDns],
];

const probeFor = (service: ServiceName | undefined) =>
  clientProbes.find(([name]) => name === service || (service === 'elasticsearch' && name === 'http'));

/**
 * Enough of a greeting: the last line of a multi-line `220-` reply, else a recognised greeting or a
 * whole line of something else. Lines left unread would be taken for the answer to the follow-up.
 */
const greetingComplete = (hint?: ServiceName) => (bytes: Buffer) =>
  /^\d{3}-/.test(bytes.subarray(0, 4).toString('latin1'))
    ? codedReplyComplete(bytes)
    : matchGreeting(bytes, hint) !== undefined || bytes.includes(0x0a);

/** Runs the follow-up a greeting calls for (EHLO, CAPABILITY, CAPA, FEAT, a MySQL login) on the same connection. */
async function follow(stream: ProbeStream, greeting: ServiceFacts): Promise<ServiceFacts> {
  if (greeting.details?.ambiguous !== undefined) {
    const { ambiguous: _, ...details } = greeting.details;
    const plain = { ...greeting, details };
    return (await followSmtp(stream, plain)) ?? (await followFtp(stream, plain)) ?? plain;
  }
  switch (greeting.service) {
    case 'smtp':
      return (await followSmtp(stream, greeting)) ?? greeting;
    case 'ftp':
      return (await followFtp(stream, greeting)) ?? greeting;
    case 'imap':
      return followImap(stream, greeting);
    case 'pop3':
      return followPop3(stream, greeting);
    case 'mysql':
      return followMysql(stream, greeting);
    default:
      return greeting;
  }
}

/**
 * What listens on a TCP port, the way nmap -sV finds out: first wait for a greeting (SSH, SMTP, FTP,
 * IMAP, POP3, MySQL, NATS, Telnet speak first), then probes for protocols where the client speaks first,
 * the one the port number suggests leading: TLS (and the protocol inside it), HTTP (Elasticsearch
 * among it), Redis, PostgreSQL, MongoDB, MQTT, AMQP, RDP, SMB, DNS. Every probe is a real protocol
 * exchange whose reply is parsed with bounds; nothing the server says is trusted beyond its shape.
 * Throws NetServiceError when the port does not accept a connection.
 */
export async function identifyService(
  endpoint: { address: string; port: number; serverName?: string },
  options: IdentifyOptions = {},
): Promise<ServiceInfo> {
  const { address, port, serverName } = endpoint;
  const { signal } = options;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const waitMs = options.replyWaitMs ?? 1500;
  const hint = portHint(port);
  const remaining = () => Math.max(1, deadline - Date.now());
  const open = async () => {
    if (signal?.aborted) throw new NetServiceError('aborted', 'service identification aborted');
    try {
      return new ProbeStream(await openTcp(address, port, remaining(), signal), deadline, signal);
    } catch (error) {
      if (signal?.aborted)
        throw new NetServiceError('aborted', 'service identification aborted', { cause: error });
      throw new NetServiceError('connect-failed', `${address} port ${port}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  /** A later connection: a server that stops accepting ends the probing, not the identification. */
  const reopen = async () => {
    try {
      return await open();
    } catch (error) {
      if (signal?.aborted) throw error;
      return undefined;
    }
  };
  const context: ProbeContext = {
    host: serverName ?? (address.includes(':') ? `[${address}]` : address),
    waitMs,
    reopen,
  };
  const base = { address, port, transport: 'tcp' as const };
  const finish = (facts: ServiceFacts, tls: boolean): ServiceInfo => ({
    ...base,
    ...facts,
    tls,
    method: facts.method ?? 'probe',
  });

  // The NULL probe: connect and listen.
  const first = await open();
  const greetingWait = hint === undefined ? waitMs : serverFirst.has(hint.service) && !hint.tls ? 5000 : 300;
  const greeting = await first.waitFor(greetingComplete(hint?.service), greetingWait);
  const greeted = matchGreeting(greeting, hint?.service);
  if (greeted) {
    try {
      return finish(await follow(first, greeted), false);
    } finally {
      first.close();
    }
  }
  const banner = greeting.length > 0 ? bannerLine(greeting) : undefined;
  let reusable = greeting.length === 0 && !first.closed ? first : undefined;
  if (!reusable) first.close();

  const hinted = probeFor(hint?.service);
  const order: (ServiceName | 'tls')[] = hint?.tls
    ? ['tls', ...clientProbes.map(([name]) => name)]
    : hinted
      ? [hinted[0], 'tls', ...clientProbes.map(([name]) => name).filter((name) => name !== hinted[0])]
      : ['tls', ...clientProbes.map(([name]) => name)];

  for (const step of order) {
    if (Date.now() >= deadline) break;
    if (signal?.aborted) throw new NetServiceError('aborted', 'service identification aborted');
    if (step === 'tls') {
      reusable?.close();
      reusable = undefined;
      const found = await identifyTls();
      if (found) return found;
      continue;
    }
    const probe = probeFor(step)?.[1];
    if (!probe) continue;
    const stream = reusable ?? (await reopen());
    reusable = undefined;
    if (!stream) break;
    let facts: ServiceFacts | undefined;
    try {
      facts = (await probe(stream, context)) ?? matchGreeting(stream.received, hint?.service);
    } finally {
      stream.close();
    }
    if (facts?.service === 'http' && step !== 'http') {
      // Another probe drew an HTTP error page: ask the HTTP question properly.
      const http = await reopen();
      try {
        if (http) facts = (await probeHttp(http, context)) ?? facts;
      } finally {
        http?.close();
      }
    }
    if (facts) return finish(facts, false);
  }

  if (signal?.aborted) throw new NetServiceError('aborted', 'service identification aborted');
  return {
    ...base,
    service: hint?.service ?? 'unknown',
    tls: hint?.tls ?? false,
    // Nothing answered a probe: a greeting nobody recognised, or only the port number to go by.
    method: banner && !hint ? 'banner' : 'port',
    ...(banner ? { banner } : {}),
  };

  async function identifyTls(): Promise<ServiceInfo | undefined> {
    let opening;
    try {
      opening = await openTls(endpoint, { deadline, waitMs, signal });
    } catch {
      return undefined;
    }
    if (opening.kind === 'tls-failed') return finish({ service: 'tls', details: opening.details }, true);
    if (opening.kind === 'not-tls') {
      const said = matchGreeting(opening.reply, hint?.service);
      // An HTTP server's 400 to the ClientHello: the HTTP probe that comes next asks properly.
      return said && said.service !== 'http' ? finish(said, false) : undefined;
    }
    const inner = new ProbeStream(opening.socket, deadline, signal);
    try {
      const innerGreeting = await inner.waitFor(greetingComplete(hint?.service), 500);
      const innerGreeted = matchGreeting(innerGreeting, hint?.service);
      const facts =
        (innerGreeted && (await follow(inner, innerGreeted))) ??
        (innerGreeting.length === 0 ? await probeHttp(inner, context) : undefined);
      if (facts) return finish({ ...facts, details: { ...opening.details, ...facts.details } }, true);
    } finally {
      inner.close();
    }
    if (hinted && hinted[0] !== 'http') {
      const again = await openTls(endpoint, { deadline, waitMs, signal }).catch(() => undefined);
      if (again?.kind === 'tls') {
        const stream = new ProbeStream(again.socket, deadline, signal);
        try {
          const facts = await hinted[1](stream, context);
          if (facts) return finish({ ...facts, details: { ...opening.details, ...facts.details } }, true);
        } finally {
          stream.close();
        }
      }
    }
    return finish({ service: 'tls', details: opening.details }, true);
  }
}
