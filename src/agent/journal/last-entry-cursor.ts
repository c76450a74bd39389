import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { lastEntryArgs, type JournalSelection } from './journalctl-args.ts';

const run = promisify(execFile);

/**
 * The cursor of the journal's last entry, or null when the journal is empty. Starting "at the
 * end" saves it before anything is read, so entries written while the agent is down after its
 * first start are still collected when it comes back.
 */
export async function lastEntryCursor(
  journalctlPath: string,
  selection: JournalSelection,
  signal: AbortSignal,
): Promise<string | null> {
  const { stdout } = await run(journalctlPath, lastEntryArgs(selection), {
    timeout: 30_000,
    maxBuffer: 1024 * 1024,
    signal,
  });
  const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
  if (line === undefined) return null;
  const cursor = (JSON.parse(line) as { __CURSOR?: unknown }).__CURSOR;
  if (typeof cursor !== 'string') throw new Error('journalctl printed an entry without a cursor');
  return cursor;
}
