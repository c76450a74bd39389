/*
 * Service identification (issue 8): real local daemons — sshd, nginx over HTTP and HTTPS, the
 * machine's PostgreSQL on 5432, Redis, `openssl s_server` speaking only TLS 1.0, mosquitto and NATS,
 * all but PostgreSQL on free ports so no port number gives them away — identified by Vigil's
 * identifyService (all ports at once, as the scan does) and by `nmap -sV -sT -Pn -n` (Debian's nmap)
 * in the same run. nmap runs once (it takes tens of seconds); Vigil one warm-up and three timed runs.
 * The report prints, port by port, what each tool said and whether they agree.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { identifyService } from '../src/modules/netservice/identify-service.ts';
import type { ServiceInfo } from '../src/protocol/netscan.ts';
import { hasProgram } from '../test/helpers/requirements.ts';
import {
  localhost,
  machinePostgres,
  startMosquitto,
  startNats,
  startNginx,
  startRedis,
  startSServer,
  startSshd,
  type LocalService,
} from '../test/helpers/net-services.ts';
import type { Benchmark } from './harness.ts';

const run = promisify(execFile);

interface NmapService {
  name: string;
  product: string;
  version: string;
  tls: boolean;
}

function attribute(tag: string, name: string): string {
  const value = new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** Port → service from `nmap -oX -` (our own nmap's output, on our own ports). */
export function parseNmapXml(xml: string): Map<number, NmapService> {
  const services = new Map<number, NmapService>();
  for (const block of xml.split('<port ').slice(1)) {
    const port = Number(attribute(block, 'portid'));
    const tag = /<service [^>]*>/.exec(block.slice(0, block.indexOf('</port>')))?.[0] ?? '';
    const name = attribute(tag, 'name') || 'unknown';
    services.set(port, {
      name: name === 'ssl' ? 'tls' : name,
      product: attribute(tag, 'product'),
      version: attribute(tag, 'version'),
      tls: attribute(tag, 'tunnel') === 'ssl' || name === 'ssl',
    });
  }
  return services;
}

type Verdict = 'agree' | 'vigil only' | 'nmap only' | 'differ' | '—';

function compareText(vigil: string, nmap: string, same: (a: string, b: string) => boolean): Verdict {
  if (!vigil && !nmap) return '—';
  if (!nmap) return 'vigil only';
  if (!vigil) return 'nmap only';
  return same(vigil.toLowerCase(), nmap.toLowerCase()) ? 'agree' : 'differ';
}

function verdicts(vigil: ServiceInfo, nmap: NmapService | undefined) {
  const theirs = nmap ?? { name: 'unknown', product: '', version: '', tls: false };
  return {
    service:
      vigil.service === theirs.name && vigil.tls === theirs.tls
        ? 'agree'
        : theirs.name === 'unknown'
          ? 'vigil only'
          : 'differ',
    // nmap's product names are longer ("PostgreSQL DB", "Redis key-value store"): one contains the other.
    product: compareText(vigil.product ?? '', theirs.product, (a, b) => a.includes(b) || b.includes(a)),
    // nmap appends the distribution's patch level ("9.2p1 Debian 2+deb12u10"): a prefix agrees.
    version: compareText(vigil.version ?? '', theirs.version, (a, b) => b.startsWith(a) || a.startsWith(b)),
  };
}

const label = (info: { name?: string; service?: string; tls: boolean; product?: string; version?: string }) =>
  `${info.tls ? 'ssl/' : ''}${info.name ?? info.service ?? ''} ${info.product ?? ''} ${info.version ?? ''}`
    .replace(/\s+/g, ' ')
    .trim();

const servicesBench: Benchmark = {
  name: 'netscan services: 8 local services identified, Vigil identifyService (nmap -sV in the same run)',
  iterations: 3,
  warmup: 1,
  async setup() {
    const started: LocalService[] = [];
    const start = async <T extends LocalService>(service: Promise<T>) => {
      const running = await service;
      started.push(running);
      return running;
    };
    const [nginx, sshd, sServer, mosquitto, redis, nats] = await Promise.all([
      start(startNginx({ https: true })),
      start(startSshd()),
      start(startSServer({ args: ['-tls1', '-cipher', 'AES128-SHA:@SECLEVEL=0'] })),
      start(startMosquitto()),
      start(startRedis()),
      start(startNats()),
    ]);
    const endpoints: [string, number][] = [
      ['sshd', sshd.port],
      ['nginx http', nginx.httpPort ?? 0],
      ['nginx https', nginx.httpsPort ?? 0],
      ['postgresql (machine)', machinePostgres.port],
      ['redis', redis.port],
      ['s_server tls1.0', sServer.port],
      ['mosquitto', mosquitto.port],
      ['nats', nats.port],
    ];
    const ports = endpoints.map(([, port]) => port);
    const nmapStarted = performance.now();
    const { stdout } = await run(
      'nmap',
      ['-sV', '-sT', '-Pn', '-n', '-p', ports.join(','), '-oX', '-', localhost],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const nmapMs = performance.now() - nmapStarted;
    const nmap = parseNmapXml(stdout);
    let last: { info: ServiceInfo; ms: number }[] = [];
    return {
      op: async () => {
        last = await Promise.all(
          ports.map(async (port) => {
            const started = performance.now();
            const info = await identifyService({ address: localhost, port });
            return { info, ms: performance.now() - started };
          }),
        );
      },
      teardown: async () => {
        await Promise.all(started.map((service) => service.stop()));
      },
      report: () => {
        const rows = endpoints.map(([name, port], index) => {
          const identified = last[index];
          if (!identified) throw new Error(`no identification for ${name}`);
          const vigil = identified.info;
          return {
            name,
            vigil,
            ms: identified.ms,
            nmap: nmap.get(port),
            verdict: verdicts(vigil, nmap.get(port)),
          };
        });
        process.stdout.write(
          [
            '| service | nmap -sV | Vigil | Vigil ms | service | product | version |',
            '| --- | --- | --- | ---: | --- | --- | --- |',
            ...rows.map(
              (row) =>
                `| ${row.name} | ${row.nmap ? label(row.nmap) : '—'} | ${label(row.vigil)}${row.vigil.auth ? ` (auth ${row.vigil.auth})` : ''} | ${Math.round(row.ms)} | ${row.verdict.service} | ${row.verdict.product} | ${row.verdict.version} |`,
            ),
            '',
          ].join('\n'),
        );
        const count = (field: 'service' | 'product' | 'version', verdict: Verdict) =>
          rows.filter((row) => row.verdict[field] === verdict).length;
        return {
          services: rows.length,
          serviceAgree: count('service', 'agree'),
          serviceVigilOnly: count('service', 'vigil only'),
          productAgree: count('product', 'agree'),
          productVigilOnly: count('product', 'vigil only'),
          versionAgree: count('version', 'agree'),
          versionVigilOnly: count('version', 'vigil only'),
          versionDiffer: count('version', 'differ'),
          nmapSeconds: Math.round(nmapMs / 10) / 100,
        };
      },
    };
  },
};

const usable = ['nmap', 'nginx', 'redis-server', 'mosquitto', 'nats-server', 'openssl'].every(hasProgram);

export const benchmarks: Benchmark[] = usable ? [servicesBench] : [];
