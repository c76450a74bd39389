import { isIPv4, isIPv6 } from 'node:net';

/**
 * Orders IP addresses as numbers (`10.0.0.9` before `10.0.0.10`), IPv4 before IPv6, so reports list
 * hosts the way an admin reads a range; anything that is not an address sorts last, as text.
 */
export function compareAddresses(a: string, b: string): number {
  const x = addressBytes(a);
  const y = addressBytes(b);
  if (x === undefined || y === undefined) {
    if (x !== y) return x === undefined ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function addressBytes(address: string): number[] | undefined {
  if (isIPv4(address)) return address.split('.').map(Number);
  const bare = address.split('%')[0] ?? '';
  if (!isIPv6(bare)) return undefined;
  const [head = '', tail] = bare.split('::');
  const groups = (part: string | undefined): number[] => {
    if (part === undefined || part === '') return [];
    return part.split(':').flatMap((group) => {
      if (!group.includes('.')) return [Number.parseInt(group, 16)];
      const [p, q, r, s] = group.split('.').map(Number);
      return [((p ?? 0) << 8) | (q ?? 0), ((r ?? 0) << 8) | (s ?? 0)];
    });
  };
  const front = groups(head);
  const back = groups(tail);
  const words = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  return words.flatMap((word) => [word >> 8, word & 0xff]);
}
