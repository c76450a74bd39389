import { maxTaskOutputChars } from '../../protocol/tasks.ts';
import type { PackageChange } from '../../protocol/patch-api.ts';

/** Output past this is cut in the middle: the start says what ran, the end how it ended. */
const maxOutputChars = 64 * 1024;

export function clipMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = `\n[… ${text.length - max} characters cut …]\n`;
  const keep = Math.max(0, max - note.length);
  const head = Math.floor(keep / 4);
  return text.slice(0, head) + note + text.slice(text.length - (keep - head));
}

/**
 * A patch task's result as JSON that fits the task output limit whole, so the server can always
 * read it: the output is cut first (escaping can make it grow six-fold), then the change list.
 */
export function fitResult(result: {
  output: string;
  changes: PackageChange[];
  [field: string]: unknown;
}): string {
  let output = clipMiddle(result.output, maxOutputChars);
  let changes = result.changes;
  for (;;) {
    const left = result.changes.length - changes.length;
    const note = left > 0 ? `\n[${left} more package changes not shown]` : '';
    const json = JSON.stringify({ ...result, changes, output: output + note });
    if (json.length <= maxTaskOutputChars) return json;
    if (output.length > 1024) output = clipMiddle(output, Math.floor(output.length / 2));
    else {
      output = '';
      changes = changes.slice(0, Math.floor(changes.length / 2));
    }
  }
}
