import { z } from 'zod';

/** A task's params checked against their protocol schema; the error names the fields, never their values. */
export function parseTaskParams<T>(schema: z.ZodType<T>, params: unknown, kind: string): T {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new Error(`invalid ${kind} params: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
