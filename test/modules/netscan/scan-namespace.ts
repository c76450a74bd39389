import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * A target host for scans: a network namespace joined to the root namespace (where the scanner
 * runs) by a veth pair, holding two IPv4 and two IPv6 addresses so a test can put one in scope
 * and prove the other is never touched. Pass a different `octet` per file: files run in parallel.
 */
export interface ScanNamespace {
  name: string;
  /** The namespace's addresses: `v4[0]`, `v6[0]` for the scope, `v4[1]`, `v6[1]` for outside it. */
  v4: [string, string];
  v6: [string, string];
  /** The /24 the veth is on (root side .1, namespace .2 and .3). */
  subnet4: string;
  subnet6: string;
  exec(program: string, ...args: string[]): string;
  /** Loads an nft script in the namespace. */
  nft(script: string): void;
  /** Packets a named counter of `table inet scantest` saw. */
  counter(name: string): number;
  /** TCP listeners on every address of the namespace that accept and close; resolves once all listen. */
  listen(ports: readonly number[]): Promise<void>;
  destroy(): void;
}

export function createScanNamespace(label: string, octet: number): ScanNamespace {
  const id = randomBytes(3).toString('hex');
  const name = `vigil-${label}-${id}`;
  const third = parseInt(id.slice(0, 2), 16);
  const subnet4 = `10.${octet}.${third}`;
  const subnet6 = `fd00:${octet.toString(16)}:${third.toString(16)}:`;
  const [rootEnd, nsEnd] = [`vs${id}h`, `vs${id}n`];
  const listeners: ChildProcess[] = [];
  const exec = (program: string, ...args: string[]) =>
    execFileSync('ip', ['netns', 'exec', name, program, ...args], { encoding: 'utf8' });
  const destroy = () => {
    for (const listener of listeners) listener.kill('SIGKILL');
    try {
      // Deleting the namespace deletes the veth pair with it.
      execFileSync('ip', ['netns', 'delete', name], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  };
  try {
    execFileSync('ip', ['netns', 'add', name]);
    execFileSync('ip', ['link', 'add', rootEnd, 'type', 'veth', 'peer', 'name', nsEnd, 'netns', name]);
    execFileSync('ip', ['addr', 'add', `${subnet4}.1/24`, 'dev', rootEnd]);
    execFileSync('ip', ['addr', 'add', `${subnet6}:1/64`, 'dev', rootEnd, 'nodad']);
    execFileSync('ip', ['link', 'set', rootEnd, 'up']);
    for (const host of [2, 3]) {
      exec('ip', 'addr', 'add', `${subnet4}.${host}/24`, 'dev', nsEnd);
      // nodad: IPv6 addresses are usable at once instead of after duplicate detection.
      exec('ip', 'addr', 'add', `${subnet6}:${host}/64`, 'dev', nsEnd, 'nodad');
    }
    exec('ip', 'link', 'set', nsEnd, 'up');
    exec('ip', 'link', 'set', 'lo', 'up');
  } catch (error) {
    destroy();
    throw error;
  }
  return {
    name,
    v4: [`${subnet4}.2`, `${subnet4}.3`],
    v6: [`${subnet6}:2`, `${subnet6}:3`],
    subnet4,
    subnet6,
    exec,
    nft: (script) =>
      execFileSync('ip', ['netns', 'exec', name, 'nft', '-f', '-'], {
        input: script,
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    counter: (counter) => {
      const listed = JSON.parse(exec('nft', '-j', 'list', 'counter', 'inet', 'scantest', counter)) as {
        nftables: { counter?: { packets: number } }[];
      };
      return listed.nftables.find((entry) => entry.counter)?.counter?.packets ?? 0;
    },
    listen: (ports) =>
      new Promise((resolve, reject) => {
        const listener = spawn(
          'ip',
          [
            'netns',
            'exec',
            name,
            process.execPath,
            '-e',
            `const net = require('node:net');
             const ports = process.argv.slice(1).map(Number);
             let left = ports.length;
             for (const port of ports)
               net.createServer((s) => s.destroy()).listen(port, '::', () => --left === 0 && console.log('ready'));`,
            ...ports.map(String),
          ],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        listeners.push(listener);
        listener.stdout.once('data', () => resolve());
        listener.once('exit', (code) => reject(new Error(`the listener exited with ${code}`)));
      }),
    destroy,
  };
}
