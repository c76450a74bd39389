/*
 * TLS audit benchmark (issue 8): Vigil's auditTls against sslscan and testssl.sh (`-p -E`: protocols
 * and every suite per protocol, the same scope) on three real servers: a legacy openssl s_server, a
 * GnuTLS server with RC4 and 3DES (which Debian's OpenSSL 3 no longer has), and a strong nginx. Each tool's accepted (protocol, suite) pairs are compared with the server's
 * configuration, known exactly, so all three are judged against the same truth: `agrees` is 1 when
 * a tool found exactly the configured protocols and suites. Weak suites are counted from each tool's
 * accepted pairs with Vigil's suite table (NULL, anon, EXPORT, RC4, DES, 3DES), so the counts differ
 * only when the findings do. Each benchmark starts its own server outside the timed runs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { auditTls } from '../src/modules/nettls/audit-tls.ts';
import { cipherSuiteByCode } from '../src/modules/nettls/cipher-suites.ts';
import {
  generateCert,
  legacyGnutlsPriority,
  serviceDir,
  startGnutlsServ,
  startNginx,
  startSServer,
} from '../test/helpers/net-services.ts';
import { createAgentNamespace } from '../test/helpers/netns.ts';
import type { Benchmark } from './harness.ts';

const run = promisify(execFile);

/** `TLSv1.2 0xc02f` pairs. */
type Accepted = Set<string>;

interface Target {
  label: string;
  start: () => Promise<{ address: string; port: number; stop: () => Promise<void> }>;
  truth: Accepted;
}

/** gnutls-serv listens on every interface, so it runs alone in a network namespace behind a veth pair. */
async function startGnutls(): Promise<{ address: string; port: number; stop: () => Promise<void> }> {
  const dir = serviceDir('bench-gnutls');
  const cert = await generateCert(dir, { altNames: ['localhost'] });
  const namespace = createAgentNamespace('tlsb', 132);
  const port = 4433;
  const cleanUp = () => {
    namespace.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const server = await startGnutlsServ(namespace, { port, cert, priority: legacyGnutlsPriority });
    const stop = () => {
      server.stop();
      cleanUp();
      return Promise.resolve();
    };
    return { address: namespace.hostAddress, port, stop };
  } catch (error) {
    cleanUp();
    throw error;
  }
}

function pairs(protocol: string, codes: number[]): string[] {
  return codes.map((code) => `${protocol} 0x${code.toString(16).padStart(4, '0')}`);
}

const targets: Target[] = [
  {
    label: 'legacy s_server (TLS 1.0/1.1, NULL, anon, static RSA)',
    start: () =>
      startSServer({
        args: ['-no_tls1_2', '-no_tls1_3', '-cipher', 'AES128-SHA:NULL-SHA:ADH-AES256-SHA:@SECLEVEL=0'],
      }),
    truth: new Set([...pairs('TLSv1.0', [0x02, 0x2f, 0x3a]), ...pairs('TLSv1.1', [0x02, 0x2f, 0x3a])]),
  },
  {
    label: 'GnuTLS server (TLS 1.0/1.1, RC4, 3DES, CBC)',
    start: startGnutls,
    truth: new Set([
      ...pairs('TLSv1.0', [0x05, 0x0a, 0x2f, 0xc011, 0xc012, 0xc013]),
      ...pairs('TLSv1.1', [0x05, 0x0a, 0x2f, 0xc011, 0xc012, 0xc013]),
    ]),
  },
  {
    label: 'strong nginx (TLS 1.2/1.3, ECDHE AEAD)',
    start: () =>
      startNginx({
        http: false,
        https: true,
        httpsConfig: [
          'ssl_protocols TLSv1.2 TLSv1.3;',
          'ssl_ciphers ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256;',
          'ssl_prefer_server_ciphers on;',
        ].join('\n'),
      }),
    truth: new Set([
      ...pairs('TLSv1.2', [0xc030, 0xcca8, 0xc02f]),
      ...pairs('TLSv1.3', [0x1301, 0x1302, 0x1303]),
    ]),
  },
];

async function vigil(address: string, port: number): Promise<Accepted> {
  const { report } = await auditTls({ address, port });
  return new Set(
    report.ciphers.flatMap((entry) => entry.suites.map((suite) => `${entry.protocol} ${suite.id}`)),
  );
}

async function sslscan(address: string, port: number): Promise<Accepted> {
  const { stdout } = await run('sslscan', ['--no-colour', '--show-cipher-ids', `${address}:${port}`], {
    maxBuffer: 4 * 1024 * 1024,
  });
  const accepted: Accepted = new Set();
  for (const line of stdout.split('\n')) {
    const match = /^(?:Accepted|Preferred)\s+(TLSv1\.[0-3]|SSLv3)\s+\d+ bits\s+0x([0-9A-F]{4})\s/.exec(line);
    if (match) accepted.add(`${match[1]} 0x${(match[2] ?? '').toLowerCase()}`);
  }
  return accepted;
}

const testsslProtocols: Record<string, string> = {
  ssl3: 'SSLv3',
  tls1: 'TLSv1.0',
  tls1_1: 'TLSv1.1',
  tls1_2: 'TLSv1.2',
  tls1_3: 'TLSv1.3',
};

async function testssl(address: string, port: number): Promise<Accepted> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-testssl-'));
  try {
    const json = join(dir, 'out.json');
    await run(
      'testssl',
      ['--quiet', '--color', '0', '--warnings', 'off', '-p', '-E', '--jsonfile', json, `${address}:${port}`],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const entries = JSON.parse(readFileSync(json, 'utf8')) as { id: string }[];
    const accepted: Accepted = new Set();
    for (const { id } of entries) {
      const match = /^cipher-(ssl3|tls1(?:_[123])?)_x([0-9a-f]+)$/.exec(id);
      if (match) accepted.add(`${testsslProtocols[match[1] ?? '']} 0x${(match[2] ?? '').padStart(4, '0')}`);
    }
    return accepted;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const weak = new Set(['NULL', 'anon', 'EXPORT', 'RC4', 'DES', '3DES']);

function figures(accepted: Accepted, truth: Accepted): Record<string, number> {
  const protocols = new Set([...accepted].map((pair) => pair.split(' ')[0]));
  const weakSuites = [...accepted].filter((pair) =>
    cipherSuiteByCode(Number(pair.split(' ')[1]))?.weaknesses.some((w) => weak.has(w)),
  ).length;
  const agrees = accepted.size === truth.size && [...truth].every((pair) => accepted.has(pair));
  return { protocols: protocols.size, acceptedSuites: accepted.size, weakSuites, agrees: agrees ? 1 : 0 };
}

/*
 * One warm-up run for Vigil and sslscan: Vigil builds its trust-store TLS context once per process
 * (a scanner is a long-running process); `firstRunMs` reports each tool's first, cold run. The
 * peers start a process per run.
 */
const tools: {
  name: string;
  scan: (address: string, port: number) => Promise<Accepted>;
  iterations: number;
}[] = [
  { name: 'Vigil auditTls', scan: vigil, iterations: 10 },
  { name: 'sslscan --no-colour', scan: sslscan, iterations: 3 },
  { name: 'testssl.sh -p -E', scan: testssl, iterations: 1 },
];

export const benchmarks: Benchmark[] = targets.flatMap((target) =>
  tools.map((tool): Benchmark => ({
    name: `TLS audit of ${target.label}: ${tool.name}`,
    iterations: tool.iterations,
    warmup: tool.scan === testssl ? 0 : 1,
    async setup() {
      const server = await target.start();
      let last: Accepted = new Set();
      let firstRunMs = 0;
      return {
        op: async () => {
          const started = performance.now();
          last = await tool.scan(server.address, server.port);
          firstRunMs ||= Math.round(performance.now() - started);
        },
        teardown: () => server.stop(),
        report: () => ({ ...figures(last, target.truth), firstRunMs }),
      };
    },
  })),
);
