import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { privateKeyFromPem, rawPublicKey } from '../agents/signing.ts';

export interface TaskSigningKey {
  privateKey: KeyObject;
  /** Raw 32-byte Ed25519 public key, base64url: what enrolled agents pin. */
  publicKey: string;
  file: string;
  created: boolean;
}

/** The key in `<pkiDir>/task-signing.key`; undefined when the server has not made one yet. */
export function loadTaskSigningKey(dir: string): TaskSigningKey | undefined {
  const file = join(dir, 'task-signing.key');
  if (!existsSync(file)) return undefined;
  return keyFrom(file, false);
}

/**
 * The server's Ed25519 key for signing tasks, `<pkiDir>/task-signing.key`
 * (0600), made on first start. Agents pin its public half at enrollment, so
 * replacing this file makes every enrolled agent refuse tasks until re-enrolled.
 */
export function loadOrCreateTaskSigningKey(dir: string): TaskSigningKey {
  const existing = loadTaskSigningKey(dir);
  if (existing) return existing;
  const file = join(dir, 'task-signing.key');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  // Two processes starting at once: the last rename wins, so both use what is now on disk.
  return keyFrom(file, true);
}

function keyFrom(file: string, created: boolean): TaskSigningKey {
  const privateKey = privateKeyFromPem(readFileSync(file, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 key`);
  return { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)), file, created };
}
