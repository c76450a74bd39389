import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { signatureVersion } from '../../protocol/agents.ts';

/*
 * Agents authenticate every request with an Ed25519 signature rather than
 * mTLS: it survives TLS-terminating proxies, needs no client certificates,
 * and binds the exact method, path, time, nonce and body. The server refuses
 * old timestamps and reused nonces, so a captured request cannot be replayed.
 */
export interface SignedParts {
  method: string;
  /** Path and query exactly as sent, e.g. `/api/agent/v1/events`. */
  target: string;
  timestamp: string;
  nonce: string;
  body: Uint8Array;
}

export function signedString(parts: SignedParts): string {
  const bodyHash = createHash('sha256').update(parts.body).digest('hex');
  return [
    signatureVersion,
    parts.method.toUpperCase(),
    parts.target,
    parts.timestamp,
    parts.nonce,
    bodyHash,
  ].join('\n');
}

export function signParts(privateKey: KeyObject, parts: SignedParts): string {
  return sign(null, Buffer.from(signedString(parts), 'utf8'), privateKey).toString('base64url');
}

export function verifyParts(publicKey: KeyObject, parts: SignedParts, signature: string): boolean {
  if (!/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
  return verify(
    null,
    Buffer.from(signedString(parts), 'utf8'),
    publicKey,
    Buffer.from(signature, 'base64url'),
  );
}

/* Raw 32-byte keys travel as base64url; node wants JWK or DER, and JWK is the shortest way there. */
export function publicKeyFromRaw(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return jwk.x;
}

export function privateKeyFromPem(pem: string): KeyObject {
  return createPrivateKey(pem);
}
