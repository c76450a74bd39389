import type { TextTest } from './compile-pattern.ts';
import { SigmaError } from './sigma-error.ts';

/* The cidr modifier: IPv4 and IPv6 networks, matched without allocating per event. */

const scratch = new Uint16Array(8);

export function compileCidr(cidr: string): TextTest {
  const slash = cidr.indexOf('/');
  const address = slash < 0 ? cidr : cidr.slice(0, slash);
  const prefixText = slash < 0 ? undefined : cidr.slice(slash + 1);
  const v4 = parseIPv4(address, 0, address.length);
  const bits = v4 >= 0 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits))
    throw new SigmaError('value_invalid', `${cidr} is not a CIDR network`);
  if (v4 >= 0) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    const network = (v4 & mask) >>> 0;
    return (text) => {
      const ip = ipv4Of(text);
      return ip >= 0 && (ip & mask) >>> 0 === network;
    };
  }
  if (!parseIPv6(address, scratch)) throw new SigmaError('value_invalid', `${cidr} is not a CIDR network`);
  const network = Uint16Array.from(scratch);
  return (text) => parseIPv6(text, scratch) && inPrefix(scratch, network, prefix);
}

/** An IPv4 address, also when written as IPv4-mapped IPv6 (`::ffff:192.0.2.1`); -1 when neither. */
function ipv4Of(text: string): number {
  const plain = parseIPv4(text, 0, text.length);
  if (plain >= 0 || !text.includes(':')) return plain;
  if (!parseIPv6(text, scratch)) return -1;
  for (let i = 0; i < 5; i++) if (scratch[i] !== 0) return -1;
  if (scratch[5] !== 0xffff) return -1;
  return (((scratch[6] ?? 0) << 16) | (scratch[7] ?? 0)) >>> 0;
}

function inPrefix(address: Uint16Array, network: Uint16Array, prefix: number): boolean {
  let bits = prefix;
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if (((address[i] ?? 0) & mask) !== ((network[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** Dotted quad in text[start, end) as an unsigned 32-bit number, or -1. */
function parseIPv4(text: string, start: number, end: number): number {
  let value = 0;
  let octets = 0;
  let at = start;
  while (octets < 4) {
    let octet = 0;
    let digits = 0;
    while (at < end) {
      const code = text.charCodeAt(at);
      if (code < 48 || code > 57) break;
      octet = octet * 10 + code - 48;
      digits++;
      at++;
    }
    if (digits === 0 || digits > 3 || octet > 255) return -1;
    value = value * 256 + octet;
    octets++;
    if (octets < 4) {
      if (text.charCodeAt(at) !== 46) return -1;
      at++;
    }
  }
  return at === end ? value : -1;
}

/** RFC 4291 text form (with `::`, an IPv4 tail and a `%zone`) into eight groups; false when it is not one. */
function parseIPv6(text: string, groups: Uint16Array): boolean {
  let end = text.indexOf('%');
  if (end < 0) end = text.length;
  if (end < 2) return false;
  groups.fill(0);
  let count = 0;
  let gapAt = -1;
  let at = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    gapAt = 0;
    at = 2;
  }
  while (at < end) {
    if (count === 8) return false;
    let value = 0;
    let digits = 0;
    const groupStart = at;
    while (at < end && digits <= 4) {
      const digit = hexDigit(text.charCodeAt(at));
      if (digit < 0) break;
      value = value * 16 + digit;
      digits++;
      at++;
    }
    if (at < end && text.charCodeAt(at) === 46) {
      if (count > 6) return false;
      const v4 = parseIPv4(text, groupStart, end);
      if (v4 < 0) return false;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      break;
    }
    if (digits === 0 || digits > 4) return false;
    groups[count++] = value;
    if (at === end) break;
    if (text.charCodeAt(at) !== 58) return false;
    at++;
    if (text.charCodeAt(at) === 58) {
      if (gapAt >= 0) return false;
      gapAt = count;
      at++;
    } else if (at === end) {
      return false;
    }
  }
  if (gapAt < 0) return count === 8;
  if (count === 8) return false;
  const tail = count - gapAt;
  for (let i = 0; i < tail; i++) {
    groups[7 - i] = groups[count - 1 - i] ?? 0;
    groups[count - 1 - i] = 0;
  }
  return true;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}
