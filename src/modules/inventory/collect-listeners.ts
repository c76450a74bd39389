import { readdir, readlink } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { clip } from './clip.ts';
import { compareText } from './compare-text.ts';
import { listPids } from './list-pids.ts';
import { mapLimit } from './map-limit.ts';
import { parseProcNet, type ProcNetFile, type ProcNetSocket } from './parse-proc-net.ts';
import { parseStatusUid } from './parse-status-uid.ts';
import { readOptionalTextFile, readTextFile } from './read-text-file.ts';
import type { ListeningSocket } from '../../protocol/inventory.ts';

const netFiles: readonly ProcNetFile[] = ['tcp', 'tcp6', 'udp', 'udp6'];

interface Owner {
  pid: number;
  process?: string;
  exe?: string;
  uid?: number;
}

/**
 * Listening TCP and bound UDP sockets of the network namespace procRoot
 * shows, each with the process holding it. Sockets are tied to processes
 * through `/proc/<pid>/fd/* -> socket:[inode]`; when several processes share
 * one socket (a preforking server) the lowest pid, normally the parent, is
 * named. Entries differing only in pid are merged.
 */
export async function collectListeners(
  procRoot: string,
  nameOf: (uid: number) => string,
): Promise<ListeningSocket[]> {
  const sockets: ProcNetSocket[] = [];
  for (const file of netFiles) {
    const text = await readOptionalTextFile(join(procRoot, 'net', file), { maxBytes: 64 * 1024 * 1024 });
    if (text !== null) sockets.push(...parseProcNet(text, file, endianness()));
  }
  if (sockets.length === 0) return [];
  const owners = await findOwners(procRoot, new Set(sockets.map((socket) => socket.inode)));

  const listeners = new Map<string, ListeningSocket>();
  for (const socket of sockets) {
    const owner = owners.get(socket.inode);
    const listener: ListeningSocket = {
      protocol: socket.protocol,
      family: socket.family,
      address: socket.address,
      port: socket.port,
      ...(owner === undefined ? {} : { pid: owner.pid }),
      ...(owner?.process === undefined ? {} : { process: owner.process }),
      ...(owner?.exe === undefined ? {} : { exe: owner.exe }),
      user: nameOf(owner?.uid ?? socket.uid),
    };
    const key = [listener.protocol, listener.family, listener.address, listener.port, listener.process].join(
      '|',
    );
    const existing = listeners.get(key);
    if (existing === undefined || (listener.pid ?? Infinity) < (existing.pid ?? Infinity)) {
      listeners.set(key, listener);
    }
  }
  return [...listeners.values()].sort(
    (a, b) =>
      compareText(a.protocol, b.protocol) ||
      a.family - b.family ||
      a.port - b.port ||
      compareText(a.address, b.address) ||
      compareText(a.process ?? '', b.process ?? ''),
  );
}

/** Maps each wanted socket inode to the lowest pid holding it, with that process's details. */
async function findOwners(procRoot: string, inodes: ReadonlySet<number>): Promise<Map<number, Owner>> {
  const pidByInode = new Map<number, number>();
  const held = await mapLimit(await listPids(procRoot), 32, (pid) => socketsOf(procRoot, pid, inodes));
  for (const { pid, found } of held) {
    for (const inode of found) {
      const current = pidByInode.get(inode);
      if (current === undefined || pid < current) pidByInode.set(inode, pid);
    }
  }
  const described = await Promise.all(
    [...new Set(pidByInode.values())].map((pid) => describe(procRoot, pid)),
  );
  const byPid = new Map(described.map((owner) => [owner.pid, owner]));
  const owners = new Map<number, Owner>();
  for (const [inode, pid] of pidByInode) {
    const owner = byPid.get(pid);
    if (owner !== undefined) owners.set(inode, owner);
  }
  return owners;
}

/** Processes come and go, and other users' fd directories are unreadable without privilege: skip, never fail. */
async function socketsOf(
  procRoot: string,
  pid: number,
  inodes: ReadonlySet<number>,
): Promise<{ pid: number; found: number[] }> {
  const directory = join(procRoot, String(pid), 'fd');
  const found: number[] = [];
  let fds: string[];
  try {
    fds = await readdir(directory);
  } catch {
    return { pid, found };
  }
  for (const fd of fds) {
    let target: string;
    try {
      target = await readlink(join(directory, fd));
    } catch {
      continue;
    }
    const inode = socketInode(target);
    if (inode !== null && inodes.has(inode)) found.push(inode);
  }
  return { pid, found };
}

function socketInode(link: string): number | null {
  if (!link.startsWith('socket:[') || !link.endsWith(']')) return null;
  const digits = link.slice('socket:['.length, -1);
  return digits.length > 0 && digits.length <= 15 && /^\d+$/.test(digits) ? Number(digits) : null;
}

async function describe(procRoot: string, pid: number): Promise<Owner> {
  const directory = join(procRoot, String(pid));
  const [comm, exe, status] = await Promise.allSettled([
    readTextFile(join(directory, 'comm'), { maxBytes: 256, truncate: true }),
    readlink(join(directory, 'exe')),
    readTextFile(join(directory, 'status'), { maxBytes: 64 * 1024, truncate: true }),
  ]);
  const uid = status.status === 'fulfilled' ? parseStatusUid(status.value) : undefined;
  const process = comm.status === 'fulfilled' ? clip(comm.value.replace(/\n$/, ''), 64) : '';
  return {
    pid,
    ...(process === '' ? {} : { process }),
    ...(exe.status === 'fulfilled' ? { exe: clip(exe.value, 4096) } : {}),
    ...(uid === undefined ? {} : { uid }),
  };
}
