import { readdir } from 'node:fs/promises';

/** The numeric entries of procRoot, in ascending order. */
export async function listPids(procRoot: string): Promise<number[]> {
  const names = await readdir(procRoot);
  return names
    .filter((name) => name.length <= 10 && /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => a - b);
}
