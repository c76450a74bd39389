import { text } from 'node:stream/consumers';
import { UsageError } from './cli-error.ts';

/** Secrets come from standard input, never from argv where `ps` and shell history would show them. */
export async function readSecretFromStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError(`pipe the ${what} on standard input`);
  const value = (await text(process.stdin)).replace(/\r?\n$/, '');
  if (value.length === 0) throw new UsageError(`the ${what} on standard input is empty`);
  return value;
}
