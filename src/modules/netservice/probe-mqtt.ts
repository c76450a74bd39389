import { randomBytes } from 'node:crypto';
import { cleanText } from './banner-line.ts';
import type { ClientProbe } from './service-facts.ts';

function mqttString(text: string): Buffer {
  const bytes = Buffer.from(text);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** A control packet: type and flags, remaining length (one byte suffices for what a probe sends), body. */
function packet(first: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([first, body.length]), body]);
}

/** CONNECT, MQTT 3.1.1, clean session, no user name or password. */
function connectPacket(clientId: string): Buffer {
  return packet(
    0x10,
    Buffer.concat([mqttString('MQTT'), Buffer.from([4, 0x02, 0, 10]), mqttString(clientId)]),
  );
}

const versionTopic = '$SYS/broker/version';
const subscribe = packet(
  0x82,
  Buffer.concat([Buffer.from([0, 1]), mqttString(versionTopic), Buffer.from([0])]),
);
const disconnect = Buffer.from([0xe0, 0]);

/** Control packets in `bytes` (type nibble, body), as many as are whole; bounded. */
export function readPackets(bytes: Buffer): { type: number; body: Buffer }[] {
  const packets = [];
  let offset = 0;
  while (packets.length < 20 && offset + 2 <= bytes.length) {
    let length = 0;
    let index = offset + 1;
    for (let shift = 0; shift < 28; shift += 7) {
      const byte = bytes[index++];
      if (byte === undefined) return packets;
      length += (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
    }
    if (index + length > bytes.length) break;
    packets.push({ type: (bytes[offset] ?? 0) >> 4, body: bytes.subarray(index, index + length) });
    offset = index + length;
  }
  return packets;
}

/** The broker's `$SYS/broker/version` (mosquitto publishes `mosquitto version 2.0.11`), when it arrived. */
export function brokerVersion(bytes: Buffer): { product?: string; version?: string } | undefined {
  for (const { type, body } of readPackets(bytes)) {
    if (type !== 3 || body.length < 2) continue;
    const topicLength = body.readUInt16BE(0);
    if (body.subarray(2, 2 + topicLength).toString('latin1') !== versionTopic) continue;
    const text = cleanText(body.subarray(2 + topicLength).toString('latin1'));
    const match = /^([A-Za-z][\w.-]{0,40}) version (\d[\w.+-]{0,30})/.exec(text);
    return match?.[1] && match[2] ? { product: match[1], version: match[2] } : { product: text };
  }
  return undefined;
}

const connackCodes: Record<number, string> = {
  1: 'unacceptable protocol version',
  2: 'identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
};

/**
 * CONNECT without credentials: CONNACK code 0 means anonymous clients may publish and subscribe.
 * Then the broker's version from `$SYS`, which brokers that allow it publish as a retained message.
 */
export const probeMqtt: ClientProbe = async (stream, { waitMs }) => {
  stream.write(connectPacket(`vigil-${randomBytes(4).toString('hex')}`));
  const reply = await stream.waitFor((bytes) => bytes.length >= 4, waitMs);
  if (reply[0] !== 0x20 || reply[1] !== 2 || (reply[2] ?? 0) > 1) return undefined;
  const code = reply[3] ?? 0;
  if (code !== 0) {
    stream.write(disconnect);
    return {
      service: 'mqtt',
      auth: code === 4 || code === 5 ? 'required' : 'unknown',
      method: 'probe',
      details: { connack: connackCodes[code] ?? String(code) },
    };
  }
  stream.consume();
  stream.write(subscribe);
  // The retained version comes right after SUBACK, or never.
  const published = await stream.waitFor(
    (bytes) => brokerVersion(bytes) !== undefined,
    Math.min(waitMs, 1000),
  );
  stream.write(disconnect);
  return { service: 'mqtt', ...brokerVersion(published), auth: 'none', method: 'probe' };
};
