import { cleanText } from './banner-line.ts';
import type { ClientProbe, ServiceFacts } from './service-facts.ts';

/** The AMQP 0-9-1 protocol header a client opens with. */
const amqpHeader = Buffer.from('AMQP\x00\x00\x09\x01', 'latin1');

/** Bytes of fixed-size field values in a field table (AMQP 0-9-1 §4.2.5.5, RabbitMQ's errata). */
const fixedSizes: Record<string, number> = {
  t: 1,
  b: 1,
  B: 1,
  s: 2,
  u: 2,
  I: 4,
  i: 4,
  l: 8,
  f: 4,
  d: 8,
  D: 5,
  T: 8,
  V: 0,
};

/** The long-string entries of a field table (`product`, `version`, `platform`), other values skipped. */
function readFieldTable(table: Buffer): Record<string, string> {
  const strings: Record<string, string> = {};
  let offset = 0;
  for (let count = 0; count < 100 && offset < table.length; count++) {
    const keyLength = table[offset] ?? 0;
    const key = table.subarray(offset + 1, offset + 1 + keyLength).toString('latin1');
    const type = String.fromCharCode(table[offset + 1 + keyLength] ?? 0);
    offset += 2 + keyLength;
    if (type === 'S' || type === 'F' || type === 'A' || type === 'x') {
      if (offset + 4 > table.length) break;
      const size = table.readUInt32BE(offset);
      if (type === 'S')
        strings[key] = cleanText(table.subarray(offset + 4, offset + 4 + size).toString('utf8'));
      offset += 4 + size;
    } else if (fixedSizes[type] !== undefined) offset += fixedSizes[type];
    else break;
  }
  return strings;
}

/** A Connection.Start method frame (class 10, method 10): version and the server's properties. */
export function parseConnectionStart(bytes: Buffer): ServiceFacts | undefined {
  if (bytes.length < 7 + 4 + 2 + 4 || bytes[0] !== 1) return undefined;
  const size = bytes.readUInt32BE(3);
  if (size < 10 || size > 64 * 1024 || bytes.length < 7 + size + 1 || bytes[7 + size] !== 0xce)
    return undefined;
  const payload = bytes.subarray(7, 7 + size);
  if (payload.readUInt16BE(0) !== 10 || payload.readUInt16BE(2) !== 10) return undefined;
  const tableSize = payload.readUInt32BE(6);
  const properties = readFieldTable(payload.subarray(10, 10 + Math.min(tableSize, payload.length - 10)));
  const after = 10 + tableSize;
  const mechanisms =
    after + 4 <= payload.length
      ? cleanText(payload.subarray(after + 4, after + 4 + payload.readUInt32BE(after)).toString('latin1'))
      : undefined;
  return {
    service: 'amqp',
    ...(properties.product ? { product: properties.product } : {}),
    ...(properties.version ? { version: properties.version } : {}),
    method: 'probe',
    details: {
      protocol: `${payload[4] ?? 0}-${payload[5] ?? 0}`,
      ...(mechanisms ? { authMechanisms: mechanisms } : {}),
      ...(properties.platform ? { platform: properties.platform } : {}),
    },
  };
}

/**
 * The 0-9-1 header: a broker answers Connection.Start (product, version, SASL mechanisms), or, when it
 * speaks another version, its own protocol header before closing.
 */
export const probeAmqp: ClientProbe = async (stream, { waitMs }) => {
  stream.write(amqpHeader);
  const reply = await stream.waitFor(
    (bytes) =>
      parseConnectionStart(bytes) !== undefined || bytes.subarray(0, 4).toString('latin1') === 'AMQP',
    waitMs,
  );
  if (reply.length >= 8 && reply.subarray(0, 4).toString('latin1') === 'AMQP') {
    return { service: 'amqp', method: 'probe', details: { protocol: [...reply.subarray(4, 8)].join('-') } };
  }
  return parseConnectionStart(reply);
};
