import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { privateKeyFromPem } from '../modules/agents/signing.ts';

const AgentState = z.object({ agentId: z.string(), serverUrl: z.url(), group: z.string() });
export type AgentState = z.infer<typeof AgentState>;

export interface AgentIdentityFiles {
  keyFile: string;
  stateFile: string;
}

export function identityFiles(dataDir: string): AgentIdentityFiles {
  return { keyFile: join(dataDir, 'agent.key'), stateFile: join(dataDir, 'agent.json') };
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
  const { stateFile } = identityFiles(dataDir);
  if (!existsSync(stateFile)) return undefined;
  const parsed = AgentState.safeParse(JSON.parse(readFileSync(stateFile, 'utf8')));
  if (!parsed.success) throw new Error(`${stateFile} is damaged; remove it and enroll again`);
  return parsed.data;
}

export function writeState(dataDir: string, state: AgentState): void {
  writeFileSync(identityFiles(dataDir).stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}
