import { sign, verify, type KeyObject } from 'node:crypto';
import { taskSigningString, type TaskEnvelope } from '../../protocol/tasks.ts';

/** Signs a task for its agent (server side). */
export function signTask(privateKey: KeyObject, task: Omit<TaskEnvelope, 'signature'>): string {
  return sign(null, Buffer.from(taskSigningString(task), 'utf8'), privateKey).toString('base64url');
}

/** Whether the envelope carries a valid signature by the pinned server key (agent side). */
export function verifyTaskSignature(publicKey: KeyObject, envelope: TaskEnvelope): boolean {
  if (!/^[A-Za-z0-9_-]{86}$/.test(envelope.signature)) return false;
  const { signature, ...task } = envelope;
  try {
    return verify(
      null,
      Buffer.from(taskSigningString(task), 'utf8'),
      publicKey,
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}
