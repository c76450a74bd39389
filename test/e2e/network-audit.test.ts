import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ScanReport } from '../../src/protocol/netscan.ts';
import {
  localhost,
  machinePostgres,
  startNginx,
  startRedis,
  startSServer,
  startSshd,
  type LocalService,
  type NginxService,
} from '../helpers/net-services.ts';
import { needs } from '../helpers/requirements.ts';
import { runTs } from '../helpers/run-ts.ts';

/*
 * Issue 8 end to end: `vigil scan` as a user runs it, against real daemons on 127.0.0.1: sshd as
 * Debian ships it (passwords on), nginx over HTTP and HTTPS with its security headers set but its
 * version shown, no HSTS and a .git directory in the docroot, openssl s_server offering only TLS
 * 1.0/1.1 with a static-RSA CBC suite, Redis without a password, and the machine's PostgreSQL
 * (trust). The findings are asserted exactly, as (check, port) pairs.
 */

function requirements(): { skip?: string } {
  for (const [program, why] of [
    ['sshd', 'the audited SSH server'],
    ['nginx', 'the audited web server'],
    ['openssl', 'the legacy TLS server'],
    ['redis-server', 'the unauthenticated cache'],
  ] as const) {
    const options = needs(program, why);
    if (options.skip) return options;
  }
  return {};
}

/** Every header the HTTP audit looks for, except HSTS: the deliberate gaps are the version, HSTS and .git. */
const securityHeaders = [
  `add_header Content-Security-Policy "default-src 'self'" always;`,
  'add_header X-Frame-Options DENY always;',
  'add_header X-Content-Type-Options nosniff always;',
  'add_header Referrer-Policy no-referrer always;',
  'add_header Permissions-Policy "camera=()" always;',
].join('\n');

const scan = (...args: string[]) => runTs('src/cli/main.ts', ['scan', ...args]);

describe('vigil scan against real services', requirements(), () => {
  let sshd: LocalService;
  let nginx: NginxService;
  let legacy: LocalService;
  let redis: LocalService;
  let ports: Record<string, number>;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-network-audit-'));
    [sshd, nginx, legacy, redis] = await Promise.all([
      startSshd(),
      startNginx({
        https: true,
        serverConfig: securityHeaders,
        files: {
          'index.html': '<h1>vigil</h1>\n',
          '.git/HEAD': 'ref: refs/heads/main\n',
          '.git/config': '[core]\n\trepositoryformatversion = 0\n',
        },
      }),
      startSServer({ args: ['-no_tls1_2', '-no_tls1_3', '-cipher', 'AES128-SHA:@SECLEVEL=0'], www: false }),
      startRedis(),
    ]);
    ports = {
      ssh: sshd.port,
      http: nginx.httpPort ?? 0,
      https: nginx.httpsPort ?? 0,
      legacy: legacy.port,
      redis: redis.port,
      postgresql: machinePostgres.port,
    };
  });
  after(async () => {
    await Promise.all([sshd, nginx, legacy, redis].map((service) => service.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** `check@name` for each finding, with the port's role instead of its random number. */
  function named(findings: { check: string; port?: number | undefined }[]): string[] {
    const byPort = new Map(Object.entries(ports).map(([name, port]) => [port, name]));
    return findings.map((f) => `${f.check}@${byPort.get(f.port ?? 0) ?? String(f.port)}`).sort();
  }

  test('finds every service and exactly the weaknesses each has', async () => {
    const output = join(dir, 'report.json');
    // By name, as users give their servers: the name goes out as SNI and Host and is checked against the certificate.
    const result = await scan(
      ...['localhost', '--scope', '127.0.0.0/8', '-p', Object.values(ports).join(',')],
      ...['--format', 'json', '--output', output],
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    // Where /etc/hosts also maps localhost to ::1, the scope leaves that out, with a warning.
    assert.match(result.stderr, /^(vigil: warning: left alone, outside the scope: ::1\n)?$/);
    const report = JSON.parse(readFileSync(output, 'utf8')) as ScanReport;

    assert.deepEqual(report.checks, ['tls', 'ssh', 'http', 'exposure']);
    assert.equal(report.hosts.length, 1);
    const [host] = report.hosts;
    assert.ok(host);
    assert.equal(host.address, localhost);
    assert.deepEqual(
      host.services.map((s) => [s.port, s.service, s.tls, s.product ?? null, s.auth ?? null]),
      Object.entries(ports)
        .map(([name, port]): [number, string, boolean, string | null, string | null] => {
          const expected: Record<string, [string, boolean, string | null, string | null]> = {
            ssh: ['ssh', false, 'OpenSSH', null],
            http: ['http', false, 'nginx', null],
            https: ['http', true, 'nginx', null],
            legacy: ['tls', true, null, null],
            redis: ['redis', false, 'Redis', 'none'],
            postgresql: ['postgresql', false, 'PostgreSQL', 'none'],
          };
          const [service, tls, product, auth] = expected[name] ?? ['?', false, null, null];
          return [port, service, tls, product, auth];
        })
        .sort((a, b) => a[0] - b[0]),
    );
    assert.deepEqual(
      host.ports.map((p) => [p.port, p.state]),
      Object.values(ports)
        .sort((a, b) => a - b)
        .map((port) => [port, 'open']),
    );
    assert.deepEqual(host.tls.map((t) => t.port).sort(), [ports.https, ports.legacy].sort());
    assert.deepEqual(
      host.ssh.map((s) => s.port),
      [ports.ssh],
    );
    assert.deepEqual(host.http.map((h) => h.port).sort(), [ports.http, ports.https].sort());
    assert.deepEqual(host.names, ['localhost']);
    assert.deepEqual(
      host.tls.map((t) => [t.serverName, t.hostnameMatches]),
      [
        ['localhost', true],
        ['localhost', true],
      ],
    );
    assert.ok(
      host.http.every((h) => h.host.startsWith('localhost')),
      JSON.stringify(host.http.map((h) => h.host)),
    );
    assert.ok(report.findings.every((f) => f.host === 'localhost'));

    assert.deepEqual(named(report.findings), [
      'exposure.postgresql-no-auth@postgresql',
      'exposure.redis-no-auth@redis',
      'http.git-exposed@http',
      'http.git-exposed@https',
      'http.hsts-missing@https',
      'http.server-version-disclosure@http',
      'http.server-version-disclosure@https',
      'ssh.kex-weak@ssh',
      'ssh.mac-weak@ssh',
      'ssh.password-auth@ssh',
      'tls.cbc-only@legacy',
      'tls.cert-self-signed@https',
      'tls.cert-self-signed@legacy',
      'tls.no-forward-secrecy@https',
      'tls.no-forward-secrecy@legacy',
      'tls.no-tls1.2@legacy',
      'tls.protocol-tls1.0@legacy',
      'tls.protocol-tls1.1@legacy',
    ]);
    // Most severe first: the report is read top down.
    assert.deepEqual(
      report.findings.slice(0, 2).map((f) => f.check),
      ['exposure.postgresql-no-auth', 'exposure.redis-no-auth'],
    );
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.stats, {
      addresses: 1,
      hostsUp: 1,
      probes: 6,
      openPorts: 6,
      outOfScope: 0,
    });
  });

  test('never touches what lies outside the scope, and says what it left out', async (t) => {
    // A listener on 127.0.0.2 at each scanned port: any connection to it is a scope violation.
    const touched: string[] = [];
    const traps: Server[] = [];
    const trap = (port: number) =>
      new Promise<void>((resolve, reject) => {
        const server = createServer((socket) => {
          touched.push(`${socket.localAddress ?? ''}:${socket.localPort ?? 0}`);
          socket.destroy();
        });
        server.once('error', reject);
        server.listen(port, '127.0.0.2', () => resolve());
        traps.push(server);
      });
    t.after(() => {
      for (const server of traps) server.close();
    });
    await trap(ports.redis ?? 0);
    await trap(ports.ssh ?? 0);

    const output = join(dir, 'scoped.json');
    const result = await scan(
      ...['127.0.0.1', '127.0.0.2', 'localhost', '198.51.100.7', '127.0.0.0/30'],
      ...['--scope', '127.0.0.1/32', '-p', `${ports.redis},${ports.ssh}`, '--checks', 'exposure'],
      ...['--format', 'json', '--output', output, '--fail-on', 'critical'],
    );
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /^vigil: warning: left alone, outside the scope: 127\.0\.0\.2, /);
    assert.equal(result.stderr.split('\n').length, 2, result.stderr);
    const report = JSON.parse(readFileSync(output, 'utf8')) as ScanReport;

    assert.deepEqual(
      report.hosts.map((h) => [h.address, h.names]),
      [['127.0.0.1', ['localhost']]],
    );
    const outOfScope = report.outOfScope ?? [];
    // Where /etc/hosts also maps localhost to ::1, that address is left out too.
    assert.deepEqual(outOfScope.filter((address) => address !== '::1').sort(), [
      '127.0.0.0',
      '127.0.0.2',
      '127.0.0.3',
      '198.51.100.7',
    ]);
    assert.equal(report.stats.outOfScope, outOfScope.length);
    assert.equal(report.stats.addresses, 1);
    assert.deepEqual(
      report.findings.map((f) => [f.check, f.address, f.host, f.port]),
      [['exposure.redis-no-auth', '127.0.0.1', 'localhost', ports.redis]],
    );
    assert.deepEqual(touched, []);
  });

  test('table, SARIF and JSON lines', async () => {
    const sarifFile = join(dir, 'scan.sarif');
    const base = [localhost, '-p', String(ports.redis), '--checks', 'exposure', '--no-discovery'];
    const [table, sarif, jsonl] = await Promise.all([
      scan(...base),
      scan(...base, '--format', 'sarif', '--output', sarifFile),
      scan(...base, '--format', 'jsonl', '--fail-on', 'high'),
    ]);

    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.split('\n');
    assert.match(lines[0] ?? '', /^HOST\s+PORT\s+SERVICE\s+PRODUCT\s+TLS\s+AUTH$/);
    assert.match(
      lines[1] ?? '',
      new RegExp(`^127\\.0\\.0\\.1\\s+${ports.redis}/tcp\\s+redis\\s+Redis \\S+\\s+-\\s+none$`),
    );
    assert.match(lines[3] ?? '', /^SEVERITY\s+CHECK\s+ENDPOINT\s+FINDING\s+EVIDENCE$/);
    assert.match(
      lines[4] ?? '',
      new RegExp(`^critical\\s+exposure\\.redis-no-auth\\s+127\\.0\\.0\\.1:${ports.redis}\\s`),
    );
    assert.match(
      lines[6] ?? '',
      /^1 host up of 1 address · 1 port probed, 1 open · 1 finding: 1 critical · \d+\.\d s$/,
    );

    assert.equal(sarif.code, 0, sarif.stderr);
    const log = JSON.parse(readFileSync(sarifFile, 'utf8')) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    const [run] = log.runs;
    assert.ok(run);
    assert.equal(run.tool.driver.name, 'vigil-scan');
    assert.deepEqual(
      run.tool.driver.rules.map((r) => r.id),
      ['exposure.redis-no-auth'],
    );
    assert.deepEqual(
      run.results.map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation.artifactLocation.uri]),
      [['exposure.redis-no-auth', 'error', `tcp://127.0.0.1:${ports.redis}`]],
    );

    assert.equal(jsonl.code, 1, jsonl.stderr);
    assert.deepEqual(
      jsonl.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { check: string; port: number; severity: string })
        .map((f) => [f.check, f.port, f.severity]),
      [['exposure.redis-no-auth', ports.redis, 'critical']],
    );
  });

  test('bad input: one line on standard error, exit 2, nothing scanned', async () => {
    const cases = [[localhost, '-p', '22,70000'], ['10.0.0.1;reboot'], [localhost, '--checks', 'tls,smtp']];
    const results = await Promise.all(cases.map((args) => scan(...args)));
    for (const [index, result] of results.entries()) {
      assert.equal(result.code, 2, `${cases[index]?.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^vigil: [^\n]+\n$/, result.stderr);
    }
  });
});
