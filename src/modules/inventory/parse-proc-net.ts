import { formatIpv6 } from './format-ipv6.ts';
import type { AddressFamily } from '../../protocol/inventory.ts';

export type ProcNetFile = 'tcp' | 'tcp6' | 'udp' | 'udp6';

export interface ProcNetSocket {
  protocol: 'tcp' | 'udp';
  family: AddressFamily;
  address: string;
  port: number;
  /** The socket owner's uid. */
  uid: number;
  inode: number;
}

/** TCP_LISTEN for TCP; for UDP, TCP_CLOSE is what an unconnected bound socket reports. */
const listeningState = { tcp: '0A', udp: '07' } as const;

/**
 * Parses `/proc/net/{tcp,tcp6,udp,udp6}` and keeps the listening sockets.
 * The kernel prints each 32-bit word of an address as a host-order integer
 * in hex, so `0100007F` is 127.0.0.1 on a little-endian machine; pass
 * `os.endianness()` as byteOrder. Ports are printed in host order already.
 */
export function parseProcNet(
  text: string,
  file: ProcNetFile,
  byteOrder: 'LE' | 'BE' = 'LE',
): ProcNetSocket[] {
  const protocol = file.startsWith('tcp') ? 'tcp' : 'udp';
  const family: AddressFamily = file.endsWith('6') ? 6 : 4;
  const sockets: ProcNetSocket[] = [];
  for (const line of text.split('\n')) {
    const columns = line.trim().split(/\s+/);
    const [local, , state, , , , uidText, , inodeText] = columns.slice(1);
    if (state?.toUpperCase() !== listeningState[protocol]) continue;
    const colon = local?.indexOf(':') ?? -1;
    if (local === undefined || colon < 0) continue;
    const address = decodeAddress(local.slice(0, colon), family, byteOrder);
    const port = parseHex(local.slice(colon + 1), 4);
    const uid = parseDecimal(uidText);
    const inode = parseDecimal(inodeText);
    if (address === null || port === null || uid === null || inode === null) continue;
    sockets.push({ protocol, family, address, port, uid, inode });
  }
  return sockets;
}

function decodeAddress(hex: string, family: AddressFamily, byteOrder: 'LE' | 'BE'): string | null {
  if (hex.length !== (family === 4 ? 8 : 32)) return null;
  const bytes: number[] = [];
  for (let offset = 0; offset < hex.length; offset += 8) {
    const word = parseHex(hex.slice(offset, offset + 8), 8);
    if (word === null) return null;
    const wordBytes = [word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff];
    bytes.push(...(byteOrder === 'LE' ? wordBytes.reverse() : wordBytes));
  }
  return family === 4 ? bytes.join('.') : formatIpv6(bytes);
}

function parseHex(text: string, maxDigits: number): number | null {
  if (text.length === 0 || text.length > maxDigits || !/^[0-9A-Fa-f]+$/.test(text)) return null;
  return Number.parseInt(text, 16);
}

function parseDecimal(text: string | undefined): number | null {
  if (text === undefined || text.length === 0 || text.length > 15 || !/^\d+$/.test(text)) return null;
  return Number(text);
}
