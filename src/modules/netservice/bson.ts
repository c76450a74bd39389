/*
 * The little BSON that a MongoDB probe needs (bsonspec.org): small command documents out, server
 * replies in. Decoding is bounded (nesting depth, element count) and throws BsonError on anything
 * malformed, so a hostile reply cannot run away with the parser.
 */

export class BsonError extends Error {
  readonly code = 'bad-bson';
}

export type BsonValue = number | string | boolean | null | BsonDocument | BsonValue[] | undefined;
export interface BsonDocument {
  [key: string]: BsonValue;
}

const maxDepth = 8;
const maxElements = 2000;

/** A command document of int32, string and boolean fields, in the given order (the command name first). */
export function encodeDocument(fields: [string, number | string | boolean][]): Buffer {
  const parts: Buffer[] = [];
  for (const [key, value] of fields) {
    const name = Buffer.from(`${key}\0`);
    if (typeof value === 'number') {
      const body = Buffer.alloc(4);
      body.writeInt32LE(value);
      parts.push(Buffer.from([0x10]), name, body);
    } else if (typeof value === 'boolean') {
      parts.push(Buffer.from([0x08]), name, Buffer.from([value ? 1 : 0]));
    } else {
      const text = Buffer.from(`${value}\0`);
      const length = Buffer.alloc(4);
      length.writeInt32LE(text.length);
      parts.push(Buffer.from([0x02]), name, length, text);
    }
  }
  const body = Buffer.concat(parts);
  const document = Buffer.alloc(body.length + 5);
  document.writeInt32LE(document.length, 0);
  body.copy(document, 4);
  return document;
}

export function decodeDocument(bytes: Buffer): BsonDocument {
  const budget = { elements: 0 };
  return readDocument(bytes, 0, budget);
}

function readDocument(bytes: Buffer, depth: number, budget: { elements: number }): BsonDocument {
  if (depth > maxDepth) throw new BsonError('BSON nested too deep');
  if (bytes.length < 5) throw new BsonError('BSON document too short');
  const length = bytes.readInt32LE(0);
  if (length < 5 || length > bytes.length || bytes[length - 1] !== 0) throw new BsonError('bad BSON length');
  const document: BsonDocument = {};
  let offset = 4;
  while (offset < length - 1) {
    if (++budget.elements > maxElements) throw new BsonError('too many BSON elements');
    const type = bytes[offset] ?? 0;
    const nameEnd = bytes.indexOf(0, offset + 1);
    if (nameEnd < 0 || nameEnd >= length) throw new BsonError('bad BSON name');
    const key = bytes.subarray(offset + 1, nameEnd).toString('utf8');
    offset = nameEnd + 1;
    const need = (size: number) => {
      if (size < 0 || offset + size > length - 1) throw new BsonError('BSON value past the end');
    };
    let value: BsonValue;
    switch (type) {
      case 0x01:
        need(8);
        value = bytes.readDoubleLE(offset);
        offset += 8;
        break;
      case 0x02: {
        need(4);
        const size = bytes.readInt32LE(offset);
        need(4 + size);
        value = bytes.subarray(offset + 4, offset + 4 + Math.max(0, size - 1)).toString('utf8');
        offset += 4 + size;
        break;
      }
      case 0x03:
      case 0x04: {
        need(4);
        const size = bytes.readInt32LE(offset);
        need(size);
        const inner = readDocument(bytes.subarray(offset, offset + size), depth + 1, budget);
        value = type === 0x03 ? inner : Object.values(inner);
        offset += size;
        break;
      }
      case 0x05: {
        need(4);
        const size = bytes.readInt32LE(offset);
        need(5 + size);
        offset += 5 + size;
        break;
      }
      case 0x07:
        need(12);
        offset += 12;
        break;
      case 0x08:
        need(1);
        value = bytes[offset] === 1;
        offset += 1;
        break;
      case 0x09:
      case 0x11:
      case 0x12:
        need(8);
        value = Number(bytes.readBigInt64LE(offset));
        offset += 8;
        break;
      case 0x0a:
        value = null;
        break;
      case 0x10:
        need(4);
        value = bytes.readInt32LE(offset);
        offset += 4;
        break;
      case 0x13:
        need(16);
        offset += 16;
        break;
      default:
        throw new BsonError(`unsupported BSON type ${type}`);
    }
    document[key] = value;
  }
  return document;
}
