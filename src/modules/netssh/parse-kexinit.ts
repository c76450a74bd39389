import { SshAuditError } from './ssh-audit-error.ts';

/** The algorithm lists of one SSH_MSG_KEXINIT (RFC 4253 §7.1), server to client where it matters. */
export interface KexInit {
  kex: string[];
  hostKeys: string[];
  ciphersClientToServer: string[];
  ciphersServerToClient: string[];
  macsClientToServer: string[];
  macsServerToClient: string[];
  compressionClientToServer: string[];
  compressionServerToClient: string[];
  firstKexPacketFollows: boolean;
}

export const SSH_MSG_KEXINIT = 20;

// RFC 4251 §6: names are at most 64 characters; no real server offers hundreds of algorithms.
const maxNameLength = 64;
const maxNames = 256;

/**
 * Reads one name-list at `offset`: strictly (RFC 4251 §5): printable US-ASCII names without
 * commas or spaces, none empty, each at most 64 characters. A hostile server gets an error, not
 * a half-read list.
 */
function readNameList(payload: Buffer, offset: number, what: string): { names: string[]; next: number } {
  if (offset + 4 > payload.length) throw bad(`${what}: truncated length`);
  const length = payload.readUInt32BE(offset);
  const start = offset + 4;
  if (length > payload.length - start) throw bad(`${what}: list of ${length} bytes overruns the packet`);
  const names: string[] = [];
  let nameStart = start;
  for (let i = start; i <= start + length; i += 1) {
    const atEnd = i === start + length;
    const byte = atEnd ? 0x2c : payload[i];
    if (byte === 0x2c) {
      if (length === 0) break;
      const nameLength = i - nameStart;
      if (nameLength === 0) throw bad(`${what}: empty name`);
      if (nameLength > maxNameLength) throw bad(`${what}: name longer than ${maxNameLength} characters`);
      if (names.length === maxNames) throw bad(`${what}: more than ${maxNames} names`);
      names.push(payload.toString('latin1', nameStart, i));
      nameStart = i + 1;
    } else if (byte === undefined || byte <= 0x20 || byte >= 0x7f) {
      throw bad(`${what}: byte 0x${(byte ?? 0).toString(16)} in a name`);
    }
  }
  return { names, next: start + length };
}

function bad(message: string): SshAuditError {
  return new SshAuditError('bad-packet', `SSH_MSG_KEXINIT: ${message}`);
}

const listNames = [
  'kex',
  'hostKeys',
  'ciphersClientToServer',
  'ciphersServerToClient',
  'macsClientToServer',
  'macsServerToClient',
  'compressionClientToServer',
  'compressionServerToClient',
  'languagesClientToServer',
  'languagesServerToClient',
] as const;

/** An SSH_MSG_KEXINIT payload (message number first); throws SshAuditError `bad-packet`. */
export function parseKexInit(payload: Buffer): KexInit {
  if (payload[0] !== SSH_MSG_KEXINIT) throw bad(`message ${payload[0] ?? 'none'} is not KEXINIT`);
  let offset = 1 + 16;
  const lists: Partial<Record<(typeof listNames)[number], string[]>> = {};
  for (const name of listNames) {
    const { names, next } = readNameList(payload, offset, name);
    lists[name] = names;
    offset = next;
  }
  if (offset + 5 > payload.length) throw bad('truncated after the name-lists');
  return {
    kex: lists.kex ?? [],
    hostKeys: lists.hostKeys ?? [],
    ciphersClientToServer: lists.ciphersClientToServer ?? [],
    ciphersServerToClient: lists.ciphersServerToClient ?? [],
    macsClientToServer: lists.macsClientToServer ?? [],
    macsServerToClient: lists.macsServerToClient ?? [],
    compressionClientToServer: lists.compressionClientToServer ?? [],
    compressionServerToClient: lists.compressionServerToClient ?? [],
    firstKexPacketFollows: payload[offset] !== 0,
  };
}
