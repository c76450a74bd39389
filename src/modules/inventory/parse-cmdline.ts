import { clip } from './clip.ts';

export const maxCmdline = 4096;

/**
 * `/proc/<pid>/cmdline`: NUL-terminated arguments, joined by spaces. A
 * process may rewrite it, so this is what the process claims, not what ran.
 */
export function parseCmdline(text: string): string {
  const args = text.split('\u0000');
  if (args.at(-1) === '') args.pop();
  // Programs that retitle themselves (postgres) pad the rewritten area with spaces.
  return clip(args.join(' ').trimEnd(), maxCmdline);
}
