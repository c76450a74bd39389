import { countDigits } from './read-digits.ts';

export interface Priority {
  facility: number;
  severity: number;
  /** Where the text after `<PRI>` starts. */
  end: number;
}

/** `<PRI>` at the start of a line: one to three digits, 0–191 (facility × 8 + severity). */
export function parsePriority(text: string): Priority | undefined {
  if (text[0] !== '<') return undefined;
  const digits = countDigits(text, 1, 4);
  if (digits === 0 || digits > 3 || text[1 + digits] !== '>') return undefined;
  const value = Number(text.slice(1, 1 + digits));
  if (value > 191) return undefined;
  return { facility: value >> 3, severity: value & 7, end: digits + 2 };
}
