import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import constants from 'ssh2/lib/protocol/constants.js';
import type { SshHostKey } from '../../protocol/net-ssh.ts';
import { oneLine } from '../notify/printable.ts';
import type { KexInit } from './parse-kexinit.ts';

export interface SshAuthProbe {
  /** Methods the server lists after `none`; `['none']` when it let `none` in. */
  authMethods?: string[] | undefined;
  hostKey?: SshHostKey | undefined;
}

/** A user name that says what the connection was, in the server's log. */
const probeUser = 'vigil-audit';

const curveBits: Record<string, number> = { nistp256: 256, nistp384: 384, nistp521: 521 };

/** A host key blob (RFC 4253 §6.6): its type, size and OpenSSH-style SHA-256 fingerprint. */
export function describeHostKey(algorithm: string, blob: Buffer): SshHostKey {
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  const strings: Buffer[] = [];
  for (let offset = 0; offset + 4 <= blob.length && strings.length < 3;) {
    const length = blob.readUInt32BE(offset);
    if (length > blob.length - offset - 4) break;
    strings.push(blob.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  const type = strings[0]?.toString('latin1') ?? 'unknown';
  let bits: number | undefined;
  if (type === 'ssh-rsa' && strings[2]) {
    // The modulus is an mpint: a leading zero byte keeps it positive and does not count.
    const modulus = strings[2];
    let start = 0;
    while (start < modulus.length && modulus[start] === 0) start += 1;
    const top = modulus[start] ?? 0;
    bits = top === 0 ? 0 : (modulus.length - start - 1) * 8 + (32 - Math.clz32(top));
  } else if (type.startsWith('ecdsa-sha2-')) {
    bits = curveBits[type.slice('ecdsa-sha2-'.length)];
  } else if (type === 'ssh-ed25519') {
    bits = 256;
  } else if (type === 'ssh-dss' && strings[1]) {
    bits = (strings[1].length - (strings[1][0] === 0 ? 1 : 0)) * 8;
  }
  return { algorithm, type: type.slice(0, 64), ...(bits === undefined ? {} : { bits }), fingerprint };
}

function common(offered: string[], supported: string[]): string[] {
  return offered.filter((name) => supported.includes(name));
}

/** Whether ssh2 can finish a key exchange with this server: a common algorithm in every list. */
function probeAlgorithms(kexInit: KexInit, hostKeyAlgorithm: string) {
  const algorithms = {
    kex: common(kexInit.kex, constants.SUPPORTED_KEX),
    serverHostKey: [hostKeyAlgorithm],
    cipher: common(kexInit.ciphersClientToServer, constants.SUPPORTED_CIPHER),
    hmac: common(kexInit.macsClientToServer, constants.SUPPORTED_MAC),
  };
  if (algorithms.hmac.length === 0) {
    // With an AEAD cipher the MAC is implicit and never negotiated (ssh2 and OpenSSH alike), so
    // a server offering only MACs ssh2 lacks (umac) is still reachable through its AEAD ciphers.
    algorithms.cipher = algorithms.cipher.filter(
      (name) => name.includes('gcm') || name.startsWith('chacha20'),
    );
    algorithms.hmac = constants.SUPPORTED_MAC.slice(0, 1);
  }
  return algorithms.kex.length > 0 && algorithms.cipher.length > 0 && algorithms.hmac.length > 0
    ? algorithms
    : undefined;
}

/** Host key algorithms ssh2 can verify, one per key (rsa-sha2-512, rsa-sha2-256 and ssh-rsa share one). */
export function hostKeyAlgorithmsToProbe(kexInit: KexInit): string[] {
  const byKey = new Map<string, string>();
  for (const name of common(kexInit.hostKeys, constants.SUPPORTED_SERVER_HOST_KEY)) {
    const key = name === 'rsa-sha2-512' || name === 'rsa-sha2-256' ? 'ssh-rsa' : name;
    if (!byKey.has(key)) byKey.set(key, name);
  }
  return [...byKey.values()];
}

/**
 * One full key exchange with ssh2 pinned to one host key algorithm: records the host key, then
 * sends a `none` userauth request and records the methods the server lists in its failure. No
 * credential is ever sent: the handler stops after the first answer. Resolves with what was
 * learnt; a server ssh2 cannot talk to yields an empty probe, not an error.
 */
export function probeSshAuth(
  endpoint: { address: string; port: number },
  kexInit: KexInit,
  hostKeyAlgorithm: string,
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<SshAuthProbe> {
  const algorithms = probeAlgorithms(kexInit, hostKeyAlgorithm);
  if (!algorithms || options.signal?.aborted) return Promise.resolve({});
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    const probe: SshAuthProbe = {};
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', finish);
      client.destroy();
      resolve(probe);
    };
    const timer = setTimeout(finish, options.timeoutMs);
    options.signal?.addEventListener('abort', finish, { once: true });
    client.on('ready', () => {
      probe.authMethods = ['none'];
      finish();
    });
    client.on('error', finish);
    client.on('close', finish);
    client.connect({
      host: endpoint.address,
      port: endpoint.port,
      username: probeUser,
      ident: 'Vigil_audit',
      readyTimeout: options.timeoutMs,
      algorithms,
      hostVerifier: (key) => {
        probe.hostKey = describeHostKey(hostKeyAlgorithm, key);
        return true;
      },
      authHandler: (methodsLeft) => {
        if (methodsLeft === null) return { type: 'none', username: probeUser };
        probe.authMethods = methodsLeft.slice(0, 16).map((name) => oneLine(name, 64));
        return false;
      },
    });
  });
}
