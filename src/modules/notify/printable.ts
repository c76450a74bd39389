import { clipText } from './clip-text.ts';

/*
 * Log lines and entity names come from attackers. Control characters (escape
 * sequences, line breaks that forge new lines or headers), line separators and
 * bidirectional overrides (which reorder what a reader sees) become U+FFFD,
 * visible but harmless. Tabs stay: they are common in logs and harmless in a body.
 */
const unsafe = /[\0-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(unsafe, '\uFFFD');
}

/** For anything that becomes a header or a single line: no tabs, no line breaks, bounded. */
export function oneLine(text: string, max: number): string {
  return clipText(printable(text).replaceAll('\t', ' '), max);
}
