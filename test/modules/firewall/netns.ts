import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { needs } from '../../helpers/requirements.ts';

/**
 * Two network namespaces joined by a veth pair: a victim with a TCP listener on port 8080
 * (IPv4 10.99.0.1, IPv6 fd99::1) and an attacker holding two addresses of each family, so
 * one can be blocked while the other still connects.
 */
export interface NetnsPair {
  victim: string;
  attacker: string;
  /** Runs a command in the victim namespace and returns its output. */
  inVictim(program: string, args: string[], input?: string): string;
  /** Connects from the attacker's `source` to the victim's listener: `connected`, or `timeout` when packets are dropped. */
  connect(source: string): Promise<'connected' | 'timeout' | 'refused'>;
  destroy(): void;
}

export const victim4 = '10.99.0.1';
export const victim6 = 'fd99::1';
export const attackers = { v4: '10.99.0.2', otherV4: '10.99.0.3', v6: 'fd99::2', otherV6: 'fd99::3' };

/** Test options that skip (or, under CI, fail) where namespaces cannot be made. */
export function needsNetns(why: string): { skip?: string } {
  for (const program of ['ip', 'nft']) {
    const skip = needs(program, why);
    if (skip.skip) return skip;
  }
  if (process.getuid?.() === 0) return {};
  const reason = `network namespaces need root (${why})`;
  if (process.env.CI === 'true') throw new Error(`CI requires ${reason}`);
  return { skip: reason };
}

const run = (args: string[], input?: string) =>
  execFileSync(args[0] as string, args.slice(1), {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
  });

const connectScript = `
const [host, source] = process.argv.slice(1);
const socket = require('node:net').connect({ host, port: 8080, localAddress: source, timeout: 800 });
socket.on('connect', () => { console.log('connected'); socket.destroy(); });
socket.on('timeout', () => { console.log('timeout'); socket.destroy(); });
socket.on('error', (err) => console.log(err.code === 'ECONNREFUSED' ? 'refused' : err.code));
`;

export async function createNetnsPair(): Promise<NetnsPair> {
  const id = randomBytes(3).toString('hex');
  const victim = `vigil-fw-test-${id}-v`;
  const attacker = `vigil-fw-test-${id}-a`;
  const [vethVictim, vethAttacker] = [`vfw${id}v`, `vfw${id}a`];
  let listener: ChildProcess | undefined;
  const destroy = () => {
    listener?.kill('SIGKILL');
    for (const name of [victim, attacker]) {
      try {
        run(['ip', 'netns', 'delete', name]);
      } catch {
        // Already gone.
      }
    }
  };
  try {
    run(['ip', 'netns', 'add', victim]);
    run(['ip', 'netns', 'add', attacker]);
    run([
      'ip',
      'link',
      'add',
      vethVictim,
      'netns',
      victim,
      'type',
      'veth',
      'peer',
      'name',
      vethAttacker,
      'netns',
      attacker,
    ]);
    const inNs = (ns: string, args: string[]) => run(['ip', 'netns', 'exec', ns, ...args]);
    for (const [ns, dev, addresses] of [
      [victim, vethVictim, [`${victim4}/24`, `${victim6}/64`]],
      [
        attacker,
        vethAttacker,
        [`${attackers.v4}/24`, `${attackers.otherV4}/24`, `${attackers.v6}/64`, `${attackers.otherV6}/64`],
      ],
    ] as const) {
      inNs(ns, ['ip', 'link', 'set', 'lo', 'up']);
      // nodad: IPv6 addresses are usable at once instead of after duplicate detection.
      for (const address of addresses)
        inNs(ns, ['ip', 'addr', 'add', address, 'dev', dev, ...(address.includes(':') ? ['nodad'] : [])]);
      inNs(ns, ['ip', 'link', 'set', dev, 'up']);
    }
    listener = spawn(
      'ip',
      [
        'netns',
        'exec',
        victim,
        process.execPath,
        '-e',
        "require('node:net').createServer((s) => s.end()).listen(8080, '::', () => console.log('ready'))",
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      listener?.stdout?.once('data', () => resolve());
      listener?.once('exit', (code) => reject(new Error(`the listener exited with ${code}`)));
    });
  } catch (error) {
    destroy();
    throw error;
  }
  return {
    victim,
    attacker,
    inVictim: (program, args, input) => run(['ip', 'netns', 'exec', victim, program, ...args], input),
    connect: (source) =>
      new Promise((resolve, reject) => {
        const host = source.includes(':') ? victim6 : victim4;
        const child = spawn(
          'ip',
          ['netns', 'exec', attacker, process.execPath, '-e', connectScript, host, source],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('error', reject);
        child.on('close', () => resolve(out.trim() as 'connected' | 'timeout' | 'refused'));
      }),
    destroy,
  };
}
