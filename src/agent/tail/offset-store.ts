import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { atomicWriteFile } from '../atomic-write.ts';

/** `dev:ino`, to find a file again after a restart. */
const Inode = z.string().regex(/^\d+:\d+$/);
const Fingerprint = z.string().regex(/^[0-9a-f]{64}$/);

const FileOffset = z.object({
  inode: Inode,
  fingerprint: Fingerprint,
  /** The path the file was first tailed under, reported with its lines. */
  path: z.string(),
  generation: z.number().int().min(0),
  /** Everything before this byte has been delivered. */
  offset: z.number().int().min(0),
  /** The line at `offset` was delivered truncated; the rest of it up to its newline is skipped. */
  skipping: z.boolean(),
  /** See content-anchor.ts. */
  anchor: z.string().regex(/^([0-9a-f]{32})?$/),
});
export type FileOffset = z.infer<typeof FileOffset>;

/** A file no longer tailed (deleted or rotated away), remembered in case its inode is reused. */
const RetiredFile = z.object({ inode: Inode, fingerprint: Fingerprint, generation: z.number().int().min(0) });
export type RetiredFile = z.infer<typeof RetiredFile>;

const OffsetFile = z.object({
  version: z.literal(1),
  files: z.array(FileOffset),
  retired: z.array(RetiredFile),
});
export type Offsets = Omit<z.infer<typeof OffsetFile>, 'version'>;

/** A missing file is a first start; a damaged one is reported so the caller can warn, never thrown. */
export async function loadOffsets(path: string): Promise<Offsets & { problem?: string }> {
  const empty = { files: [], retired: [] };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? empty : { ...empty, problem: `cannot read ${path}: ${code ?? String(error)}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ...empty, problem: `${path} is not valid JSON` };
  }
  const result = OffsetFile.safeParse(parsed);
  if (!result.success) return { ...empty, problem: `${path} does not hold tailer offsets` };
  return { files: result.data.files, retired: result.data.retired };
}

export function saveOffsets(path: string, offsets: Offsets): Promise<void> {
  return atomicWriteFile(path, `${JSON.stringify({ version: 1, ...offsets })}\n`);
}
