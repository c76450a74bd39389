import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { privateKeyFromPem } from '../modules/agents/signing.ts';
import { certificateFingerprint } from '../modules/pki/fingerprint.ts';
import type { PinnedCa } from './agent-client.ts';

/** agent.json; with a pinned CA it holds the fingerprint, and server-ca.pem the certificate. */
const AgentStateFile = z.object({
  agentId: z.string(),
  serverUrl: z.url(),
  group: z.string(),
  caFingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  taskPublicKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
});

export interface AgentState {
  agentId: string;
  serverUrl: string;
  group: string;
  /** The server's CA, pinned at enrollment; absent when the token pinned none. */
  serverCa?: PinnedCa | undefined;
  /** The server's task-signing key (raw base64url), pinned at enrollment; agents enrolled before tasks existed have none and refuse every task. */
  taskPublicKey?: string | undefined;
}

export interface AgentIdentityFiles {
  keyFile: string;
  stateFile: string;
  serverCaFile: string;
}

export function identityFiles(dataDir: string): AgentIdentityFiles {
  return {
    keyFile: join(dataDir, 'agent.key'),
    stateFile: join(dataDir, 'agent.json'),
    serverCaFile: join(dataDir, 'server-ca.pem'),
  };
}

/** The agent's Ed25519 key, made once; the private half never leaves this file (mode 0600). */
export function loadOrCreateKey(dataDir: string): KeyObject {
  const { keyFile } = identityFiles(dataDir);
  if (existsSync(keyFile)) return privateKeyFromPem(readFileSync(keyFile, 'utf8'));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  return privateKey;
}

export function readState(dataDir: string): AgentState | undefined {
  const { stateFile, serverCaFile } = identityFiles(dataDir);
  if (!existsSync(stateFile)) return undefined;
  const parsed = AgentStateFile.safeParse(JSON.parse(readFileSync(stateFile, 'utf8')));
  if (!parsed.success) throw new Error(`${stateFile} is damaged; remove it and enroll again`);
  const { caFingerprint, ...state } = parsed.data;
  if (caFingerprint === undefined) return state;
  // Never fall back to trusting anything else: a missing or altered CA file stops the agent.
  let pem: string;
  try {
    pem = readFileSync(serverCaFile, 'utf8');
  } catch {
    throw new Error(`${serverCaFile} is missing but ${stateFile} pins a CA; restore it or enroll again`);
  }
  let matches = false;
  try {
    matches = certificateFingerprint(pem) === caFingerprint;
  } catch {
    // Not a certificate at all: reported below like any other mismatch.
  }
  if (!matches) throw new Error(`${serverCaFile} does not match the CA fingerprint pinned in ${stateFile}`);
  return { ...state, serverCa: { pem, fingerprint: caFingerprint } };
}

export function writeState(dataDir: string, state: AgentState): void {
  const { stateFile, serverCaFile } = identityFiles(dataDir);
  const { serverCa, ...rest } = state;
  // The certificate before the state that pins it, so a crash between leaves no pin without its CA.
  if (serverCa) writeFileSync(serverCaFile, serverCa.pem, { mode: 0o644 });
  const file = serverCa ? { ...rest, caFingerprint: serverCa.fingerprint } : rest;
  writeFileSync(stateFile, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
}
