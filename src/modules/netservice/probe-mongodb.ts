import { cleanText } from './banner-line.ts';
import { decodeDocument, encodeDocument, type BsonDocument } from './bson.ts';
import type { ClientProbe } from './service-facts.ts';

const opMsg = 2013;

/** An OP_MSG (MongoDB 3.6+) carrying one command document in a kind-0 section. */
function commandMessage(requestId: number, command: [string, number | string | boolean][]): Buffer {
  const document = encodeDocument([...command, ['$db', 'admin']]);
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + document.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(opMsg, 12);
  header.writeUInt32LE(0, 16);
  header[20] = 0;
  return Buffer.concat([header, document]);
}

/** The reply's document, when `bytes` hold a whole OP_MSG answering `requestId`. */
export function readReply(bytes: Buffer, requestId: number): BsonDocument | undefined {
  if (bytes.length < 21) return undefined;
  const length = bytes.readInt32LE(0);
  if (length < 26 || length > 1024 * 1024 || bytes.length < length) return undefined;
  if (bytes.readInt32LE(8) !== requestId || bytes.readInt32LE(12) !== opMsg || bytes[20] !== 0)
    return undefined;
  try {
    return decodeDocument(bytes.subarray(21, length));
  } catch {
    return undefined;
  }
}

const complete = (bytes: Buffer) => bytes.length >= 4 && bytes.length >= bytes.readInt32LE(0);

/**
 * `hello` (wire version), `buildInfo` (version, allowed before login), then `listDatabases`: `ok: 1`
 * means an unauthenticated client can read the server's databases.
 */
export const probeMongodb: ClientProbe = async (stream, { waitMs }) => {
  const ask = async (id: number, command: [string, number | string | boolean][]) => {
    stream.consume();
    stream.write(commandMessage(id, command));
    return readReply(await stream.waitFor(complete, waitMs), id);
  };
  const hello = await ask(1, [['hello', 1]]);
  if (!hello || (hello.ok !== 1 && typeof hello.maxWireVersion !== 'number')) return undefined;
  const build = await ask(2, [['buildInfo', 1]]);
  const list = await ask(3, [
    ['listDatabases', 1],
    ['nameOnly', true],
  ]);
  const version = typeof build?.version === 'string' ? cleanText(build.version) : undefined;
  return {
    service: 'mongodb',
    product: 'MongoDB',
    ...(version ? { version } : {}),
    auth:
      list?.ok === 1
        ? 'none'
        : list?.code === 13 || list?.codeName === 'Unauthorized'
          ? 'required'
          : 'unknown',
    method: 'probe',
    details: {
      ...(typeof hello.maxWireVersion === 'number' ? { maxWireVersion: String(hello.maxWireVersion) } : {}),
      ...(Array.isArray(list?.databases) ? { databases: String(list.databases.length) } : {}),
    },
  };
};
