import type { z } from 'zod';

export interface PatchOutput<T> {
  /** The agent's result; also on a failed task, which answers with the same JSON plus `error`. */
  result: T | null;
  /** Why the task failed, or null when it did not. */
  error: string | null;
  /** The package manager's output, or whatever the task answered when it is not a result. */
  output: string;
}

/**
 * A patch task's answer. Agents answer with JSON, failed or not (src/modules/patch); anything
 * else (an agent that refused the task, a timeout) is kept as text and is the error itself.
 */
export function readPatchOutput<T>(
  schema: z.ZodType<T>,
  task: { status: string; output: string | null },
): PatchOutput<T> {
  const text = task.output ?? '';
  const failed = task.status !== 'succeeded';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const error = failed
      ? `the task ${task.status.replace('_', ' ')}: ${firstLine(text) || 'no output'}`
      : 'the agent answered in a form this server does not read';
    return { result: null, error, output: text };
  }
  const said = (json as { error?: unknown }).error;
  const error = failed ? (typeof said === 'string' && said !== '' ? said : `the task ${task.status}`) : null;
  return { result: parsed.data, error, output: (parsed.data as { output?: string }).output ?? '' };
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return (newline < 0 ? text : text.slice(0, newline)).slice(0, 500);
}
