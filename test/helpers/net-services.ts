import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './child-process.ts';

/*
 * Real network daemons for the network audit tests (issue 8): each runs from its own temp dir on a
 * free 127.0.0.1 port, and the starter returns once the port accepts connections. `stop()` ends the
 * daemon's whole process group and removes the temp dir; anything a crashed test leaves running is
 * killed when the test process exits. PostgreSQL is the machine's own 127.0.0.1:5432 (trust auth).
 */

const run = promisify(execFile);

export const localhost = '127.0.0.1';

export interface LocalService {
  address: typeof localhost;
  /** The port the service listens on (nginx: HTTPS when enabled, else HTTP). */
  port: number;
  /** The service's temp dir (config, keys, logs); removed by stop(). */
  dir: string;
  /** What the daemon wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<number>();
const dirs = new Set<string>();
process.once('exit', () => {
  for (const pid of running) killGroup(pid, 'SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** A temp dir readable by the unprivileged workers some daemons switch to (nginx, mosquitto). */
export function serviceDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `vigil-${label}-`));
  chmodSync(dir, 0o755);
  dirs.add(dir);
  return dir;
}

function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** Runs a starter in a new service dir, removed again when the starter fails (keys, certs, config). */
async function inServiceDir<T>(label: string, start: (dir: string) => Promise<T>): Promise<T> {
  const dir = serviceDir(label);
  try {
    return await start(dir);
  } catch (error) {
    removeDir(dir);
    throw error;
  }
}

/** Resolves once `port` accepts a TCP connection; rejects when `child` exits first or after `timeoutMs`. */
export async function waitForPort(port: number, child?: ChildProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`exited with ${child.exitCode ?? child.signalCode} before port ${port} accepted`);
    }
    if (await accepts(port)) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not accept within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether one TCP connection to 127.0.0.1:`port` succeeds. */
export function accepts(port: number, address: string = localhost): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Spawns `program` (in its own process group) with the args `build(port)` returns for a free port, and
 * waits for the port. Another test file may take the same free port first, so a daemon that exits
 * before listening is retried on a new port.
 */
async function startDaemon(
  dir: string,
  program: string,
  build: (port: number) => string[],
): Promise<LocalService & { child: ChildProcess }> {
  let failure = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(program, build(port), { cwd: dir, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const pid = child.pid ?? 0;
    if (pid) running.add(pid);
    const stop = async () => {
      running.delete(pid);
      if (child.pid && child.exitCode === null && child.signalCode === null) {
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid ?? 0, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
        // Forked children (sshd sessions) may outlive the leader.
        killGroup(child.pid, 'SIGKILL');
      }
      removeDir(dir);
    };
    try {
      await Promise.race([waitForPort(port, child), spawnError]);
      return { address: localhost, port, dir, child, output: () => output, stop };
    } catch (error) {
      running.delete(pid);
      if (child.pid) killGroup(child.pid, 'SIGKILL');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      failure = `${program}: ${(error as Error).message}\n${output.slice(-3000)}`;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') break;
    }
  }
  removeDir(dir);
  throw new Error(failure);
}

// ---------------------------------------------------------------------------------------------
// Certificates

export interface CertOptions {
  commonName?: string;
  /** Subject alternative names: `DNS:name`, `IP:addr`, or a bare name/address (its kind is guessed). */
  altNames?: string[];
  /** Validity from one hour ago, in days (default 365); ignored when notBefore/notAfter are given. */
  days?: number;
  notBefore?: Date;
  notAfter?: Date;
  /** `rsa:2048` (default), `rsa:1024`, `ec:prime256v1`, `ec:secp384r1`… */
  key?: `rsa:${number}` | `ec:${string}`;
  digest?: 'sha256' | 'sha384' | 'sha1';
  /** Signs with this CA instead of self-signing. */
  issuer?: GeneratedCert;
  /** Makes a CA certificate (basicConstraints CA:TRUE, keyCertSign). */
  ca?: boolean;
}

export interface GeneratedCert {
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
}

const caConfig = `[ ca ]
default_ca = signer
[ signer ]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = anything
copy_extensions = copy
unique_subject = no
[ anything ]
commonName = supplied
[ leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ authority ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
`;

function opensslTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

function altName(name: string): string {
  if (/^(DNS|IP|email|URI):/.test(name)) return name;
  return /^[\d.]+$|:/.test(name) ? `IP:${name}` : `DNS:${name}`;
}

/**
 * Makes a key and certificate in `dir` with `openssl ca` (which, unlike `req -x509`, sets any validity
 * window, so expired and not-yet-valid certificates can be made too).
 */
export async function generateCert(dir: string, options: CertOptions = {}): Promise<GeneratedCert> {
  const commonName = options.commonName ?? 'localhost';
  const id = randomBytes(4).toString('hex');
  const work = join(dir, `cert-${id}`);
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'ca.cnf'), caConfig);
  writeFileSync(join(work, 'index.txt'), '');
  writeFileSync(join(work, 'serial'), randomBytes(8).toString('hex').replace(/^./, '1') + '\n');
  const keyPath = join(work, 'key.pem');
  const certPath = join(work, 'cert.pem');
  const [kind, parameter] = (options.key ?? 'rsa:2048').split(':') as [string, string];
  const newKey =
    kind === 'ec'
      ? ['-newkey', 'ec', '-pkeyopt', `ec_paramgen_curve:${parameter}`]
      : ['-newkey', `rsa:${parameter}`];
  const altNames = options.altNames ?? (options.ca ? [] : [commonName]);
  await run(
    'openssl',
    [
      'req',
      '-new',
      ...newKey,
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      join(work, 'request.csr'),
      '-subj',
      `/CN=${commonName.replace(/[/\\]/g, '\\$&')}`,
      ...(altNames.length > 0 ? ['-addext', `subjectAltName=${altNames.map(altName).join(',')}`] : []),
    ],
    { cwd: work },
  );
  const notBefore = options.notBefore ?? new Date(Date.now() - 3600_000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + (options.days ?? 365) * 86_400_000);
  const signer = options.issuer
    ? ['-cert', options.issuer.certPath, '-keyfile', options.issuer.keyPath]
    : ['-selfsign', '-keyfile', keyPath];
  await run(
    'openssl',
    [
      'ca',
      '-batch',
      '-notext',
      '-config',
      'ca.cnf',
      ...signer,
      '-in',
      'request.csr',
      '-out',
      certPath,
      '-extensions',
      options.ca ? 'authority' : 'leaf',
      '-md',
      options.digest ?? 'sha256',
      '-startdate',
      opensslTime(notBefore),
      '-enddate',
      opensslTime(notAfter),
    ],
    { cwd: work },
  );
  chmodSync(keyPath, 0o644);
  return {
    certPath,
    keyPath,
    certPem: readFileSync(certPath, 'utf8'),
    keyPem: readFileSync(keyPath, 'utf8'),
  };
}

/** Writes `certPem` followed by the issuer chain, as nginx's ssl_certificate wants it. */
export function writeChain(path: string, ...certs: GeneratedCert[]): string {
  writeFileSync(path, certs.map((cert) => cert.certPem).join(''));
  return path;
}

// ---------------------------------------------------------------------------------------------
// sshd

export interface SshdOptions {
  /** Default true. */
  passwordAuthentication?: boolean;
  /** Host key types to generate (default ed25519 and rsa). */
  hostKeyTypes?: ('ed25519' | 'rsa' | 'ecdsa')[];
  /** Extra sshd_config lines (`Ciphers aes128-cbc`, `KexAlgorithms …`, `Match` blocks last), after the helper's own. */
  config?: string[];
}

export interface SshdService extends LocalService {
  hostKeys: { type: string; path: string; publicKey: string }[];
}

export async function startSshd(options: SshdOptions = {}): Promise<SshdService> {
  return inServiceDir('sshd', async (dir) => {
    // Privilege separation directory, which Debian's sshd refuses to start without.
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    const hostKeys: SshdService['hostKeys'] = [];
    for (const type of options.hostKeyTypes ?? ['ed25519', 'rsa']) {
      const path = join(dir, `ssh_host_${type}_key`);
      await run('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', '', '-f', path]);
      hostKeys.push({ type, path, publicKey: readFileSync(`${path}.pub`, 'utf8').trim() });
    }
    const configPath = join(dir, 'sshd_config');
    const service = await startDaemon(dir, '/usr/sbin/sshd', (port) => {
      writeFileSync(
        configPath,
        [
          `Port ${port}`,
          `ListenAddress ${localhost}`,
          ...hostKeys.map((key) => `HostKey ${key.path}`),
          'PidFile none',
          'UsePAM no',
          `PasswordAuthentication ${options.passwordAuthentication === false ? 'no' : 'yes'}`,
          'KbdInteractiveAuthentication no',
          'LoginGraceTime 30',
          'MaxStartups 100',
          ...(options.config ?? []),
          '',
        ].join('\n'),
      );
      return ['-D', '-e', '-f', configPath];
    });
    return { ...service, hostKeys };
  });
}

// ---------------------------------------------------------------------------------------------
// nginx

export interface NginxOptions {
  /** Serve plain HTTP (default true). */
  http?: boolean;
  /** Serve HTTPS: true for a generated self-signed cert for localhost/127.0.0.1, or the cert to use. */
  https?: boolean | { cert: GeneratedCert; chain?: GeneratedCert[] };
  /** `server_tokens` (default on: the Server header carries the version). */
  serverTokens?: boolean;
  /** Extra directives inside every server block (`location /admin { … }`, `add_header …`). */
  serverConfig?: string;
  /** Extra directives inside the HTTPS server block only (`ssl_protocols TLSv1.2;`). */
  httpsConfig?: string;
  /** Extra directives in the http block. */
  httpConfig?: string;
  /** Files to put in the docroot, path → content. */
  files?: Record<string, string>;
}

export interface NginxService extends LocalService {
  httpPort?: number | undefined;
  httpsPort?: number | undefined;
  docroot: string;
  cert?: GeneratedCert | undefined;
}

export async function startNginx(options: NginxOptions = {}): Promise<NginxService> {
  return inServiceDir('nginx', async (dir) => {
    const docroot = join(dir, 'html');
    mkdirSync(join(dir, 'logs'), { recursive: true });
    mkdirSync(docroot, { recursive: true });
    for (const [path, content] of Object.entries(
      options.files ?? { 'index.html': '<h1>vigil test</h1>\n' },
    )) {
      const target = join(docroot, path);
      mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
      writeFileSync(target, content, { mode: 0o644 });
    }
    const https = options.https ?? false;
    const http = options.http ?? true;
    const cert =
      https === true
        ? await generateCert(dir, { altNames: ['localhost', localhost] })
        : https
          ? https.cert
          : undefined;
    const chainPath = cert && join(dir, 'chain.pem');
    if (cert && chainPath)
      writeChain(chainPath, cert, ...(typeof https === 'object' ? (https.chain ?? []) : []));
    // Two listeners need two ports: the HTTP one is picked here, the HTTPS one by startDaemon's retry.
    const httpPort = http && cert ? await freePort() : undefined;
    const server = (listen: string, extra: string) => `  server {
    listen ${localhost}:${listen};
    server_name localhost;
    root ${docroot};
${extra}
${options.serverConfig ?? ''}
  }`;
    const service = await startDaemon(dir, 'nginx', (port) => {
      const servers = [];
      if (http) servers.push(server(String(httpPort ?? port), ''));
      if (cert && chainPath) {
        servers.push(
          server(
            `${port} ssl`,
            `    ssl_certificate ${chainPath};\n    ssl_certificate_key ${cert.keyPath};\n${options.httpsConfig ?? ''}`,
          ),
        );
      }
      writeFileSync(
        join(dir, 'nginx.conf'),
        `master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 256; }
http {
  access_log off;
  server_tokens ${options.serverTokens === false ? 'off' : 'on'};
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  default_type text/html;
${options.httpConfig ?? ''}
${servers.join('\n')}
}
`,
      );
      return [
        '-p',
        dir,
        '-c',
        join(dir, 'nginx.conf'),
        '-e',
        join(dir, 'logs', 'error.log'),
        '-g',
        'daemon off;',
      ];
    });
    if (httpPort) {
      try {
        await waitForPort(httpPort, service.child);
      } catch (error) {
        await service.stop();
        throw error;
      }
    }
    return {
      ...service,
      httpPort: http ? (httpPort ?? service.port) : undefined,
      httpsPort: cert ? service.port : undefined,
      docroot,
      cert,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// openssl s_server

export interface SServerOptions {
  /** Extra s_server arguments: `-tls1`, `-cipher`, `AES128-SHA:@SECLEVEL=0` (Debian's OpenSSL has no 3DES or RC4), `-no_tls1_3`… */
  args?: string[];
  /** Default: a generated self-signed cert for localhost/127.0.0.1. */
  cert?: GeneratedCert;
  /** Answer with an HTTP status page (`-www`, default true). */
  www?: boolean;
}

export interface SServerService extends LocalService {
  cert: GeneratedCert;
}

export async function startSServer(options: SServerOptions = {}): Promise<SServerService> {
  return inServiceDir('s-server', async (dir) => {
    const cert = options.cert ?? (await generateCert(dir, { altNames: ['localhost', localhost] }));
    const service = await startDaemon(dir, 'openssl', (port) => [
      's_server',
      '-accept',
      `${localhost}:${port}`,
      '-cert',
      cert.certPath,
      '-key',
      cert.keyPath,
      ...(options.www === false ? [] : ['-www']),
      ...(options.args ?? []),
    ]);
    return { ...service, cert };
  });
}

// ---------------------------------------------------------------------------------------------
// redis-server, mosquitto, nats-server

export async function startRedis(
  options: { password?: string; args?: string[] } = {},
): Promise<LocalService> {
  return inServiceDir('redis', async (dir) => {
    return startDaemon(dir, 'redis-server', (port) => [
      '--port',
      String(port),
      '--bind',
      localhost,
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      ...(options.password ? ['--requirepass', options.password] : []),
      ...(options.args ?? []),
    ]);
  });
}

export async function startMosquitto(
  options: { anonymous?: boolean; users?: Record<string, string>; config?: string[] } = {},
): Promise<LocalService> {
  return inServiceDir('mosquitto', async (dir) => {
    const passwordFile = join(dir, 'passwd');
    const users = Object.entries(options.users ?? {});
    if (users.length > 0) {
      writeFileSync(passwordFile, '');
      for (const [user, password] of users)
        await run('mosquitto_passwd', ['-b', passwordFile, user, password]);
      chmodSync(passwordFile, 0o644);
    }
    return startDaemon(dir, 'mosquitto', (port) => {
      const configPath = join(dir, 'mosquitto.conf');
      writeFileSync(
        configPath,
        [
          `listener ${port} ${localhost}`,
          `allow_anonymous ${options.anonymous === false ? 'false' : 'true'}`,
          'persistence false',
          'log_dest stderr',
          ...(users.length > 0 ? [`password_file ${passwordFile}`] : []),
          ...(options.config ?? []),
          '',
        ].join('\n'),
      );
      return ['-c', configPath];
    });
  });
}

export async function startNats(
  options: { user?: string; password?: string; args?: string[] } = {},
): Promise<LocalService> {
  return inServiceDir('nats', async (dir) => {
    return startDaemon(dir, 'nats-server', (port) => [
      '-a',
      localhost,
      '-p',
      String(port),
      ...(options.user ? ['--user', options.user] : []),
      ...(options.password ? ['--pass', options.password] : []),
      ...(options.args ?? []),
    ]);
  });
}

/** The machine's own PostgreSQL (trust auth, database `test`); not started or stopped by tests. */
export const machinePostgres = { address: localhost, port: 5432 } as const;

/** GnuTLS still offers RC4 and 3DES, which Debian's OpenSSL 3 has compiled out. */
export const legacyGnutlsPriority = [
  'NONE',
  '+VERS-TLS1.0',
  '+VERS-TLS1.1',
  '+ARCFOUR-128',
  '+3DES-CBC',
  '+AES-128-CBC',
  '+SHA1',
  '+RSA',
  '+ECDHE-RSA',
  '+CTYPE-X509',
  '+COMP-NULL',
  '+SIGN-ALL',
  '+GROUP-ALL',
  '%SERVER_PRECEDENCE',
].join(':');

/**
 * gnutls-serv on `port` inside `namespace` (it cannot be told an address and listens on every
 * interface, hence the namespace); resolves once the port accepts, `stop()` kills it.
 */
export async function startGnutlsServ(
  namespace: { name: string; hostAddress: string },
  options: { port: number; cert: { certPath: string; keyPath: string }; priority: string },
): Promise<{ stop: () => void }> {
  const { port, cert, priority } = options;
  const server = spawn(
    'ip',
    [
      ...['netns', 'exec', namespace.name, 'gnutls-serv', '--port', String(port)],
      ...['--x509certfile', cert.certPath, '--x509keyfile', cert.keyPath, '--priority', priority],
      ...['--disable-client-cert', '--echo', '--quiet'],
    ],
    { stdio: 'ignore' },
  );
  const stop = () => void server.kill('SIGKILL');
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port, namespace.hostAddress))) {
    if (Date.now() > deadline) {
      stop();
      throw new Error('gnutls-serv did not listen');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { stop };
}
