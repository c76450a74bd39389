import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createVethNamespace } from '../../helpers/netns.ts';

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
  /** UDP services on every address: DNS (53) refusing every query, NTP (123) at stratum 2, SNMP (161) for `public`. */
  serveUdp(): Promise<void>;
  destroy(): void;
}

/**
 * Minimal servers that answer as the real ones do: the DNS answer is the query with QR set and
 * REFUSED; NTP mode 4; SNMP a v2c GetResponse with a sysDescr, only for the community `public`.
 */
const udpServers = `
const dgram = require('node:dgram');
const tlv = (tag, ...parts) => { const body = Buffer.concat(parts); return Buffer.concat([Buffer.from([tag, body.length]), body]); };
const answers = {
  53: (q) => { if (q.length < 12) return; const a = Buffer.from(q); a[2] |= 0x80; a[3] = 0x05; return a; },
  123: (q) => { if (q.length < 48 || (q[0] & 7) !== 3) return; const a = Buffer.alloc(48); a[0] = 0x24; a[1] = 2; return a; },
  161: (q) => {
    if (!q.subarray(5, 13).equals(Buffer.from([0x04, 0x06, ...Buffer.from('public')]))) return;
    const id = q.subarray(17, 21);
    const varbind = tlv(0x30, tlv(0x06, Buffer.from([0x2b, 6, 1, 2, 1, 1, 1, 0])), tlv(0x04, Buffer.from('Vigil test agent')));
    const pdu = tlv(0xa2, tlv(0x02, id), tlv(0x02, Buffer.from([0])), tlv(0x02, Buffer.from([0])), tlv(0x30, varbind));
    return tlv(0x30, tlv(0x02, Buffer.from([q[4]])), tlv(0x04, Buffer.from('public')), pdu);
  },
};
// One socket per address: an unbound socket would answer from the interface's first address.
const addresses = process.argv.slice(1);
let left = 3 * addresses.length;
for (const [port, answer] of Object.entries(answers))
  for (const address of addresses) {
    const socket = dgram.createSocket(address.includes(':') ? 'udp6' : 'udp4');
    socket.on('message', (q, peer) => { const a = answer(q); if (a) socket.send(a, peer.port, peer.address); });
    socket.bind(Number(port), address, () => --left === 0 && console.log('ready'));
  }`;

export function createScanNamespace(label: string, octet: number): ScanNamespace {
  const third = randomBytes(1)[0] ?? 0;
  const subnet4 = `10.${octet}.${third}`;
  const subnet6 = `fd00:${octet.toString(16)}:${third.toString(16)}:`;
  const namespace = createVethNamespace(label, {
    root: [`${subnet4}.1/24`, `${subnet6}:1/64`],
    inside: [2, 3].flatMap((host) => [`${subnet4}.${host}/24`, `${subnet6}:${host}/64`]),
  });
  const { name, exec } = namespace;
  const listeners: ChildProcess[] = [];
  const destroy = () => {
    for (const listener of listeners) listener.kill('SIGKILL');
    namespace.destroy();
  };
  /** Runs `script` in the namespace until destroy; resolves when it prints its first line. */
  const start = (script: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn('ip', ['netns', 'exec', name, process.execPath, '-e', script, ...args], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      listeners.push(child);
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`the namespace's server exited with ${code}`)));
    });
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
      start(
        `const net = require('node:net');
         const ports = process.argv.slice(1).map(Number);
         let left = ports.length;
         for (const port of ports)
           net.createServer((s) => s.destroy()).listen(port, '::', () => --left === 0 && console.log('ready'));`,
        ports.map(String),
      ),
    serveUdp: () => start(udpServers, [`${subnet4}.2`, `${subnet4}.3`, `${subnet6}:2`, `${subnet6}:3`]),
    destroy,
  };
}
