import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  closeSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreatedEnrollmentToken } from '../../src/protocol/agents.ts';
import type { RunningServer } from '../../src/server/start-server.ts';
import type { ConfigInput } from '../../src/platform/config.ts';
import {
  createAgentNamespace,
  spawnAgent,
  stopAgent,
  waitForAgent,
  type AgentNamespace,
} from '../helpers/netns.ts';
import { testDialects, type TestDatabase } from '../helpers/test-database.ts';
import { ApiClient, adminPassword, startTestServer } from '../helpers/test-server.ts';

/*
 * The SSH brute-force lab (issue 5): a victim namespace running a real vigil agent (joined to
 * the in-process test server by a veth pair, test/helpers/netns.ts) and, optionally, a real
 * sshd; an attacker namespace on a second veth pair holding two addresses.
 *
 * `sshd -E FILE` writes bare messages ("Failed password for … ssh2\r") with no syslog header,
 * which no syslog daemon would ever leave in an auth log: the lab relays them into `authLog`
 * with the header rsyslog would add ("Nov 25 14:10:21 victim sshd[PID]: …"). That file is the
 * one the agent (and, in the benchmark, fail2ban) tails.
 */

export const sshPort = 2222;

export interface SshLab {
  victim: AgentNamespace;
  attackerNs: string;
  /** The victim's address on the attacker link (sshd listens here). */
  victimAddress: string;
  /** The attacker's address that gets blocked. */
  attacker: string;
  /** A second attacker address, in the server's response.allowlist. */
  allowlisted: string;
  authLog: string;
  scratch: string;
  server: RunningServer;
  admin: ApiClient;
  agentId: string;
  /** Appends lines to authLog with a syslog header of now. */
  writeSyslog: (program: string, pid: number, messages: string[]) => void;
  close: () => Promise<void>;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov  5 14:10:21", local time, as rsyslog's traditional format writes it. */
export function syslogStamp(date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${months[date.getMonth()]} ${String(date.getDate()).padStart(2, ' ')} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

export async function startSshLab(options: {
  /** Passed to the server's `response` config (durations, policies …); the lab adds the allowlist. */
  response?: NonNullable<ConfigInput['response']>;
  sshd: boolean;
}): Promise<SshLab> {
  const scratch = mkdtempSync(join(tmpdir(), 'vigil-e2e-ssh-'));
  const authLog = join(scratch, 'auth.log');
  writeFileSync(authLog, '');
  const id = randomBytes(3).toString('hex');
  const subnet = `10.95.${parseInt(id.slice(0, 2), 16)}`;
  const victimAddress = `${subnet}.1`;
  const attacker = `${subnet}.2`;
  const allowlisted = `${subnet}.3`;
  const attackerNs = `vigil-e2e-attacker-${id}`;
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(scratch, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // Best effort: everything else still goes.
      }
    }
  };
  const writeSyslog = (program: string, pid: number, messages: string[]) => {
    const stamp = syslogStamp();
    appendFileSync(
      authLog,
      messages.map((message) => `${stamp} victim ${program}[${pid}]: ${message}\n`).join(''),
    );
  };

  try {
    const victim = createAgentNamespace('e2e-victim', 94);
    cleanups.push(() => victim.destroy());
    execFileSync('ip', ['netns', 'add', attackerNs]);
    cleanups.push(() => {
      execFileSync('ip', ['netns', 'delete', attackerNs], { stdio: 'ignore' });
    });
    const [victimEnd, attackerEnd] = [`va${id}v`, `va${id}a`];
    execFileSync('ip', [
      'link',
      'add',
      victimEnd,
      'netns',
      victim.name,
      'type',
      'veth',
      'peer',
      'name',
      attackerEnd,
      'netns',
      attackerNs,
    ]);
    victim.exec('ip', 'addr', 'add', `${victimAddress}/24`, 'dev', victimEnd);
    victim.exec('ip', 'link', 'set', victimEnd, 'up');
    const inAttacker = (...args: string[]) => execFileSync('ip', ['netns', 'exec', attackerNs, ...args]);
    inAttacker('ip', 'link', 'set', 'lo', 'up');
    inAttacker('ip', 'addr', 'add', `${attacker}/24`, 'dev', attackerEnd);
    inAttacker('ip', 'addr', 'add', `${allowlisted}/24`, 'dev', attackerEnd);
    inAttacker('ip', 'link', 'set', attackerEnd, 'up');

    if (options.sshd) {
      const sshdLog = join(scratch, 'sshd.log');
      writeFileSync(sshdLog, '');
      const sshd = startSshd(victim.name, victimAddress, scratch, sshdLog);
      cleanups.push(() => {
        sshd.kill('SIGTERM');
      });
      const relay = relaySshdLog(sshdLog, (lines) => writeSyslog('sshd', sshd.pid ?? 1, lines));
      cleanups.push(relay);
      await waitForListener(victim, victimAddress);
    }

    const db: TestDatabase = await (testDialects[0] as (typeof testDialects)[number]).create();
    cleanups.push(() => db.dispose());
    const server = await startTestServer(db, {
      server: { host: victim.serverAddress },
      response: { ...options.response, allowlist: [allowlisted] },
    });
    cleanups.push(() => server.close());
    const admin = new ApiClient(server.url);
    await admin.login('admin', adminPassword);
    const { body } = await admin.request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', {
      group: 'ssh',
    });
    const agent = spawnAgent(victim.name, {
      token: body.token,
      dataDir: join(scratch, 'agent'),
      logs: [authLog],
    });
    cleanups.push(() => stopAgent(agent));
    const agentId = await waitForAgent(admin);
    return {
      victim,
      attackerNs,
      victimAddress,
      attacker,
      allowlisted,
      authLog,
      scratch,
      server,
      admin,
      agentId,
      writeSyslog,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function startSshd(namespace: string, address: string, scratch: string, log: string): ChildProcess {
  const hostKey = join(scratch, 'ssh_host_ed25519_key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  const config = join(scratch, 'sshd_config');
  writeFileSync(
    config,
    [
      `ListenAddress ${address}:${sshPort}`,
      `HostKey ${hostKey}`,
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication no',
      'UsePAM no',
      'PidFile none',
      'LogLevel INFO',
      'MaxStartups 100:30:200',
      '',
    ].join('\n'),
  );
  // Privilege separation needs its empty directory; the package makes it at boot only.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  return spawn('ip', ['netns', 'exec', namespace, '/usr/sbin/sshd', '-D', '-f', config, '-E', log], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Reads what sshd appends to `file` every 20 ms and hands over whole lines; returns the stop function. */
function relaySshdLog(file: string, write: (lines: string[]) => void): () => void {
  let offset = 0;
  let partial = '';
  const buffer = Buffer.alloc(65_536);
  const timer = setInterval(() => {
    const fd = openSync(file, 'r');
    try {
      for (let read; (read = readSync(fd, buffer, 0, buffer.length, offset)) > 0;) {
        offset += read;
        partial += buffer.toString('utf8', 0, read);
      }
    } finally {
      closeSync(fd);
    }
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    const messages = lines.map((line) => line.replace(/\r$/, '')).filter((line) => line !== '');
    if (messages.length > 0) write(messages);
  }, 20);
  return () => clearInterval(timer);
}

async function waitForListener(victim: AgentNamespace, address: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    if (victim.exec('ss', '-Htln', `sport = :${sshPort}`).includes(address)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('sshd did not start listening');
}

/** One failed password login from `source` with the real ssh client; resolves with ssh's stderr. */
export function failedLogin(lab: SshLab, source: string, user: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      'ip',
      [
        'netns',
        'exec',
        lab.attackerNs,
        'sshpass',
        '-p',
        'wrong-password',
        'ssh',
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
        '-o',
        'PreferredAuthentications=password',
        '-o',
        'PubkeyAuthentication=no',
        '-o',
        'NumberOfPasswordPrompts=1',
        '-o',
        'ConnectTimeout=2',
        '-o',
        'LogLevel=ERROR',
        '-b',
        source,
        '-p',
        String(sshPort),
        `${user}@${lab.victimAddress}`,
        'true',
      ],
      { timeout: 10_000 },
      (_error, _stdout, stderr) => resolve(stderr.trim()),
    );
  });
}

const connectScript = `
const [host, port, source] = process.argv.slice(1);
const socket = require('node:net').connect({ host, port: Number(port), localAddress: source, timeout: 1500 });
socket.on('connect', () => { console.log('connected'); socket.destroy(); });
socket.on('timeout', () => { console.log('timeout'); socket.destroy(); });
socket.on('error', (err) => console.log(err.code === 'ECONNREFUSED' ? 'refused' : err.code));
`;

/** A plain TCP connect from the attacker namespace's `source` to sshd: `timeout` when dropped. */
export function connectToSshd(lab: SshLab, source: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      'ip',
      [
        'netns',
        'exec',
        lab.attackerNs,
        process.execPath,
        '-e',
        connectScript,
        lab.victimAddress,
        String(sshPort),
        source,
      ],
      (error, stdout) => {
        resolve(error ? `error: ${error.message}` : stdout.trim());
      },
    );
  });
}

/** The addresses in the victim's `table inet vigil` IPv4 set (elements with a timeout included). */
export function blockedAddresses(lab: SshLab): string[] {
  // The agent makes its table at its first block.
  if (!lab.victim.exec('nft', 'list', 'tables').includes('table inet vigil')) return [];
  const output = lab.victim.exec('nft', '-j', 'list', 'set', 'inet', 'vigil', 'blocked_v4');
  return elementAddresses(output);
}

/** Addresses in `nft -j` set output: plain strings, `{ elem: { val } }`, `{ prefix: … }`. */
export function elementAddresses(nftJson: string): string[] {
  const parsed = JSON.parse(nftJson) as { nftables: { set?: { elem?: unknown[] } }[] };
  return parsed.nftables.flatMap((object) => object.set?.elem ?? []).map(addressOf);
}

function addressOf(element: unknown): string {
  if (typeof element === 'string') return element;
  const record = element as { elem?: { val?: unknown }; prefix?: { addr: string; len: number } };
  if (record.elem) return addressOf(record.elem.val);
  if (record.prefix) return `${record.prefix.addr}/${record.prefix.len}`;
  return JSON.stringify(element);
}
