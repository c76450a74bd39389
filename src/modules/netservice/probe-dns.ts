import { cleanText } from './banner-line.ts';
import type { ClientProbe, ServiceFacts } from './service-facts.ts';

const queryId = 0x5649;

/** `version.bind. CH TXT` over TCP (RFC 1035 §4.2.2: two-byte length first), no recursion asked. */
function versionBindQuery(): Buffer {
  const name = Buffer.from('\x07version\x04bind\x00', 'latin1');
  const message = Buffer.alloc(12 + name.length + 4);
  message.writeUInt16BE(queryId, 0);
  message.writeUInt16BE(1, 4);
  name.copy(message, 12);
  message.writeUInt16BE(16, 12 + name.length);
  message.writeUInt16BE(3, 14 + name.length);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(message.length);
  return Buffer.concat([length, message]);
}

/** Skips a (possibly compressed) domain name; the offset after it, or -1. */
function skipName(message: Buffer, offset: number): number {
  for (let labels = 0; labels < 128 && offset < message.length; labels++) {
    const length = message[offset] ?? 0;
    if (length === 0) return offset + 1;
    if ((length & 0xc0) === 0xc0) return offset + 2;
    offset += 1 + length;
  }
  return -1;
}

/** A DNS reply to the probe: its rcode, and the first TXT answer (the server's version text) if any. */
export function parseDnsReply(bytes: Buffer): ServiceFacts | undefined {
  if (bytes.length < 2 + 12) return undefined;
  const message = bytes.subarray(2, 2 + bytes.readUInt16BE(0));
  if (
    message.length < 12 ||
    message.readUInt16BE(0) !== queryId ||
    (message.readUInt16BE(2) & 0x8000) === 0
  ) {
    return undefined;
  }
  const rcode = message.readUInt16BE(2) & 0x0f;
  const answers = message.readUInt16BE(6);
  let offset = skipName(message, 12);
  if (offset < 0) return { service: 'dns', method: 'probe', details: { rcode: String(rcode) } };
  offset += 4;
  let text: string | undefined;
  for (let index = 0; index < Math.min(answers, 10) && text === undefined; index++) {
    offset = skipName(message, offset);
    if (offset < 0 || offset + 10 > message.length) break;
    const type = message.readUInt16BE(offset);
    const length = message.readUInt16BE(offset + 8);
    const data = message.subarray(offset + 10, offset + 10 + length);
    offset += 10 + length;
    if (type === 16 && data.length > 0)
      text = cleanText(data.subarray(1, 1 + (data[0] ?? 0)).toString('latin1'));
  }
  const product = text ? dnsProduct(text) : {};
  return {
    service: 'dns',
    method: 'probe',
    ...product,
    ...(text ? { banner: text } : {}),
    details: { rcode: String(rcode), ...(text ? { versionBind: text } : {}) },
  };
}

/** `9.18.28-1~deb12u2-Debian` is BIND; dnsmasq, Unbound, PowerDNS and Knot name themselves. */
function dnsProduct(text: string): { product?: string; version?: string } {
  const bind = /^(9\.\d{1,3}\.\d{1,3})/.exec(text);
  if (bind?.[1]) return { product: 'ISC BIND', version: bind[1] };
  const named =
    /^(dnsmasq|unbound|PowerDNS(?: Recursor| Authoritative Server)?|Knot DNS)[- ]v?(\d[\w.]{0,20})/i.exec(
      text,
    );
  return named?.[1] && named[2] ? { product: named[1], version: named[2] } : {};
}

export const probeDns: ClientProbe = async (stream, { waitMs }) => {
  stream.write(versionBindQuery());
  const reply = await stream.waitFor(
    (bytes) => bytes.length >= 2 && bytes.length >= 2 + bytes.readUInt16BE(0),
    waitMs,
  );
  return parseDnsReply(reply);
};
