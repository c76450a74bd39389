import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** Injected so tests can make identifiers and secrets predictable. */
export interface Random {
  uuid(): string;
  /** URL-safe secret with `bytes` bytes of entropy. */
  secret(bytes?: number): string;
}

export const systemRandom: Random = {
  uuid: () => randomUUID(),
  secret: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
